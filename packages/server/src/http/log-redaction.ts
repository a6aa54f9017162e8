import type { FastifyRequest } from 'fastify';

/** What stands in for a credential in a log line. */
const MASK = '***';

/** A query parameter (`?name=value`, `&name=value`, `;name=value`) anywhere in a text. */
const QUERY_PARAMETER = /([?&;])([^=&;#\s"']*)=([^&;#\s"']*)/g;

/** The names of query parameters whose values are credentials: `api_key`, `key`, `access_token`, … */
const CREDENTIAL_NAME = /key|token|pass|secret|auth|sig|credential|session/i;

/** The userinfo of a URL (`//user:password@`), up to the last `@` before the path. */
const USERINFO = /\/\/[^/?#\s"']*@/g;

/**
 * `text` with every credential a URL in it can carry masked: the values of query parameters named like
 * one (`api_key`, `key`, `token`, `password`, `secret`, `auth`, …, also percent-encoded) and userinfo
 * (`//user:password@`). A log line holds what clients sent; a client that puts its key in the URL
 * must not find it in the logs.
 *
 * @example
 * redactSecrets('/v1/models?api_key=sk-1&limit=5'); // '/v1/models?api_key=***&limit=5'
 */
export function redactSecrets(text: string): string {
  return text
    .replace(USERINFO, `//${MASK}@`)
    .replace(QUERY_PARAMETER, (parameter, separator: string, name: string, value: string) =>
      value !== '' && CREDENTIAL_NAME.test(decodeName(name))
        ? `${separator}${name}=${MASK}`
        : parameter,
    );
}

/**
 * The request as the logs show it (Fastify's `req` serializer): method, URL and `Host` with
 * {@link redactSecrets} applied, the client's address and port.
 */
export function serializeLoggedRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactSecrets(request.url),
    host: redactHost(request.host),
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** A `Host` value with anything before its last `@` masked (a Host carries no userinfo). */
export function redactHost(host: string): string {
  const at = host.lastIndexOf('@');
  return at === -1 ? host : `${MASK}${host.slice(at)}`;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll('+', ' '));
  } catch {
    return name;
  }
}
