import type { IncomingHttpHeaders } from 'node:http';
import { parseScenarioStep, type ScenarioStep } from './scenario-step.js';

/** The request header whose JSON scenario step applies to that request only, ahead of the queues. */
export const SCENARIO_HEADER = 'x-emulator-scenario';

/**
 * The value of the `x-emulator-scenario` header for a step: its JSON with every non-ASCII character
 * escaped as `\uXXXX`, since header values travel as Latin-1.
 *
 * @example
 * headers[SCENARIO_HEADER] = scenarioHeaderValue({ text: 'Bonjour 👋', chunkSize: 3 });
 */
export function scenarioHeaderValue(step: ScenarioStep): string {
  return JSON.stringify(parseScenarioStep(step)).replace(
    /[\u007f-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The step a request's `x-emulator-scenario` header asks for, if it has one.
 *
 * @throws TypeError when the header is not JSON; InvalidSettingError when it is not a well-formed step.
 */
export function scenarioFromHeaders(headers: IncomingHttpHeaders): ScenarioStep | undefined {
  const header = headers[SCENARIO_HEADER];
  if (typeof header !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(header);
  } catch {
    throw new TypeError(`not valid JSON: ${header}`);
  }
  return parseScenarioStep(value);
}
