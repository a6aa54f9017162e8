import { type Dispatcher, request } from 'undici';
import { expect } from 'vitest';
import { settleWithin } from './test-bounds.js';

/** A response, read whole. */
export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** What to send. */
export interface HttpCall {
  method?: Dispatcher.HttpMethod;
  path: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** How long any one request to the server may take. */
const REQUEST_BOUND = 5000;

/** Sends one request to `baseURL` and reads the whole response, bounded in time (never hangs). */
export async function send(
  dispatcher: Dispatcher,
  baseURL: string,
  call: HttpCall,
): Promise<HttpReply> {
  const exchange = async (): Promise<HttpReply> => {
    const response = await request(`${baseURL}${call.path}`, {
      dispatcher,
      method: call.method ?? 'POST',
      headers: call.headers ?? { 'content-type': 'application/json' },
      body: call.body,
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      text: await response.body.text(),
    };
  };
  return settleWithin(
    exchange(),
    REQUEST_BOUND,
    `${call.method ?? 'POST'} ${call.path.slice(0, 80)}`,
  );
}

/** Checks a 4xx answered in OpenAI's error shape `{error: {message, type, param, code}}`. */
export function expectOpenAIError(reply: HttpReply): { message: string; param: string | null } {
  expect(reply.status, reply.text.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(reply.status, reply.text.slice(0, 300)).toBeLessThan(500);
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(reply.text) as { error?: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  const { message, type, param, code } = body.error ?? {};
  expect(typeof message === 'string' && message.length > 0).toBe(true);
  expect(typeof type).toBe('string');
  expect(param === null || typeof param === 'string').toBe(true);
  expect(code === null || typeof code === 'string').toBe(true);
  return { message: message as string, param: param as string | null };
}
