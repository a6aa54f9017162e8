import {
  createProvider,
  defineSite,
  type ProviderSettings,
  type ProviderWithTools,
  SITE_TEMPLATES,
  TEMPLATE_IDS,
  type TemplateId,
} from '@freechat/core';
import {
  baseURLSetting,
  checkSettings,
  createOptionChecker,
  failExpected,
  PROVIDER_SETTINGS_SCHEMA,
  type RequiredSpec,
  type SettingSpec,
  setting,
} from '@freechat/core/internal';

/** A site id: lowercase letters, digits and dashes, starting with a letter or digit. */
const SITE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** A name shown or matched (a label, a model): a string with more than blanks. */
const NAME = setting.custom<string>('a non-blank string', (value, field, fail) =>
  typeof value === 'string' && value.trim() !== ''
    ? value
    : failExpected(fail, field, 'a non-blank string', value),
);

/** A spec for each field of {@link SiteSettings}; `baseURL` and `template` are required. */
export type SiteSettingsSchema = {
  readonly [K in keyof Required<SiteSettings>]: K extends 'baseURL' | 'template'
    ? RequiredSpec<NonNullable<SiteSettings[K]>>
    : SettingSpec<NonNullable<SiteSettings[K]>>;
};

/**
 * The one schema of {@link SiteSettings}: createSite's, and the config file's `sites` entries'. Every
 * provider setting, with the deployment's own fields.
 */
export const SITE_SETTINGS_SCHEMA: SiteSettingsSchema = {
  ...PROVIDER_SETTINGS_SCHEMA,
  baseURL: setting.required(baseURLSetting),
  template: setting.required(setting.oneOf(TEMPLATE_IDS)),
  id: setting.custom<string>(
    'lowercase letters, digits and dashes, like "my-site"',
    (value, field, fail) =>
      typeof value === 'string' && SITE_ID.test(value)
        ? value
        : failExpected(fail, field, 'lowercase letters, digits and dashes, like "my-site"', value),
  ),
  label: NAME,
  models: setting.list(NAME, { nonEmpty: true }),
};

/** Settings of createSite: the deployment, its template and credentials, and every core setting. */
export interface SiteSettings extends ProviderSettings {
  /** The deployment's address (or several copies of it, tried like mirrors). Required. */
  baseURL: string | readonly string[];
  /** The template the deployment runs: `gemini-pro-chat` (GeminiProChat) or `chatgpt-demo`. */
  template: TemplateId;
  /** The deployment's `PUBLIC_SECRET_KEY` (default `''`, the templates' own default). */
  secret?: string;
  /** The deployment's `SITE_PASSWORD`, or one entry of that comma-separated list. */
  password?: string;
  /** The provider's id, in errors and as the server's model prefix (default `site`). */
  id?: string;
  /** The display name (default `{template's name} at {host}`). */
  label?: string;
  /** The model labels a request may name; never sent, the deployment decides (default `['default']`). */
  models?: readonly string[];
}

/**
 * Creates a client for a self-hosted deployment of GeminiProChat or chatgpt-demo: the same `Provider`
 * as the site packages (streaming, errors, retries, settings), with the template's message form,
 * signature and quota signs. Checks every setting at once and opens no connection until the first
 * request.
 *
 * @throws InvalidSettingError for a missing baseURL, a bad template, id or models, or any bad core
 * setting, naming the field, before any traffic.
 *
 * @example
 * const chat = createSite({
 *   baseURL: 'https://my-chat.example',
 *   template: 'gemini-pro-chat',
 *   password: process.env.SITE_PASSWORD,
 * });
 * for await (const text of chat.stream({ messages: [{ role: 'user', content: 'Hi' }] })) {
 *   process.stdout.write(text);
 * }
 */
export function createSite(settings: SiteSettings): ProviderWithTools<string> {
  const id = (settings as { id?: unknown } | null)?.id;
  const owner = typeof id === 'string' && SITE_ID.test(id) ? id : 'site';
  const given = checkSettings(SITE_SETTINGS_SCHEMA, settings, '', createOptionChecker(owner).fail);
  const { baseURL, template, label, models = ['default'] } = given;
  const first = typeof baseURL === 'string' ? baseURL : baseURL[0]!;
  const siteTemplate = SITE_TEMPLATES[template];
  const definition = defineSite(siteTemplate, {
    id: given.id ?? 'site',
    label: label ?? `${siteTemplate.label} at ${new URL(first).host}`,
    url: first,
    lastKnownUp: true,
    defaultModel: models[0]!,
    models,
  });
  // The provider's own settings are checked again there; the deployment's fields are not its.
  return createProvider(definition, settings);
}
