import { Agent, OpenAIResponsesModel, Runner, setTracingDisabled } from '@openai/agents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

let test: TestServer;
beforeAll(async () => {
  setTracingDisabled(true);
  test = await startTestServer({ server: { apiKey: 'sk-agents' } });
});
afterAll(() => test.close());

describe('the OpenAI Agents SDK against the server', () => {
  it('runs a multi-turn conversation chained with previousResponseId', async () => {
    const agent = new Agent({
      name: 'Assistant',
      instructions: 'Answer briefly.',
      model: new OpenAIResponsesModel(test.openai, 'free2gpt'),
    });
    const runner = new Runner({ tracingDisabled: true });
    const first = await runner.run(agent, 'My name is Ada.');
    expect(first.finalOutput).toContain('My name is Ada.');
    expect(first.lastResponseId).toMatch(/^resp_/);
    const second = await runner.run(agent, 'What is my name?', {
      previousResponseId: first.lastResponseId,
    });
    expect(second.lastResponseId).not.toBe(first.lastResponseId);
    // The second turn sent only its own input: the server put the first turn back in front of it.
    const messages = (test.emulator.requests.at(-1)!.body as { messages: unknown }).messages;
    expect(messages).toEqual([
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'My name is Ada.' },
      { role: 'assistant', content: first.finalOutput },
      { role: 'user', content: 'What is my name?' },
    ]);
    const stored = await test.openai.responses.retrieve(second.lastResponseId!);
    expect(stored.previous_response_id).toBe(first.lastResponseId);
  });
});
