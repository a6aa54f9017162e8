import { ChatOpenAI } from '@langchain/openai';
import { createAgent, tool } from 'langchain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AgentServer, expectToolRoundTrip, startAgentServer } from '../test/agent-server.js';
import { createWeatherTool, WEATHER_CITY, WEATHER_QUESTION } from '../test/weather-tool.js';

let server: AgentServer;
beforeAll(async () => {
  server = await startAgentServer();
});
afterAll(() => server?.close());

describe('LangChain against freechat serve --emulator', () => {
  it('runs createAgent with ChatOpenAI and a tool: get_weather through /v1/chat/completions, then an answer quoting it', async () => {
    const weather = createWeatherTool();
    const getWeather = tool(({ city }) => weather.answer(city), {
      name: weather.name,
      description: weather.description,
      schema: z.object({ city: z.string().describe('The city, in English.') }),
    });
    const model = new ChatOpenAI({
      model: 'free2gpt',
      apiKey: 'unused',
      maxRetries: 0,
      configuration: { baseURL: `${server.url}/v1` },
    });
    const agent = createAgent({ model, tools: [getWeather] });
    const result = await agent.invoke(
      { messages: [{ role: 'user', content: WEATHER_QUESTION }] },
      { recursionLimit: 8 },
    );
    expect(weather.cities).toEqual([WEATHER_CITY]);
    expect(result.messages.at(-1)?.text, server.report()).toContain(weather.forecast);
    expectToolRoundTrip(server, {
      path: '/v1/chat/completions',
      tool: weather.name,
      result: weather.forecast,
    });
  });
});
