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
 * Resolves each base URL (checked by the settings' `baseURLSetting`, or a definition's own) to its
 * `/api/generate` endpoint. A trailing slash never yields `//api/generate`.
 */
export function resolveEndpoints(
  baseURL: string | readonly string[],
  headersFor: (address: EndpointAddress) => Readonly<Record<string, string>>,
): Endpoint[] {
  const list = typeof baseURL === 'string' ? [baseURL] : baseURL;
  return list.map((entry) => {
    const parsed = new URL(entry);
    const basePath = parsed.pathname.replace(/\/+$/, '');
    const path = `${basePath}/api/generate`;
    const address = {
      baseURL: `${parsed.origin}${basePath}`,
      origin: parsed.origin,
      path,
      url: `${parsed.origin}${path}`,
    };
    return { ...address, headers: headersFor(address) };
  });
}
