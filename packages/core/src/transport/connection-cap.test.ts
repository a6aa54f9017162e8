import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { createProvider } from '../provider/create-provider.js';

let server: TestServer;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('maxConnections', () => {
  it('opens at most that many sockets to an origin and queues the other requests', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.handle(async (_request, response) => {
      response.writeHead(200).write('held ');
      await released;
      response.end('done');
    });
    const provider = createProvider(testDefinition, { baseURL: server.url, maxConnections: 3 });
    const replies = Array.from({ length: 12 }, () => provider.complete({ messages }));
    await server.requestArrived(3);
    expect(server.openSockets()).toBe(3);
    expect(server.requests).toHaveLength(3);
    release();
    expect(await Promise.all(replies)).toEqual(Array(12).fill('held done'));
    expect(server.requests).toHaveLength(12);
    expect(server.openSockets()).toBe(3);
    await provider.close();
  });

  for (const value of [0, -1, 1.5, 65_536, '8']) {
    it(`refuses ${JSON.stringify(value)} at creation`, () => {
      expect(() =>
        createProvider(testDefinition, { baseURL: server.url, maxConnections: value as number }),
      ).toThrow(/invalid maxConnections/);
    });
  }
});
