import type { Rejection } from './rejection.js';
import type { RequestRoute } from './route-request.js';
import type { SiteId } from './site-id.js';
import { SITE_PROFILES } from './site-profile.js';

/** A request that reached a site's `POST {base}/api/generate`. */
export interface GenerateRoute {
  ok: true;
  /** The site asked. */
  site: SiteId;
  /** The base URL (the mirror, for FreeGpt) hit. */
  baseURL: string;
}

/**
 * The first two checks, made before anything else: the path must be `{base}/api/generate` (404
 * otherwise) and the method POST (405, with `Allow: POST`, otherwise).
 */
export function checkRoute(
  route: RequestRoute,
  method: string,
  path: string,
): GenerateRoute | Rejection {
  if (route.site === undefined || route.baseURL === undefined || route.rest !== '/api/generate') {
    return {
      ok: false,
      status: 404,
      message: 'Not found.',
      detail: notFoundDetail(path, route.site),
    };
  }
  if (method !== 'POST') {
    return {
      ok: false,
      status: 405,
      message: 'Method not allowed.',
      detail: `${method} is not allowed: ${route.baseURL}/api/generate takes POST only.`,
      headers: { allow: 'POST' },
    };
  }
  return { ok: true, site: route.site, baseURL: route.baseURL };
}

function notFoundDetail(path: string, site: SiteId | undefined): string {
  if (
    site !== undefined &&
    path.startsWith(`/${site}/`) &&
    SITE_PROFILES[site].basePaths.length > 1
  ) {
    const mirrors = SITE_PROFILES[site].basePaths.join(', ');
    return `${path} is under no base of ${site}; its mirrors are ${mirrors}.`;
  }
  if (path.includes('//'))
    return `${path} has an empty path segment (a base URL ending with '/'?).`;
  return `Nothing at ${path}; the API is POST {base}/api/generate.`;
}
