import type { BenchClient, BenchClientOptions } from './bench-client-kind.js';
import { generateURL, requestHeaders, signedRequestBody } from './signed-request.js';

/**
 * Node's global `fetch` (its bundled undici and global dispatcher), the body read as a web stream with
 * one streaming TextDecoder.
 */
export function createFetchClient(options: BenchClientOptions): BenchClient {
  const url = generateURL(options.baseURL);
  const headers = requestHeaders(options.scenarioHeader);
  return {
    async complete() {
      const response = await fetch(url, { method: 'POST', headers, body: signedRequestBody() });
      if (response.status !== 200 || response.body === null) {
        throw new Error(`status ${response.status}`);
      }
      const decoder = new TextDecoder();
      let text = '';
      for await (const chunk of response.body) text += decoder.decode(chunk, { stream: true });
      return text + decoder.decode();
    },
    close: async () => {},
  };
}
