import { type Emulator, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { runCli } from '../main.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

describe('freechat serve --site', () => {
  it('serves the deployment beside the built-in providers that --providers names', async () => {
    const test = createTestIO();
    const args = ['serve', '--port', '0', '--site', emulator.sites.aichatfree];
    const exit = runCli(
      [...args, '--template', 'gemini-pro-chat', '--providers', 'freegpt'],
      test.io,
    );
    const ended = exit.then((code) => {
      throw new Error(`serve ended with ${code}: ${test.stderr()}`);
    });
    const banner = await Promise.race([test.waitForStdout('Press Ctrl+C to stop.'), ended]);
    const url = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
    const models = (await (await fetch(`${url}/v1/providers`)).json()) as {
      data: { id: string; base_urls?: string[] }[];
    };
    test.send('SIGTERM');
    expect(await exit).toBe(0);
    expect(test.stderr()).not.toContain('freechat:');
    expect(banner).toContain('providers, in fallback order: freegpt, site');
    expect(models.data.map((provider) => provider.id)).toEqual(['freegpt', 'site']);
  });
});
