import { invalidRequest } from '../http/http-error.js';

/**
 * An earlier call's arguments as OpenAI's APIs carry them, a JSON string, parsed: a JSON object (an
 * empty string is no arguments).
 *
 * @param param - The request parameter that holds them, for the 400.
 * @throws HttpError 400 naming `param` for invalid JSON or JSON that is no object.
 */
export function parseCallArguments(text: string, param: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidRequest(param, `Invalid '${param}': expected a JSON object, got invalid JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest(param, `Invalid '${param}': expected a JSON object.`);
  }
  return value as Record<string, unknown>;
}
