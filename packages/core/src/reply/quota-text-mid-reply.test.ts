import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { createProvider } from '../provider/create-provider.js';

const quota = testDefinition.rateLimit!.replyTexts![0]!;
let server: TestServer;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('the spent-quota text after the start of a reply', () => {
  for (const start of ['hello ', quota.slice(0, 2)]) {
    it(`is ordinary text once the reply began with ${JSON.stringify(start)}`, async () => {
      let openGate = (): void => {};
      const gate = new Promise<void>((resolve) => {
        openGate = resolve;
      });
      server.handle(async (_request, response) => {
        response.writeHead(200).write(`${start}x`);
        await gate; // sent only once the caller has the first piece
        response.end(`${quota} and more`);
      });
      const provider = createProvider(testDefinition, { baseURL: server.url, maxRetries: 0 });
      const pieces: string[] = [];
      for await (const text of provider.stream({ messages })) {
        pieces.push(text);
        openGate();
      }
      expect(pieces).toEqual([`${start}x`, `${quota} and more`]);
      await provider.close();
    });
  }
});
