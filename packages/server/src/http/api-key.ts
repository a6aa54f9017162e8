import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { HttpError } from './http-error.js';

/** Paths answered without an API key: the health check. */
const OPEN_PATHS = new Set(['/healthz']);

/**
 * Requires `Authorization: Bearer <key>`, `key` one of `apiKeys`, on every request but the health
 * check, CORS preflights and routes registered with the `WITHOUT_API_KEY` config (the web page). The
 * key is compared in constant time with every accepted key (all hashed to the same length first), so
 * the time taken does not tell which one, or how much of it, matched.
 */
export function requireApiKey(fastify: FastifyInstance, apiKeys: readonly string[]): void {
  const expected = apiKeys.map(digest);
  fastify.addHook('onRequest', async (request) => {
    if (request.method === 'OPTIONS' || OPEN_PATHS.has(request.url.split('?', 1)[0]!)) return;
    if ((request.routeOptions.config as { withoutApiKey?: boolean }).withoutApiKey) return;
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer +(\S.*)$/i.exec(header);
    if (match === null) {
      throw unauthorized(
        null,
        "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.",
      );
    }
    const given = digest(match[1]!);
    // Every key is compared, without stopping at a match.
    const matches = expected.filter((key) => timingSafeEqual(given, key)).length;
    if (matches === 0) {
      throw unauthorized('invalid_api_key', 'Incorrect API key provided.');
    }
  });
}

function unauthorized(code: string | null, message: string): HttpError {
  return new HttpError({
    status: 401,
    type: 'invalid_request_error',
    code,
    message,
    headers: { 'www-authenticate': 'Bearer' },
  });
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
