import type { Rejection } from '../faults/rejection.js';
import type { RequestRoute } from '../http/route-request.js';
import type { SiteProfile } from '../sites/site-profile.js';

/** A request that reached a site's `POST {base}/api/generate`. */
export interface GenerateRoute {
  ok: true;
  /** The site asked. */
  site: string;
  /** The base URL (the mirror, for FreeGpt) hit. */
  baseURL: string;
}

/** What `checkRoute` needs besides the route. */
export interface RouteContext {
  /** The request method. */
  method: string;
  /** The path exactly as sent. */
  path: string;
  /** Every deployment served. */
  deployments: ReadonlyMap<string, SiteProfile>;
  /** Strict mode: `//api/generate` is a 404 and another method a 405. */
  strict: boolean;
}

/** `{base}/api/generate`, and in the templates' own mode `{base}//api/generate` too (the sites served it). */
const TEMPLATE_API_PATH = /^\/+api\/generate$/;

/** The API path with a trailing slash, which no template route matches. */
const SLASHED_API_PATH = /^\/+api\/generate\/$/;

/** What the templates' server answers a path no route of theirs matches: 404, `Not found`, untyped. */
const TEMPLATE_NOT_FOUND = 'Not found';

/**
 * The first two checks, made before anything else: the path must be `{base}/api/generate` (404
 * otherwise: for `{base}/api/generate/` the templates' own `Not found` with no content type, by default;
 * for any other path, and in strict mode, the emulator's own JSON with a `detail`) and the method POST
 * (the templates: 404 with an empty body; strict mode: 405 with `Allow: POST`).
 */
export function checkRoute(route: RequestRoute, context: RouteContext): GenerateRoute | Rejection {
  const served = context.strict
    ? route.rest === '/api/generate'
    : TEMPLATE_API_PATH.test(route.rest);
  if (route.site === undefined || route.baseURL === undefined || !served) {
    const detail = notFoundDetail(context, route.site);
    if (!context.strict && route.baseURL !== undefined && SLASHED_API_PATH.test(route.rest)) {
      return { ok: false, status: 404, body: { kind: 'raw', text: TEMPLATE_NOT_FOUND }, detail };
    }
    return {
      ok: false,
      status: 404,
      body: { kind: 'json', error: { message: 'Not found.' } },
      detail,
      emulatorOwn: true,
    };
  }
  if (context.method !== 'POST') {
    const detail = `${context.method} is not allowed: ${route.baseURL}/api/generate takes POST only.`;
    if (!context.strict) {
      // The templates export a POST handler only: any other method finds no route.
      return { ok: false, status: 404, body: { kind: 'raw', text: '' }, detail };
    }
    return {
      ok: false,
      status: 405,
      body: { kind: 'json', error: { message: 'Method not allowed.' } },
      detail,
      headers: { allow: 'POST' },
    };
  }
  return { ok: true, site: route.site, baseURL: route.baseURL };
}

function notFoundDetail(context: RouteContext, site: string | undefined): string {
  const { path } = context;
  const bases = site === undefined ? [] : (context.deployments.get(site)?.basePaths ?? []);
  if (site !== undefined && path.startsWith(`/${site}/`) && bases.length > 1) {
    return `${path} is under no base of ${site}; its mirrors are ${bases.join(', ')}.`;
  }
  if (path.includes('//'))
    return `${path} has an empty path segment (a base URL ending with '/'?).`;
  if (path.endsWith('/api/generate/')) {
    return `${path} ends with '/': the API is POST {base}/api/generate, without a trailing slash.`;
  }
  return `Nothing at ${path}; the API is POST {base}/api/generate.`;
}
