import { collectText, type Provider, ProviderError } from '@freechat/core';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type FreechatServer } from '../create-server.js';

/**
 * A failure of a kind the server has no mapping for (a ProviderError subclass it does not know) is an
 * upstream error like any other: before any text, a 502 in OpenAI's shape, streamed or not; never a
 * `finish_reason: "stop"` with no text.
 */
class UnmappedError extends ProviderError {
  constructor() {
    super({
      provider: 'empty',
      url: 'https://empty.example/api',
      status: 200,
      reason: 'the site answered 200 with an empty reply',
    });
    this.name = 'UnmappedError';
  }
}

/** A provider whose every reply ends with an UnmappedError before any text. */
function emptyProvider(): Provider {
  const stream = async function* (): AsyncGenerator<string, void, undefined> {
    yield* [];
    throw new UnmappedError();
  };
  return {
    id: 'empty',
    label: 'Empty',
    url: 'https://empty.example',
    lastKnownUp: true,
    supportsSystemMessage: true,
    defaultModel: 'default',
    models: ['default'],
    baseURLs: ['https://empty.example'],
    stream,
    complete: () => collectText(stream()),
    close: async () => {},
  };
}

let server: FreechatServer;
let url: string;
beforeAll(async () => {
  server = createServer({ providers: [emptyProvider()], cooldownTime: 0 });
  url = await server.listen();
});
afterAll(() => server.close());

describe('an upstream failure the server does not know by name', () => {
  for (const stream of [false, true]) {
    it(`is a 502 upstream_error before any text (stream: ${stream})`, async () => {
      const response = await request(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'empty',
          stream,
          messages: [{ role: 'user', content: 'Hi' }],
        }),
      });
      expect(response.statusCode).toBe(502);
      expect(await response.body.json()).toEqual({
        error: {
          message:
            '[empty] HTTP 200 from POST https://empty.example/api: the site answered 200 with an empty reply',
          type: 'upstream_error',
          param: null,
          code: 'upstream_error',
        },
      });
    });
  }
});
