import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { type AgentServer, expectToolRoundTrip, startAgentServer } from '../test/agent-server.js';
import { agentTest, type CodingAgent, runAgent } from '../test/coding-agent.js';
import { createFileTask, type FileTask } from '../test/file-task.js';

/** opencode's look-up of its plugin package on the npm registry. */
const PLUGIN_LOOKUP = 'GET /@opencode-ai%2fplugin HTTP/1.1';

const OPENCODE: CodingAgent = {
  title: 'opencode',
  packageName: 'opencode-ai',
  command: 'opencode',
};

let server: AgentServer;
let task: FileTask;
beforeAll(async () => {
  server = await startAgentServer();
  task = createFileTask();
});
afterAll(async () => {
  await server?.close();
  task?.remove();
});

/**
 * `opencode.json` in `configHome/opencode`: freechat as an `@ai-sdk/openai-compatible` provider
 * (chat completions), its model the default and the small one (for the title), no updates, no
 * sharing.
 */
function writeOpencodeConfig(configHome: string, baseURL: string): void {
  const directory = join(configHome, 'opencode');
  mkdirSync(directory, { recursive: true });
  const config = {
    $schema: 'https://opencode.ai/config.json',
    provider: {
      freechat: {
        npm: '@ai-sdk/openai-compatible',
        name: 'freechat',
        options: { baseURL: `${baseURL}/v1`, apiKey: 'unused' },
        models: { free2gpt: { name: 'free2gpt' } },
      },
    },
    model: 'freechat/free2gpt',
    small_model: 'freechat/free2gpt',
    autoupdate: false,
    share: 'disabled',
  };
  writeFileSync(join(directory, 'opencode.json'), JSON.stringify(config, null, 2));
}

describe('opencode against freechat serve --emulator', () => {
  agentTest(
    OPENCODE,
    'reads a file with its read tool through /v1/chat/completions and answers with its words',
    async ({ bin }) => {
      const home = task.homeDirectory;
      const configHome = join(home, '.config');
      writeOpencodeConfig(configHome, server.url);
      const outcome = await runAgent(
        bin,
        ['run', `Read the file \`${task.path}\` and tell me what it says.`],
        {
          cwd: task.workDirectory,
          home,
          env: {
            XDG_CONFIG_HOME: configHome,
            XDG_DATA_HOME: join(home, '.local', 'share'),
            XDG_CACHE_HOME: join(home, '.cache'),
            XDG_STATE_HOME: join(home, '.local', 'state'),
            OPENCODE_DISABLE_MODELS_FETCH: '1',
            OPENCODE_DISABLE_AUTOUPDATE: '1',
            OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
          },
        },
      );
      const context = `exit ${outcome.code}\nstdout: ${outcome.stdout}\nstderr: ${outcome.stderr}`;
      expect(outcome.code, context).toBe(0);
      expect(outcome.stdout, context).toContain(task.secret);
      // Its one attempt to reach out: it looks its plugin package up on the npm registry at start (no
      // setting turns that off), and goes on without it when the registry refuses.
      expect(
        outcome.outsideAttempts.filter((attempt) => attempt !== PLUGIN_LOOKUP),
        context,
      ).toEqual([]);
      expectToolRoundTrip(
        server,
        { path: '/v1/chat/completions', tool: 'read', result: task.secret },
        context,
      );
    },
  );
});
