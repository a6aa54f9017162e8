// One replica of the server in a process of its own, for the replicas test: built `dist/`, the four
// providers pointed at the emulator's sites, the JSON log on stderr; prints its URL on stdout, closes
// on SIGTERM. Run by Node itself (type stripping): `node test/replica.ts '<config JSON>'`.
import { createAIChatFree } from '@freechat/aichatfree';
import { createFree2GPT } from '@freechat/free2gpt';
import { createFreeGpt } from '@freechat/freegpt';
import { createGPROChat } from '@freechat/gprochat';
import { createServer, type ServerOptions } from '../dist/index.js';

/** What the test hands a replica: the emulator's sites and the server's options. */
export interface ReplicaConfig {
  sites: { free2gpt: string; aichatfree: string; gprochat: string; freegpt: string };
  server: ServerOptions;
}

const config = JSON.parse(process.argv[2]!) as ReplicaConfig;
const common = { retryDelay: 1 };
const server = createServer({
  providers: [
    createFree2GPT({ ...common, baseURL: config.sites.free2gpt }),
    createAIChatFree({ ...common, baseURL: config.sites.aichatfree }),
    createGPROChat({ ...common, baseURL: config.sites.gprochat }),
    createFreeGpt({ ...common, baseURL: config.sites.freegpt }),
  ],
  logger: true,
  logDestination: { write: (line) => void process.stderr.write(line) },
  ...config.server,
});
const url = await server.listen();
process.stdout.write(`${url}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
