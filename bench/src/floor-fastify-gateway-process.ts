/**
 * S6's floor inside Fastify, in its own process: the floor's exact upstream request and events
 * (`FloorUpstream`, `FloorEventStream`: raw undici on one pooled Agent, one `chat.completion.chunk`
 * event per upstream chunk, `[DONE]`) in one Fastify route (`listenFloorRoute`: body parsed and checked
 * against a small JSON schema, reply hijacked, events written on `reply.raw`). What it costs over the
 * floor is Fastify's request path alone. It leaves out everything else the server does: no OpenAI
 * validation or error mapping, no freechat provider, no stop sequences, usage, status board, metrics,
 * hooks or abort handling. Reports its URL over IPC and closes when told to or when the runner goes
 * away.
 */
import { listenFloorRoute } from './floor-fastify-route.js';
import { FloorUpstream } from './floor-upstream.js';
import { gatewayArguments, serveGateway } from './gateway-process.js';

const { emulatorURL, scenarioHeader } = gatewayArguments('floor-fastify-gateway-process.js');
const upstream = new FloorUpstream(emulatorURL, scenarioHeader);
const route = await listenFloorRoute((request, response) => upstream.relay(request, response));
serveGateway(route.url, async () => {
  await route.close();
  await upstream.close();
});
