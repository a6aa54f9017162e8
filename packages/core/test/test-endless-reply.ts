import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { expect } from 'vitest';
import { ReplyTooLargeError } from '../src/errors/reply-too-large-error.js';
import type { TestServer } from './test-server.js';

const KIB = Buffer.alloc(1024, 'a');

/** A test server handler: writes `status`, then 1 KiB after 1 KiB while the client keeps the request. */
export function endlessReply(
  status = 200,
): (request: unknown, response: ServerResponse) => Promise<void> {
  return async (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/plain' });
    while (!response.destroyed) {
      if (!response.write(KIB))
        await Promise.race([once(response, 'drain'), once(response, 'close')]);
    }
  };
}

/** A test server handler: a 200 reply of 1 KiB after 1 KiB while the client keeps the request. */
export const endless = endlessReply();

/**
 * Expects `promise` to fail with the ReplyTooLargeError of provider `test` at `bound`, after the one
 * request `server` saw, and that request to be closed by the client.
 */
export async function expectClosedAt(
  server: TestServer,
  promise: Promise<unknown>,
  bound: number,
): Promise<void> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(ReplyTooLargeError.isInstance(error)).toBe(true);
  expect(error).toMatchObject({
    provider: 'test',
    url: `${server.url}/api/generate`,
    maxReplyBytes: bound,
    isRetryable: false,
  });
  expect((error as Error).message).toContain(`past ${bound} bytes`);
  expect(server.requests).toHaveLength(1);
  await server.requests[0]!.closed;
  expect(server.requests[0]!.clientClosed()).toBe(true);
}
