import { SITE_IDS, type SiteId } from './site-id.js';
import { SITE_PROFILES } from './site-profile.js';

/** Where a request path falls: the site and base it is under, and the path below that base. */
export interface RequestRoute {
  /** The site whose base (or whose name, for a path under no base) the path starts with. */
  site: SiteId | undefined;
  /** The full base URL matched, if any. */
  baseURL: string | undefined;
  /** The path below the base (the whole path when no base matched). */
  rest: string;
}

/** Every base path the emulator serves (a site's bases, FreeGpt's four mirrors), with its site. */
export const BASE_PATHS: ReadonlyArray<{ site: SiteId; path: string }> = SITE_IDS.flatMap((site) =>
  SITE_PROFILES[site].basePaths.map((path) => ({ site, path })),
);

/** Finds the site and base a path falls under; `rootURL` is the emulator's URL without a slash. */
export function routeRequest(rootURL: string, pathname: string): RequestRoute {
  for (const { site, path } of BASE_PATHS) {
    if (pathname.startsWith(`${path}/`)) {
      return { site, baseURL: `${rootURL}${path}`, rest: pathname.slice(path.length) };
    }
  }
  const firstSegment = pathname.split('/')[1] ?? '';
  const site = SITE_IDS.find((id) => id === firstSegment);
  return { site, baseURL: undefined, rest: pathname };
}
