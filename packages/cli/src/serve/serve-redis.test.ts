import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { runCli } from '../main.js';
import { checkServeConfig } from './serve-config.js';

const directory = mkdtempSync(join(tmpdir(), 'freechat-serve-redis-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const PASSWORD = 'hunter2-redis-password';

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs `freechat serve --emulator --port 0 ...args` in this process until its banner. */
async function serve(args: readonly string[], env: Record<string, string> = {}) {
  const test = createTestIO({ env });
  const exit = runCli(['serve', '--emulator', '--port', '0', ...args], test.io);
  const banner = await test.waitForStdout('Press Ctrl+C to stop.');
  const url = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
  return { test, exit, url, banner };
}

describe('freechat serve and Redis', () => {
  it('takes FREECHAT_REDIS_URL, names the state in its banner with the password masked', async () => {
    const port = await closedPort();
    const { test, exit, url, banner } = await serve(['--providers', 'freegpt', '--log'], {
      FREECHAT_REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${port}`,
    });
    expect(banner).toContain(
      `state: shared through redis://***@127.0.0.1:${port} (keys freechat:…)`,
    );
    const health = (await (await fetch(`${url}/healthz`)).json()) as { state: unknown };
    expect(health.state).toEqual({ backend: 'redis', up: false });
    // Redis is down: the server answers from its own state.
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'freegpt', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(200);
    test.send('SIGTERM');
    expect(await exit).toBe(0);
    expect(test.stderr()).toContain('Redis cannot be used');
    expect(test.stdout() + test.stderr()).not.toContain(PASSWORD);
  });

  it('says the state is in process without Redis', async () => {
    const { test, exit, banner } = await serve(['--providers', 'freegpt']);
    expect(banner).toContain('state: in this process (one replica)');
    test.send('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('refuses a --redis URL with a password (ps shows it), without printing it', async () => {
    const test = createTestIO();
    const code = await runCli(
      ['serve', '--emulator', '--port', '0', '--redis', `redis://:${PASSWORD}@127.0.0.1:6379`],
      test.io,
    );
    expect(code).toBe(2);
    expect(test.stderr()).toContain('Set FREECHAT_REDIS_URL or "redis" in --config instead');
    expect(test.stderr()).not.toContain(PASSWORD);
  });

  it('reads API keys with names and limits from --config, and enforces them', async () => {
    const config = join(directory, 'keys.yaml');
    writeFileSync(
      config,
      'apiKeys:\n  - { key: sk-limited-one, name: team, requestsPerMinute: 1 }\n  - sk-plain\n',
      { mode: 0o600 },
    );
    const { test, exit, url } = await serve(['--providers', 'freegpt', '--config', config]);
    const ask = () =>
      fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-limited-one' },
        body: JSON.stringify({ model: 'freegpt', messages: [{ role: 'user', content: 'Hi' }] }),
      });
    expect((await ask()).status).toBe(200);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
    test.send('SIGTERM');
    expect(await exit).toBe(0);
  });
});

describe('the config file: apiKeys, redis', () => {
  it('reads key objects and plain keys, redis, redisKeyPrefix and storedResponseTtl', () => {
    expect(
      checkServeConfig('serve.yaml', {
        apiKeys: [{ key: 'sk-a', name: 'a', tokensPerDay: 1000, concurrentRequests: 2 }, 'sk-b'],
        redis: 'redis://127.0.0.1:6379',
        redisKeyPrefix: 'gateway-a:',
        storedResponseTtl: 3_600_000,
      }),
    ).toEqual({
      apiKeys: [{ key: 'sk-a', name: 'a', tokensPerDay: 1000, concurrentRequests: 2 }, 'sk-b'],
      redis: 'redis://127.0.0.1:6379',
      redisKeyPrefix: 'gateway-a:',
      storedResponseTtl: 3_600_000,
    });
  });

  it.each([
    [
      { apiKeys: [{ key: 'sk-a', requestsPerMinute: 0 }] },
      'invalid apiKeys[0].requestsPerMinute: expected a whole number from 1',
    ],
    [
      { apiKeys: [{ key: 'sk-a', requestsPerMinut: 5 }] },
      'invalid apiKeys[0].requestsPerMinut: not a known setting',
    ],
    [{ apiKeys: [{ name: 'a' }] }, 'invalid apiKeys[0].key: expected the key, got nothing'],
    [
      { apiKeys: [{ key: 'sk-a' }, 424242] },
      'invalid apiKeys[1]: expected a key or an object, got a number',
    ],
  ])('names the field of a bad key entry: %j', (value, message) => {
    expect(() => checkServeConfig('serve.yaml', value)).toThrow(message);
    try {
      checkServeConfig('serve.yaml', value);
    } catch (error) {
      expect((error as Error).message).not.toMatch(/sk-a|424242/);
    }
  });
});
