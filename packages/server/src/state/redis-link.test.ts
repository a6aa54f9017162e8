import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRedis, type TestRedis } from '../../test/test-redis.js';
import { RedisLink } from './redis-link.js';
import { REDIS_SCRIPTS } from './redis-scripts.js';

let redis: TestRedis;
let link: RedisLink;
beforeAll(async () => {
  redis = await startRedis();
  link = new RedisLink({
    url: redis.url,
    timeout: 1000,
    channel: 'test-channel',
    scripts: REDIS_SCRIPTS,
    onMessage: () => {},
    onUp: () => {},
    log: { info: () => {}, warn: () => {} },
  });
  await link.ready();
});
afterAll(async () => {
  await link.close();
  await redis.stop();
});

describe('RedisLink', () => {
  it('has every script loaded by the time it is up, so none is first sent after later commands', async () => {
    expect(link.up).toBe(true);
    const loaded = await link.run(
      (client) => client.script('EXISTS', ...REDIS_SCRIPTS.map((script) => script.sha)),
      async () => [],
    );
    expect(loaded).toEqual(REDIS_SCRIPTS.map(() => 1));
  });

  it('sends the commands asked in one turn of the event loop to Redis in one write', async () => {
    const writes = await link.run(
      async (client) => {
        // What the socket hands to the system: one `_write` or `_writev` is one system call.
        const socket = client.stream as typeof client.stream & {
          _write: (...args: unknown[]) => void;
          _writev: (...args: unknown[]) => void;
        };
        const one = vi.spyOn(socket, '_write');
        const many = vi.spyOn(socket, '_writev');
        try {
          // As a request's tokens spent and its slot given back, and other requests' admissions.
          const replies = await Promise.all(
            ['a', 'b', 'c', 'd'].map((name) => client.set(`test:${name}`, name)),
          );
          expect(replies).toEqual(['OK', 'OK', 'OK', 'OK']);
          return one.mock.calls.length + many.mock.calls.length;
        } finally {
          one.mockRestore();
          many.mockRestore();
        }
      },
      async () => -1,
    );
    expect(writes).toBe(1);
  });
});
