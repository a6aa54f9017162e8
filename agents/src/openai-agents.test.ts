import { Agent, OpenAIProvider, Runner, tool } from '@openai/agents';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AgentServer, expectToolRoundTrip, startAgentServer } from '../test/agent-server.js';
import { createWeatherTool, WEATHER_CITY, WEATHER_QUESTION } from '../test/weather-tool.js';

let server: AgentServer;
beforeAll(async () => {
  server = await startAgentServer();
});
afterAll(() => server?.close());

describe('the OpenAI Agents SDK against freechat serve --emulator', () => {
  it('runs an agent with a function tool: get_weather through /v1/responses (its default), then an answer quoting it', async () => {
    const weather = createWeatherTool();
    const getWeather = tool({
      name: weather.name,
      description: weather.description,
      parameters: z.object({ city: z.string().describe('The city, in English.') }),
      execute: ({ city }) => weather.answer(city),
    });
    const agent = new Agent({
      name: 'Weather',
      instructions: 'Answer questions about the weather with the get_weather tool.',
      model: 'free2gpt',
      tools: [getWeather],
    });
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const runner = new Runner({
      modelProvider: new OpenAIProvider({ openAIClient: client }),
      tracingDisabled: true,
    });
    const result = await runner.run(agent, WEATHER_QUESTION, { maxTurns: 4 });
    expect(weather.cities).toEqual([WEATHER_CITY]);
    expect(result.finalOutput, server.report()).toContain(weather.forecast);
    expectToolRoundTrip(server, {
      path: '/v1/responses',
      tool: weather.name,
      result: weather.forecast,
    });
  });
});
