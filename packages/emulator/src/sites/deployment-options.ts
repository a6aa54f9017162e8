import { TEMPLATE_IDS, type TemplateId } from '@freechat/core';
import {
  createOptionChecker,
  type FailSetting,
  objectSetting,
  setting,
} from '@freechat/core/internal';
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

/** A deployment's id: it becomes a path. */
const DEPLOYMENT_ID = {
  pattern: /^[a-z0-9][a-z0-9_-]*$/,
  expected: "lowercase letters, digits, '-' or '_' (it becomes a path)",
};

/** The one schema of {@link DeploymentOptions}. */
const DEPLOYMENT_SCHEMA = {
  template: setting.oneOf(TEMPLATE_IDS),
  secret: setting.string(),
  password: setting.string({ secret: true }),
} as const;

/** The emulator's `sites`: deployments by id. */
const DEPLOYMENTS_SETTING = setting.record(
  objectSetting(DEPLOYMENT_SCHEMA, { refuseUnknown: true }),
  DEPLOYMENT_ID,
);

/**
 * Every deployment the emulator serves: the four built-in sites, overridden where `sites` says so, and
 * the new deployments of `sites` after them.
 *
 * @throws InvalidSettingError (owner `emulator`) naming the first invalid field (`sites.mine.template`).
 */
export function resolveDeployments(
  sites: Readonly<Record<string, DeploymentOptions>> = {},
): ReadonlyMap<string, SiteProfile> {
  const { fail } = createOptionChecker('emulator');
  const checked = DEPLOYMENTS_SETTING.check(sites, 'sites', fail);
  const deployments = new Map<string, SiteProfile>(
    Object.entries(SITE_PROFILES) as Array<[SiteId, SiteProfile]>,
  );
  for (const [id, options] of Object.entries(checked)) {
    deployments.set(id, resolveDeployment(id, options, fail));
  }
  return deployments;
}

function resolveDeployment(
  id: string,
  { template, secret, password }: DeploymentOptions,
  fail: FailSetting,
): SiteProfile {
  const where = `sites.${id}.template`;
  const overrides = {
    ...(secret === undefined ? {} : { secret }),
    ...(password === undefined ? {} : { password: password === '' ? undefined : password }),
  };
  if (isSiteId(id)) {
    const builtIn = SITE_PROFILES[id];
    if (template !== undefined && template !== builtIn.template) {
      fail(
        where,
        `expected "${builtIn.template}", which ${id} runs (add a deployment under another id for ${template}), got "${template}"`,
      );
    }
    return { ...builtIn, ...overrides };
  }
  if (template === undefined) {
    return fail(
      where,
      `expected one of ${TEMPLATE_IDS.map((name) => `"${name}"`).join(', ')}, got nothing`,
    );
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
