import Anthropic from '@anthropic-ai/sdk';
import { request } from 'undici';
import { checkingFetch, type SeenResponse } from './test-anthropic-validator.js';
import type { TestServer } from './test-setup.js';

/** The official Anthropic client pointed at a test server, every response it reads checked. */
export interface CheckedAnthropic {
  /** The client: `maxRetries: 0`, the key sent as `x-api-key` (as Claude Code sends it). */
  client: Anthropic;
  /**
   * Resolves once every response the client read so far is checked against Anthropic's shapes
   * (`checkResponse`), with those responses; rejects with the first failure.
   */
  settled(): Promise<SeenResponse[]>;
}

/**
 * An Anthropic client for the server at `test.url`, sending `apiKey` (default `unused`) as
 * `x-api-key`, as Claude Code does (the client itself sends its `apiKey` as a bearer token).
 */
export function anthropicClient(
  test: Pick<TestServer, 'url'>,
  apiKey = 'unused',
): CheckedAnthropic {
  const checker = checkingFetch();
  const client = new Anthropic({
    baseURL: test.url,
    apiKey: null,
    defaultHeaders: { 'x-api-key': apiKey },
    maxRetries: 0,
    fetch: checker.fetch,
  });
  return { client, settled: () => checker.settled() };
}

/** Posts `body` as JSON to `path` of the server, with `headers`. */
export function postJson(
  test: Pick<TestServer, 'url'>,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return request(`${test.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** The rejection of a promise, which must be the Anthropic client's APIError. */
export async function anthropicRejection(
  promise: Promise<unknown>,
): Promise<InstanceType<typeof Anthropic.APIError>> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof Anthropic.APIError)) {
    throw new Error(`expected the Anthropic client's APIError, got ${String(error)}`);
  }
  return error;
}
