import { afterAll, beforeAll, describe, expect } from 'vitest';
import { type AgentServer, expectToolRoundTrip, startAgentServer } from '../test/agent-server.js';
import { agentTest, type CodingAgent, runAgent } from '../test/coding-agent.js';
import { createFileTask, type FileTask } from '../test/file-task.js';

const CLAUDE_CODE: CodingAgent = {
  title: 'Claude Code',
  packageName: '@anthropic-ai/claude-code',
  command: 'claude',
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

describe('Claude Code against freechat serve --emulator', () => {
  agentTest(
    CLAUDE_CODE,
    'reads a file with its Read tool through /v1/messages and answers with its words',
    async ({ bin }) => {
      const outcome = await runAgent(
        bin,
        [
          '-p',
          `Read the file \`${task.path}\` and tell me what it says.`,
          '--allowedTools',
          'Read',
          '--model',
          'free2gpt',
        ],
        {
          cwd: task.workDirectory,
          home: task.homeDirectory,
          env: {
            ANTHROPIC_BASE_URL: server.url,
            ANTHROPIC_API_KEY: 'unused',
            CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
            DISABLE_TELEMETRY: '1',
            DISABLE_AUTOUPDATER: '1',
          },
        },
      );
      const context = `exit ${outcome.code}\nstdout: ${outcome.stdout}\nstderr: ${outcome.stderr}`;
      expect(outcome.code, context).toBe(0);
      expect(outcome.stdout, context).toContain(task.secret);
      expect(outcome.outsideAttempts, context).toEqual([]);
      expectToolRoundTrip(
        server,
        { path: '/v1/messages', tool: 'Read', result: task.secret },
        context,
      );
    },
  );
});
