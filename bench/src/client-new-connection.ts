import { Client } from 'undici';
import type { BenchClient, BenchClientOptions } from './bench-client-kind.js';
import { generateURL, requestHeaders, signedRequestBody } from './signed-request.js';

/**
 * A new connection for every request, closed after the reply, as the Python original does with a new
 * session per message: over HTTPS each request pays a TCP and a full TLS handshake. Otherwise the same
 * code as the raw undici client.
 */
export function createNewConnectionClient(options: BenchClientOptions): BenchClient {
  const url = new URL(generateURL(options.baseURL));
  const headers = requestHeaders(options.scenarioHeader);
  return {
    async complete() {
      const client = new Client(url.origin);
      try {
        const response = await client.request({
          path: url.pathname,
          method: 'POST',
          headers,
          body: signedRequestBody(),
        });
        if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
        const decoder = new TextDecoder();
        let text = '';
        for await (const chunk of response.body) text += decoder.decode(chunk, { stream: true });
        return text + decoder.decode();
      } finally {
        await client.close();
      }
    },
    close: async () => {},
  };
}
