/**
 * The OpenAI-compatible server's own process: `createServer({ providers }).listen()` with one Free2GPT
 * provider pointed at the emulator (every request asking for the given reply step), and, given a third
 * argument, the settings in it (JSON, `ServerSettings`: `apiKey`, `redis`, and more Free2GPT
 * providers by id, each asking for its own reply step). Reports its URL over IPC and closes when told
 * to or when the runner goes away.
 */
import { providerFactory } from '@freechat/core';
import { SCENARIO_HEADER } from '@freechat/emulator';
import { free2gptDefinition } from '@freechat/free2gpt';
import { createServer } from '@freechat/server';
import { gatewayArguments, type ServerSettings, serveGateway } from './gateway-process.js';

const { emulatorURL, scenarioHeader } = gatewayArguments('server-process.js');
const { replies = {}, ...settings } =
  process.argv[4] === undefined ? {} : (JSON.parse(process.argv[4]) as ServerSettings);
/** A Free2GPT provider named `id`, its every request asking the emulator for the reply `header` names. */
const answering = (id: string, header: string) =>
  providerFactory({ ...free2gptDefinition, id })({
    baseURL: `${emulatorURL}/free2gpt`,
    headers: { [SCENARIO_HEADER]: header },
  });
const providers = [
  answering(free2gptDefinition.id, scenarioHeader),
  ...Object.entries(replies).map(([id, header]) => answering(id, header)),
];
const server = createServer({ providers, ...settings });
serveGateway(await server.listen(), () => server.close());
