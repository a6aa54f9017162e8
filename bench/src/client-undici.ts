import { Agent, request } from 'undici';
import type { BenchClient, BenchClientOptions } from './bench-client-kind.js';
import { generateURL, requestHeaders, signedRequestBody } from './signed-request.js';

/**
 * Raw undici as one would write it by hand: `request()` on one pooled keep-alive Agent, the body read
 * with `for await` and one streaming TextDecoder.
 */
export function createUndiciClient(options: BenchClientOptions, agent = new Agent()): BenchClient {
  const url = generateURL(options.baseURL);
  const headers = requestHeaders(options.scenarioHeader);
  return {
    async complete() {
      const response = await request(url, {
        method: 'POST',
        headers,
        body: signedRequestBody(),
        dispatcher: agent,
      });
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      const decoder = new TextDecoder();
      let text = '';
      for await (const chunk of response.body) text += decoder.decode(chunk, { stream: true });
      return text + decoder.decode();
    },
    close: () => agent.close(),
  };
}

/**
 * The same code on an Agent that speaks HTTP/2 (`allowH2`, up to 1 000 streams per connection, as
 * freechat's `http2` setting), against the emulator over TLS (S5).
 */
export function createUndiciHttp2Client(options: BenchClientOptions): BenchClient {
  const agent = new Agent({ allowH2: true, h2Options: { maxConcurrentStreams: 1_000 } });
  return createUndiciClient(options, agent);
}
