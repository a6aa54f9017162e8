/**
 * The OpenAI-compatible server's own process: `createServer({ providers }).listen()` with one Free2GPT
 * provider pointed at the emulator (every request asking for the given reply step). Reports its URL
 * over IPC and closes when told to or when the runner goes away.
 */
import { SCENARIO_HEADER } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import { createServer } from '@freechat/server';
import { gatewayArguments, serveGateway } from './gateway-process.js';

const { emulatorURL, scenarioHeader } = gatewayArguments('server-process.js');
const provider = createFree2GPT({
  baseURL: `${emulatorURL}/free2gpt`,
  headers: { [SCENARIO_HEADER]: scenarioHeader },
});
const server = createServer({ providers: [provider] });
serveGateway(await server.listen(), () => server.close());
