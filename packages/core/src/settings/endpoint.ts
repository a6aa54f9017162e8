import { describeValue } from './describe-value.js';
import { createOptionChecker } from './option-check.js';
import { redactCredentials } from './redact-credentials.js';

/** Where one base URL's requests go, split the way undici's `dispatch` wants it. */
export interface Endpoint {
  /** The base URL as given, without trailing slashes. */
  readonly baseURL: string;
  /** `scheme://host[:port]`. */
  readonly origin: string;
  /** The request path: the base URL's own path followed by `/api/generate`. */
  readonly path: string;
  /** The whole request URL, for messages and errors. */
  readonly url: string;
  /** The request headers for this endpoint (its own `origin`/`referer` when the site sends them). */
  readonly headers: Readonly<Record<string, string>>;
}

/** An endpoint's address, before its headers are known. */
export type EndpointAddress = Omit<Endpoint, 'headers'>;

/**
 * Validates one or more base URLs and resolves each to its `/api/generate` endpoint. A trailing slash
 * never yields `//api/generate`.
 */
export function resolveEndpoints(
  provider: string,
  baseURL: string | readonly string[],
  headersFor: (address: EndpointAddress) => Readonly<Record<string, string>>,
): Endpoint[] {
  const list = typeof baseURL === 'string' ? [baseURL] : baseURL;
  if (!Array.isArray(list) || list.length === 0) {
    createOptionChecker(provider).fail('baseURL', 'expected a URL or a non-empty list of URLs');
  }
  return list.map((entry, index) => {
    const field = typeof baseURL === 'string' ? 'baseURL' : `baseURL[${index}]`;
    const address = resolveEndpoint(provider, field, entry);
    return { ...address, headers: headersFor(address) };
  });
}

function resolveEndpoint(provider: string, field: string, baseURL: unknown): EndpointAddress {
  const check = createOptionChecker(provider);
  const fail = (message: string): never => check.fail(field, message);
  if (typeof baseURL !== 'string') return fail(`expected a string, got ${describeValue(baseURL)}`);
  const shown = redactCredentials(baseURL);
  let parsed: URL;
  try {
    parsed = new URL(baseURL);
  } catch {
    return fail(`"${shown}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    fail(`"${shown}" must start with http:// or https://`);
  }
  if (parsed.username || parsed.password) fail(`"${shown}" must not carry credentials`);
  if (parsed.search || parsed.hash) fail(`"${shown}" must not have a query or a fragment`);
  const basePath = parsed.pathname.replace(/\/+$/, '');
  const path = `${basePath}/api/generate`;
  return {
    baseURL: `${parsed.origin}${basePath}`,
    origin: parsed.origin,
    path,
    url: `${parsed.origin}${path}`,
  };
}
