/**
 * S6's floor: the least a Node gateway can do for a streamed completion, in its own process. A
 * `node:http` server that parses the JSON body, signs the Free2GPT request, posts it upstream with
 * undici on one pooled Agent and sends each upstream chunk as one `chat.completion.chunk` event, then
 * `[DONE]` (`FloorUpstream`, `FloorEventStream`). Nothing else: no routing, no validation, no error
 * mapping, no stop sequences, no usage, no abort handling. Reports its URL over IPC and closes when
 * told to or when the runner goes away.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FloorRequest } from './floor-events.js';
import { FloorUpstream } from './floor-upstream.js';
import { gatewayArguments, serveGateway } from './gateway-process.js';

const { emulatorURL, scenarioHeader } = gatewayArguments('floor-gateway-process.js');
const upstream = new FloorUpstream(emulatorURL, scenarioHeader);

const server = createServer((incoming, outgoing) => {
  let body = '';
  incoming.setEncoding('utf8');
  incoming.on('data', (piece: string) => {
    body += piece;
  });
  incoming.on('end', () => upstream.relay(JSON.parse(body) as FloorRequest, outgoing));
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
serveGateway(`http://127.0.0.1:${port}`, async () => {
  server.closeAllConnections();
  await new Promise((closed) => server.close(closed));
  await upstream.close();
});
