import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, stepCountIs, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AgentServer, expectToolRoundTrip, startAgentServer } from '../test/agent-server.js';
import { createWeatherTool, WEATHER_CITY, WEATHER_QUESTION } from '../test/weather-tool.js';

let server: AgentServer;
beforeAll(async () => {
  server = await startAgentServer();
});
afterAll(() => server?.close());

describe('the AI SDK against freechat serve --emulator', () => {
  it('runs generateText with a tool and stopWhen: get_weather through /v1/chat/completions, then an answer quoting it', async () => {
    const weather = createWeatherTool();
    const freechat = createOpenAICompatible({
      name: 'freechat',
      baseURL: `${server.url}/v1`,
      apiKey: 'unused',
    });
    const result = await generateText({
      model: freechat('free2gpt'),
      tools: {
        [weather.name]: tool({
          description: weather.description,
          inputSchema: z.object({ city: z.string().describe('The city, in English.') }),
          execute: ({ city }) => weather.answer(city),
        }),
      },
      stopWhen: stepCountIs(4),
      maxRetries: 0,
      prompt: WEATHER_QUESTION,
    });
    expect(weather.cities).toEqual([WEATHER_CITY]);
    expect(result.steps.map((step) => step.finishReason)).toEqual(['tool-calls', 'stop']);
    expect(result.text, server.report()).toContain(weather.forecast);
    expectToolRoundTrip(server, {
      path: '/v1/chat/completions',
      tool: weather.name,
      result: weather.forecast,
    });
  });
});
