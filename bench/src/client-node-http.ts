import { Agent, request } from 'node:http';
import type { BenchClient, BenchClientOptions } from './bench-client-kind.js';
import { readableText } from './reply-text.js';
import { generateURL, requestHeaders, signedRequestBody } from './signed-request.js';

/**
 * Node's own `node:http` client (S5's anchor for HTTP/1.1 without undici): `request()` on one
 * keep-alive Agent (no socket cap), the body read as it arrives with one streaming TextDecoder.
 */
export function createNodeHttpClient(options: BenchClientOptions): BenchClient {
  const url = new URL(generateURL(options.baseURL));
  const headers = requestHeaders(options.scenarioHeader);
  const agent = new Agent({ keepAlive: true });
  return {
    complete() {
      return new Promise((resolve, reject) => {
        const outgoing = request(url, { method: 'POST', headers, agent }, (response) => {
          if (response.statusCode !== 200) {
            response.resume();
            reject(new Error(`status ${response.statusCode}`));
            return;
          }
          readableText(response).then(resolve, reject);
        });
        outgoing.on('error', reject);
        outgoing.end(signedRequestBody());
      });
    },
    close: async () => agent.destroy(),
  };
}
