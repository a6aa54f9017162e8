import type { SiteProfile } from '../sites/site-profile.js';

/** Where a request path falls: the site and base it is under, and the path below that base. */
export interface RequestRoute {
  /** The site whose base (or whose id, for a path under no base) the path starts with. */
  site: string | undefined;
  /** The full base URL matched, if any. */
  baseURL: string | undefined;
  /** The path below the base (the whole path when no base matched). */
  rest: string;
}

/** One base path the emulator serves (a site's base, or one of FreeGpt's mirrors), with its site. */
export interface BasePath {
  site: string;
  path: string;
}

/** Every base path of the given deployments, in order. */
export function basePaths(deployments: ReadonlyMap<string, SiteProfile>): BasePath[] {
  return [...deployments].flatMap(([site, profile]) =>
    profile.basePaths.map((path) => ({ site, path })),
  );
}

/** Finds the site and base a path falls under; `rootURL` is the emulator's URL without a slash. */
export function routeRequest(
  rootURL: string,
  pathname: string,
  bases: readonly BasePath[],
): RequestRoute {
  for (const { site, path } of bases) {
    if (pathname.startsWith(`${path}/`)) {
      return { site, baseURL: `${rootURL}${path}`, rest: pathname.slice(path.length) };
    }
  }
  const firstSegment = pathname.split('/')[1] ?? '';
  const site = bases.find((base) => base.site === firstSegment)?.site;
  return { site, baseURL: undefined, rest: pathname };
}
