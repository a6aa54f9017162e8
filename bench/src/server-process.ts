/**
 * The OpenAI-compatible server's own process: `createServer({ providers }).listen()` with one Free2GPT
 * provider pointed at the emulator (every request asking for the given reply step). Reports its URL
 * over IPC and closes when told to or when the runner goes away.
 */
import { SCENARIO_HEADER } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import { createServer } from '@freechat/server';

const [emulatorURL, scenarioHeader] = process.argv.slice(2);
if (emulatorURL === undefined || scenarioHeader === undefined || process.send === undefined) {
  throw new Error(
    'usage: node server-process.js <emulator URL> <scenario header>, forked with IPC',
  );
}
const provider = createFree2GPT({
  baseURL: `${emulatorURL}/free2gpt`,
  headers: { [SCENARIO_HEADER]: scenarioHeader },
});
const server = createServer({ providers: [provider] });
const url = await server.listen();

let closing = false;
const shutDown = () => {
  if (closing) return;
  closing = true;
  server.close().then(() => process.exit(0));
};
process.on('message', shutDown);
process.on('disconnect', shutDown);
process.send({ url });
