/**
 * S6's floor inside Fastify on freechat's provider, in its own process: the Fastify route of
 * `floor-fastify` (`listenFloorRoute`), but the upstream is asked through
 * `createFree2GPT({ baseURL, headers })` (the server's provider settings) with
 * `provider.stream({ messages, signal })`, a fresh AbortController's signal per request as the server
 * passes (never aborted here), and each text the provider yields sent as one event of the floor's shape
 * (`FloorEventStream`), then `[DONE]`. What it costs over `floor-fastify` is freechat's core: request
 * validation and signing, the attempt with its timers and abort wiring, the reply guards, the streaming
 * decoder and the async generator. It leaves out the server's own work: no OpenAI validation or error
 * mapping, no stop sequences, usage, status board, metrics, hooks, no abort on the client going away.
 * Reports its URL over IPC and closes when told to or when the runner goes away.
 */
import { SCENARIO_HEADER } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import { FloorEventStream } from './floor-events.js';
import { listenFloorRoute } from './floor-fastify-route.js';
import { gatewayArguments, serveGateway } from './gateway-process.js';

const { emulatorURL, scenarioHeader } = gatewayArguments('floor-core-gateway-process.js');
const provider = createFree2GPT({
  baseURL: `${emulatorURL}/free2gpt`,
  headers: { [SCENARIO_HEADER]: scenarioHeader },
});
const route = await listenFloorRoute(async ({ model, messages }, response) => {
  const texts = provider.stream({ messages, signal: new AbortController().signal });
  const events = new FloorEventStream(response, model, Date.now());
  for await (const text of texts) events.text(text);
  events.end();
});
serveGateway(route.url, async () => {
  await route.close();
  await provider.close();
});
