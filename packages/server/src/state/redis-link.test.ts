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
    type Socket = { _write: (...args: unknown[]) => void; _writev: (...args: unknown[]) => void };
    const socket = await link.run(
      async (client) => client.stream as unknown as Socket,
      async () => undefined,
    );
    // That run's own batch is written at setImmediate: let it go first.
    await new Promise(setImmediate);
    // What the socket hands to the system: one `_write` or `_writev` is one system call.
    const one = vi.spyOn(socket!, '_write');
    const many = vi.spyOn(socket!, '_writev');
    try {
      // As requests' admissions and settlements: each its own `run`, all in one turn.
      const replies = await Promise.all(
        ['a', 'b', 'c', 'd'].map((name) =>
          link.run(
            (client) => client.set(`test:${name}`, name),
            async () => 'local',
          ),
        ),
      );
      expect(replies).toEqual(['OK', 'OK', 'OK', 'OK']);
      expect(one.mock.calls.length + many.mock.calls.length).toBe(1);
    } finally {
      one.mockRestore();
      many.mockRestore();
    }
  });
});
