import { redactCredentials } from '@freechat/core';
import { UsageError } from '../commands/usage-error.js';
import type { CliIO } from '../terminal/io.js';
import { nonBlank } from './option-values.js';

/** A proxy named by the standard environment variables, and the variable that named it. */
export interface EnvironmentProxy {
  /** The variable, spelled as it is set: `https_proxy`, `HTTP_PROXY`, … */
  variable: string;
  /** Its value, with `http://` put in front when it has no scheme, as curl reads it. */
  url: string;
}

/** One entry of `NO_PROXY`: a host (or `*`), and the port it is limited to (0: any). */
interface NoProxyEntry {
  host: string;
  port: number;
  /** `*.example.com`: the subdomains only, not `example.com` itself. */
  subdomainsOnly: boolean;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

/**
 * The proxy the environment names for a request to `url`: `https_proxy`/`HTTPS_PROXY` for an
 * `https:` URL (else the HTTP proxy), `http_proxy`/`HTTP_PROXY` for an `http:` one, the lower-case
 * form first as curl reads them; none when `no_proxy`/`NO_PROXY` exempts the URL's host (`*`, a host
 * and its subdomains, `.host`, `*.host` for the subdomains only, each with an optional `:port`).
 */
export function environmentProxyFor(url: string, env: CliIO['env']): EnvironmentProxy | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const http = variableOf(env, 'http_proxy');
  const chosen = parsed.protocol === 'https:' ? (variableOf(env, 'https_proxy') ?? http) : http;
  if (chosen === undefined) return undefined;
  const noProxy = variableOf(env, 'no_proxy');
  if (noProxy !== undefined && exempts(noProxy.value, parsed)) return undefined;
  const value = chosen.value;
  return {
    variable: chosen.variable,
    url: /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value) ? value : `http://${value}`,
  };
}

/**
 * The one proxy the environment names for every URL of `owner` (a provider's mirrors), or undefined
 * when it names none for any of them.
 *
 * @throws UsageError when it names different proxies, or a proxy for some and none for others: a
 * provider sends all its requests one way.
 */
export function environmentProxyForAll(
  owner: string,
  urls: readonly string[],
  env: CliIO['env'],
): EnvironmentProxy | undefined {
  const proxies = urls.map((url) => environmentProxyFor(url, env));
  const first = proxies[0];
  const same = proxies.every(
    (proxy) => proxy?.variable === first?.variable && proxy?.url === first?.url,
  );
  if (same) return first;
  const routes = urls.map(
    (url, index) => `${redactCredentials(url)} ${proxies[index]?.variable ?? 'no proxy'}`,
  );
  throw new UsageError(
    `${owner}'s base URLs would go through different proxies of the environment (${routes.join(', ')}); ` +
      'one provider sends all its requests one way: list all of them in NO_PROXY or none, or give --proxy <url>',
  );
}

/** The variable `name` in lower case, else in upper case, when it holds more than blanks. */
function variableOf(
  env: CliIO['env'],
  name: string,
): { variable: string; value: string } | undefined {
  for (const variable of [name, name.toUpperCase()]) {
    const value = nonBlank(env[variable]);
    if (value !== undefined) return { variable, value };
  }
  return undefined;
}

function exempts(noProxy: string, url: URL): boolean {
  const host = url.hostname
    .replace(/^\[(.+)\]$/, '$1')
    .replace(/(.)\.$/, '$1')
    .toLowerCase();
  const port = Number(url.port) || DEFAULT_PORTS[url.protocol] || 0;
  return parseNoProxy(noProxy).some((entry) => {
    if (entry.port !== 0 && entry.port !== port) return false;
    if (entry.host === '*') return true;
    return (!entry.subdomainsOnly && host === entry.host) || host.endsWith(`.${entry.host}`);
  });
}

function parseNoProxy(noProxy: string): NoProxyEntry[] {
  return noProxy
    .split(/[\s,]+/)
    .filter((entry) => entry !== '')
    .map((entry) => {
      // `[::1]:443`, `host:443`; a bare IPv6 address has more than one colon and no port.
      const withPort =
        /^\[(.+)\]:(\d+)$/.exec(entry) ?? /^([^:]+):(\d+)$/.exec(entry.replace(/^\[(.+)\]$/, '$1'));
      const host = withPort?.[1] ?? entry.replace(/^\[(.+)\]$/, '$1');
      return {
        host: host
          .replace(/^\*?\./, '')
          .replace(/(.)\.$/, '$1')
          .toLowerCase(),
        port: withPort === null ? 0 : Number(withPort[2]),
        subdomainsOnly: entry.startsWith('*.'),
      };
    });
}
