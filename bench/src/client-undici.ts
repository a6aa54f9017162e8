import { Agent, request } from 'undici';
import type { BenchClient, BenchClientOptions } from './bench-client-kind.js';
import { generateURL, requestHeaders, signedRequestBody } from './signed-request.js';

/**
 * Raw undici as one would write it by hand: `request()` on one pooled keep-alive Agent, the body read
 * with `for await` and one streaming TextDecoder.
 */
export function createUndiciClient(options: BenchClientOptions): BenchClient {
  const agent = new Agent();
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
