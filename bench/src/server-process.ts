/**
 * The OpenAI-compatible server's own process: `createServer({ providers }).listen()` with one Free2GPT
 * provider pointed at the emulator (every request asking for the given reply step), and, given a third
 * argument, the server settings in it (JSON: `apiKey`, `redis`). Reports its URL over IPC and closes
 * when told to or when the runner goes away.
 */
import { SCENARIO_HEADER } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import { createServer } from '@freechat/server';
import { gatewayArguments, type ServerSettings, serveGateway } from './gateway-process.js';

const { emulatorURL, scenarioHeader } = gatewayArguments('server-process.js');
const settings =
  process.argv[4] === undefined ? {} : (JSON.parse(process.argv[4]) as ServerSettings);
const provider = createFree2GPT({
  baseURL: `${emulatorURL}/free2gpt`,
  headers: { [SCENARIO_HEADER]: scenarioHeader },
});
const server = createServer({ providers: [provider], ...settings });
serveGateway(await server.listen(), () => server.close());
