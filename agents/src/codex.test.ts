import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { type AgentServer, expectToolRoundTrip, startAgentServer } from '../test/agent-server.js';
import { agentTest, type CodingAgent, runAgent } from '../test/coding-agent.js';
import { createFileTask, type FileTask } from '../test/file-task.js';

const CODEX: CodingAgent = { title: 'Codex CLI', packageName: '@openai/codex', command: 'codex' };

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
 * `~/.codex/config.toml`: freechat as a provider on the Responses API (Codex has no other), its key
 * read from FREECHAT_KEY. Web search and the multi-agent tools are off: they are hosted tools
 * (`web_search`, a `namespace`), which the server refuses (a server run with --drop-params ignores
 * them instead). Plugins and analytics are off: they reach out at start (github.com, chatgpt.com,
 * ab.chatgpt.com).
 */
function writeCodexConfig(home: string, baseURL: string): void {
  const directory = join(home, '.codex');
  mkdirSync(directory);
  writeFileSync(
    join(directory, 'config.toml'),
    `model = "free2gpt"
model_provider = "freechat"
web_search = "disabled"

[agents]
enabled = false

[features]
plugins = false

[analytics]
enabled = false

[model_providers.freechat]
name = "freechat"
base_url = "${baseURL}/v1"
wire_api = "responses"
env_key = "FREECHAT_KEY"
`,
  );
}

describe('Codex CLI against freechat serve --emulator', () => {
  agentTest(
    CODEX,
    'runs a command with exec_command through /v1/responses and answers with its output',
    async ({ bin }) => {
      writeCodexConfig(task.homeDirectory, server.url);
      const outcome = await runAgent(
        bin,
        [
          'exec',
          '--skip-git-repo-check',
          `Run \`cat ${task.fileName}\` and tell me what it prints.`,
        ],
        { cwd: task.workDirectory, home: task.homeDirectory, env: { FREECHAT_KEY: 'unused' } },
      );
      const context = `exit ${outcome.code}\nstdout: ${outcome.stdout}\nstderr: ${outcome.stderr}`;
      expect(outcome.code, context).toBe(0);
      expect(outcome.stdout, context).toContain(task.secret);
      expect(outcome.outsideAttempts, context).toEqual([]);
      expectToolRoundTrip(
        server,
        { path: '/v1/responses', tool: 'exec_command', result: task.secret },
        context,
      );
    },
  );
});
