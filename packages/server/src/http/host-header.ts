import { isIPv4, isIPv6 } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { HttpError, invalidRequest } from './http-error.js';
import { redactHost } from './log-redaction.js';

/**
 * The `Host` values a server answers besides `localhost` and IP addresses: `true` for any, else host
 * names (lowercase, no port), a name with a leading dot standing for that domain and its subdomains.
 */
export type AllowedHosts = true | readonly string[];

/** A host name as `allowedHosts` takes it: labels of letters, digits, `-` and `_`, an optional leading dot. */
const HOST_NAME = /^\.?[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;

/** The part of a `Host` value after the host: nothing, or a colon and a port number. */
const PORT = /^(:\d{1,5})?$/;

/** The longest part of a refused `Host` value quoted in the error. */
const QUOTED_HOST_LENGTH = 100;

/**
 * Whether `name` can be an entry of `allowedHosts`: a host name without scheme, port or path, in
 * lowercase (`chat.example.com`, `.example.com`).
 */
export function isHostNameEntry(name: string): boolean {
  return HOST_NAME.test(name);
}

/**
 * Checks the `Host` header of every request before any route runs, the health check and the web page
 * included:
 *
 * - an HTTP/1.1 request without one (RFC 9112 §3.2) gets a 400 `malformed_http`;
 * - one that names neither `localhost`, an IP address, nor a host of `allowedHosts` (any port) gets a
 *   403 `host_not_allowed`.
 *
 * A browser sends the name it resolved, so a page of another site whose name an attacker points at this
 * machine (DNS rebinding) names that site, and is refused: without the check, such a page could read
 * the server's answers as its own origin's. An IP address can be no such name: a page served from it
 * is this server's own.
 */
export function checkHostHeader(fastify: FastifyInstance, allowedHosts: AllowedHosts): void {
  const names = new Set<string>();
  const domains: string[] = [];
  if (allowedHosts !== true) {
    for (const entry of allowedHosts) {
      if (entry.startsWith('.')) domains.push(entry);
      else names.add(entry);
    }
  }
  const isAllowedName = (name: string): boolean =>
    names.has(name) || domains.some((domain) => name === domain.slice(1) || name.endsWith(domain));
  // A callback hook, not an async one: it runs on every request, and an async hook costs a promise
  // and a microtask each time.
  fastify.addHook('onRequest', (request, _reply, done) => {
    const host = request.headers.host;
    if (host === undefined) {
      if (request.raw.httpVersion === '1.1') {
        done(invalidRequest(null, 'An HTTP/1.1 request needs a Host header.', 'malformed_http'));
        return;
      }
      done();
      return;
    }
    if (allowedHosts === true || isAllowedHost(host, isAllowedName)) {
      done();
      return;
    }
    done(hostNotAllowed(host));
  });
}

/** Whether a `Host` value names `localhost`, an IP address, or a name `isAllowedName` accepts. */
function isAllowedHost(host: string, isAllowedName: (name: string) => boolean): boolean {
  const bracketed = host.startsWith('[');
  const end = bracketed ? host.indexOf(']') + 1 : host.indexOf(':');
  const name = (end <= 0 ? host : host.slice(0, end)).toLowerCase();
  if (end > 0 && !PORT.test(host.slice(end))) return false;
  if (bracketed) return end > 0 && isIPv6(name.slice(1, -1));
  return name === 'localhost' || isIPv4(name) || isAllowedName(name);
}

/** The 403 for a `Host` not allowed, quoting it cut short and without anything like userinfo. */
function hostNotAllowed(host: string): HttpError {
  const shown = redactHost(host);
  const quoted =
    shown.length > QUOTED_HOST_LENGTH ? `${shown.slice(0, QUOTED_HOST_LENGTH)}…` : shown;
  return new HttpError({
    status: 403,
    type: 'invalid_request_error',
    code: 'host_not_allowed',
    message:
      `The Host header ${JSON.stringify(quoted)} names none of this server's hosts: address it as ` +
      'localhost or by IP address, or add the name to its allowedHosts (freechat serve ' +
      '--allowed-host). This guards the server against DNS rebinding.',
  });
}
