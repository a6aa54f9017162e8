import { randomBytes } from 'node:crypto';

/** The question the SDK agents are asked: the city in backticks, as the emulator's tool model reads it. */
export const WEATHER_QUESTION = 'What is the weather in `Paris`?';

/** The city the question names. */
export const WEATHER_CITY = 'Paris';

/** A `get_weather` function tool for an SDK agent to run: its answer holds a word only it knows. */
export interface WeatherTool {
  /** `get_weather`. */
  name: string;
  /** What it does, for the model. */
  description: string;
  /** Its arguments' JSON Schema: `{ city: string }`. */
  parameters: {
    type: 'object';
    properties: { city: { type: 'string'; description: string } };
    required: ['city'];
  };
  /** A word found only in its answers (random per tool). */
  forecast: string;
  /** The cities it was asked about, in order. */
  cities: string[];
  /** Answers for `city` (and records it): JSON with the city and the forecast. */
  answer(city: string): string;
}

/** A new weather tool with its own forecast word. */
export function createWeatherTool(): WeatherTool {
  const forecast = `drizzle-${randomBytes(4).toString('hex')}`;
  const cities: string[] = [];
  return {
    name: 'get_weather',
    description: 'The weather now in a city.',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', description: 'The city, in English.' } },
      required: ['city'],
    },
    forecast,
    cities,
    answer: (city) => {
      cities.push(city);
      return JSON.stringify({ city, forecast });
    },
  };
}
