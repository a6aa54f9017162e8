import { emulatedReplyText, startEmulator } from '@freechat/emulator';
import { describe, expect, it } from 'vitest';
import { openConnection, readConnectionSettings } from './cli-connection.js';
import { runCli } from './main.js';
import { createTestIO } from './test-cli-io.js';
import { startTestProxy } from './test-proxy.js';

const HI = [{ role: 'user' as const, content: 'hi' }];

describe('HTTPS_PROXY, HTTP_PROXY and NO_PROXY', () => {
  it('send the requests through the proxy of the environment, except to NO_PROXY hosts', async () => {
    const [emulator, proxy] = await Promise.all([startEmulator(), startTestProxy()]);
    try {
      const chat = async (env: Record<string, string>, extra: string[] = []) => {
        const test = createTestIO({ env });
        const args = ['chat', '--base-url', emulator.sites.free2gpt, ...extra, 'hi'];
        const code = await runCli(args, test.io);
        expect(test.stderr()).toBe('');
        expect(code).toBe(0);
        expect(test.stdout()).toBe(`${emulatedReplyText('free2gpt', HI)}\n`);
      };
      const host = new URL(emulator.sites.free2gpt).host;
      await chat({ HTTP_PROXY: proxy.url });
      expect(proxy.targets).toEqual([host]);
      await chat({ http_proxy: proxy.url, NO_PROXY: '127.0.0.1' });
      expect(proxy.targets).toEqual([host]);
      // An explicit --proxy replaces the environment's.
      await chat({ HTTP_PROXY: 'http://127.0.0.1:9' }, ['--proxy', proxy.url]);
      expect(proxy.targets).toEqual([host, host]);
    } finally {
      await Promise.all([emulator.close(), proxy.close()]);
    }
  });
});

describe('connection settings precedence', () => {
  const file = { proxy: 'http://file.example:1', timeout: 5, maxRetries: 1 };

  it('puts flags over the environment over the config file', async () => {
    const env = { FREECHAT_PROXY: 'http://env.example:1' };
    const { io } = createTestIO({ env });
    const fromEnv = await openConnection(readConnectionSettings({}, ['free2gpt'], io), env);
    expect(fromEnv.settings(file)).toEqual({ ...file, proxy: 'http://env.example:1' });
    const flags = { proxy: 'http://flag.example:1', timeout: '7', retries: '0' };
    const fromFlags = await openConnection(readConnectionSettings(flags, ['free2gpt'], io), env);
    expect(fromFlags.settings(file)).toEqual({
      proxy: 'http://flag.example:1',
      timeout: 7,
      maxRetries: 0,
    });
    const bare = createTestIO().io;
    const none = await openConnection(readConnectionSettings({}, ['free2gpt'], bare), bare.env);
    expect(none.settings(file)).toEqual(file);
    await Promise.all([fromEnv.close(), fromFlags.close(), none.close()]);
  });

  it("uses HTTP_PROXY only where no proxy is set, and the file's proxy over it", async () => {
    const env = { HTTP_PROXY: 'http://127.0.0.1:9' };
    const { io } = createTestIO({ env });
    const connection = await openConnection(readConnectionSettings({}, ['free2gpt'], io), env);
    expect(connection.settings(file).dispatcher).toBeUndefined();
    expect(connection.settings({}).dispatcher).toBeDefined();
    await connection.close();
  });
});
