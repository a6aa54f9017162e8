import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ApiKeyEntry } from '../state/api-keys.js';
import { setPrincipal } from '../state/principal.js';
import { HttpError } from './http-error.js';

/** Paths answered without an API key: the health check. */
const OPEN_PATHS = new Set(['/healthz']);

/**
 * Requires `Authorization: Bearer <key>`, `key` one of `apiKeys`, on every request but the health
 * check, CORS preflights and routes registered with the `WITHOUT_API_KEY` config (the web page), and
 * records the matching key's principal on the request. The key is compared in constant time with
 * every accepted key (all hashed to the same length first), so the time taken does not tell which
 * one, or how much of it, matched.
 */
export function requireApiKey(fastify: FastifyInstance, apiKeys: readonly ApiKeyEntry[]): void {
  const expected = apiKeys.map((entry) => digest(entry.key));
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
    let matched = -1;
    expected.forEach((key, index) => {
      if (timingSafeEqual(given, key)) matched = index;
    });
    if (matched === -1) {
      throw unauthorized('invalid_api_key', 'Incorrect API key provided.');
    }
    setPrincipal(request, apiKeys[matched]!.principal);
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
