import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentServer, expectToolRoundTrip, startAgentServer } from '../test/agent-server.js';
import { createWeatherTool, WEATHER_CITY, WEATHER_QUESTION } from '../test/weather-tool.js';

let server: AgentServer;
beforeAll(async () => {
  server = await startAgentServer();
});
afterAll(() => server?.close());

/** The most model turns the loop runs: a call, then the answer; more is a loop that never ends. */
const MAX_TURNS = 4;

describe('the Anthropic SDK against freechat serve --emulator', () => {
  it('runs a tool-use loop: a get_weather call through /v1/messages, then an answer quoting it', async () => {
    const weather = createWeatherTool();
    const client = new Anthropic({ baseURL: server.url, apiKey: 'unused', maxRetries: 0 });
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: WEATHER_QUESTION }];
    let answer: string | undefined;
    for (let turn = 0; turn < MAX_TURNS; turn++) {
      const message = await client.messages.create({
        model: 'free2gpt',
        max_tokens: 1024,
        tools: [
          {
            name: weather.name,
            description: weather.description,
            input_schema: weather.parameters,
          },
        ],
        messages,
      });
      messages.push({ role: 'assistant', content: message.content });
      if (message.stop_reason !== 'tool_use') {
        answer = message.content
          .flatMap((block) => (block.type === 'text' ? [block.text] : []))
          .join('');
        break;
      }
      messages.push({
        role: 'user',
        content: message.content.flatMap((block) =>
          block.type === 'tool_use'
            ? [
                {
                  type: 'tool_result' as const,
                  tool_use_id: block.id,
                  content: weather.answer((block.input as { city: string }).city),
                },
              ]
            : [],
        ),
      });
    }
    expect(weather.cities).toEqual([WEATHER_CITY]);
    expect(answer, server.report()).toContain(weather.forecast);
    expectToolRoundTrip(server, {
      path: '/v1/messages',
      tool: weather.name,
      result: weather.forecast,
    });
  });
});
