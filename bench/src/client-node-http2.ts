import { connect } from 'node:http2';
import type { BenchClient, BenchClientOptions } from './bench-client-kind.js';
import { readableText } from './reply-text.js';
import { requestHeaders, signedRequestBody } from './signed-request.js';

/**
 * Node's own `node:http2` client on one cleartext connection to the bench's h2 reply server (S5's
 * anchor for what HTTP/2 to the upstream could save): every request a stream of that one session, the
 * body decoded with one streaming TextDecoder per reply.
 */
export function createNodeHttp2Client(options: BenchClientOptions): BenchClient {
  const { origin, pathname } = new URL(`${options.baseURL}/api/generate`);
  const session = connect(origin, { maxSessionMemory: 1024 });
  session.on('error', () => {});
  const headers = requestHeaders(options.scenarioHeader);
  return {
    complete() {
      return new Promise((resolve, reject) => {
        const stream = session.request({ ':method': 'POST', ':path': pathname, ...headers });
        stream.on('response', (responseHeaders) => {
          const status = Number(responseHeaders[':status']);
          if (status !== 200) {
            stream.resume();
            reject(new Error(`status ${status}`));
            return;
          }
          readableText(stream).then(resolve, reject);
        });
        stream.on('error', reject);
        stream.end(signedRequestBody());
      });
    },
    close: () => new Promise<void>((resolve) => session.close(() => resolve())),
  };
}
