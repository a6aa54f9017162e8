import { TEMPLATE_IDS, type TemplateId } from '@freechat/core';
import type { SiteId } from './site-id.js';
import { isSiteId } from './site-id.js';
import { SITE_PROFILES, type SiteProfile } from './site-profile.js';

/**
 * A deployment of one of the two templates, served by the emulator at `${url}/${id}`. For one of the
 * four built-in sites every field is optional and overrides the site's own (its template cannot change).
 *
 * @example
 * { template: 'gemini-pro-chat', secret: 's3cret', password: 'alpha,beta' }
 */
export interface DeploymentOptions {
  /** The template the deployment runs. Required for a new deployment. */
  template?: TemplateId;
  /** Its signing secret (`PUBLIC_SECRET_KEY`). Default `''` (a built-in site: its own). */
  secret?: string;
  /**
   * Its site password (`SITE_PASSWORD`): one password or a comma-separated list, any of which (or the
   * whole string) a request's `pass` must equal. Default none: `pass` is then ignored.
   */
  password?: string;
}

const DEPLOYMENT_KEYS = new Set(['template', 'secret', 'password']);
const DEPLOYMENT_ID = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Every deployment the emulator serves: the four built-in sites, overridden where `sites` says so, and
 * the new deployments of `sites` after them.
 *
 * @throws TypeError naming the first invalid deployment or field.
 */
export function resolveDeployments(
  sites: Readonly<Record<string, DeploymentOptions>> = {},
): ReadonlyMap<string, SiteProfile> {
  if (typeof sites !== 'object' || sites === null || Array.isArray(sites)) {
    throw new TypeError('sites must be an object mapping a site id to its deployment.');
  }
  const deployments = new Map<string, SiteProfile>(
    Object.entries(SITE_PROFILES) as Array<[SiteId, SiteProfile]>,
  );
  for (const [id, options] of Object.entries(sites)) {
    deployments.set(id, resolveDeployment(id, options));
  }
  return deployments;
}

function resolveDeployment(id: string, options: DeploymentOptions): SiteProfile {
  const where = `sites.${id}`;
  if (!DEPLOYMENT_ID.test(id)) {
    throw new TypeError(
      `The site id '${id}' must be lowercase letters, digits, '-' or '_' (it becomes a path).`,
    );
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${where} must be an object {template, secret?, password?}.`);
  }
  for (const key of Object.keys(options)) {
    if (!DEPLOYMENT_KEYS.has(key)) {
      throw new TypeError(
        `${where} has an unknown key '${key}'; it takes template, secret, password.`,
      );
    }
  }
  const { template, secret, password } = options;
  if (template !== undefined && !(TEMPLATE_IDS as readonly unknown[]).includes(template)) {
    throw new TypeError(
      `${where}.template must be one of ${TEMPLATE_IDS.join(', ')}, got ${JSON.stringify(template)}.`,
    );
  }
  for (const [key, value] of [
    ['secret', secret],
    ['password', password],
  ] as const) {
    if (value !== undefined && typeof value !== 'string') {
      throw new TypeError(`${where}.${key} must be a string.`);
    }
  }
  const overrides = {
    ...(secret === undefined ? {} : { secret }),
    ...(password === undefined ? {} : { password: password === '' ? undefined : password }),
  };
  if (isSiteId(id)) {
    const builtIn = SITE_PROFILES[id];
    if (template !== undefined && template !== builtIn.template) {
      throw new TypeError(
        `${where}.template: ${id} runs ${builtIn.template}; add a deployment under another id for ${template}.`,
      );
    }
    return { ...builtIn, ...overrides };
  }
  if (template === undefined) {
    throw new TypeError(`${where}.template is required: ${TEMPLATE_IDS.join(' or ')}.`);
  }
  return {
    name: id,
    template,
    secret: '',
    password: undefined,
    timeUnit: 'milliseconds',
    messageForm: template === 'gemini-pro-chat' ? 'gemini' : 'openai',
    quota: 'template',
    basePaths: [`/${id}`],
    ...overrides,
  };
}
