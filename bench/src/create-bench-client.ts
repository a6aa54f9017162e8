import type { BenchClient, BenchClientOptions, ClientKind } from './bench-client-kind.js';
import { createFetchClient } from './client-fetch.js';
import { createFreechatClient, createFreechatHttp2Client } from './client-freechat.js';
import { createNewConnectionClient } from './client-new-connection.js';
import { createNodeHttpClient } from './client-node-http.js';
import { createNodeHttp2Client } from './client-node-http2.js';
import { createNodeNetClient } from './client-node-net.js';
import { createUndiciClient, createUndiciHttp2Client } from './client-undici.js';

const FACTORIES: Record<ClientKind, (options: BenchClientOptions) => BenchClient> = {
  freechat: createFreechatClient,
  'freechat-http2': createFreechatHttp2Client,
  undici: createUndiciClient,
  'undici-http2': createUndiciHttp2Client,
  fetch: createFetchClient,
  'new-connection': createNewConnectionClient,
  'node-http2': createNodeHttp2Client,
  'node-http': createNodeHttpClient,
  'node-net': createNodeNetClient,
};

/** Makes a client of the given kind. */
export function createBenchClient(kind: ClientKind, options: BenchClientOptions): BenchClient {
  return FACTORIES[kind](options);
}
