import { connect } from 'node:net';
import type { BenchClient, BenchClientOptions } from './bench-client-kind.js';
import { Http1ReplyParser } from './http1-reply-parser.js';
import { generateURL, requestHeaders, signedRequestBody } from './signed-request.js';

/**
 * A raw `node:net` socket per request (S5's floor for HTTP/1.1 in Node): the request written by hand
 * (`connection: close`; the socket is not half-closed, which `node:http`'s server takes
 * as an abort), the reply parsed by {@link Http1ReplyParser} as its chunks arrive, the
 * socket destroyed once the reply is complete. No HTTP library at all.
 */
export function createNodeNetClient(options: BenchClientOptions): BenchClient {
  const url = new URL(generateURL(options.baseURL));
  const fields = Object.entries(requestHeaders(options.scenarioHeader))
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const head = `POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\nconnection: close\r\n${fields}`;
  return {
    complete() {
      const body = signedRequestBody();
      return new Promise((resolve, reject) => {
        const socket = connect(Number(url.port), url.hostname);
        const parser = new Http1ReplyParser();
        const fail = (error: unknown) => {
          socket.destroy();
          reject(error);
        };
        socket.on('data', (chunk: Buffer) => {
          try {
            if (!parser.push(chunk)) return;
            socket.destroy();
            resolve(parser.text());
          } catch (error) {
            fail(error);
          }
        });
        socket.on('end', () => fail(new Error('the connection ended before the reply')));
        socket.on('error', fail);
        socket.write(`${head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      });
    },
    close: async () => {},
  };
}
