import {
  createProvider,
  defineSite,
  type ProviderSettings,
  type ProviderWithTools,
  SITE_TEMPLATES,
  TEMPLATE_IDS,
  type TemplateId,
} from '@freechat/core';
import { createOptionChecker } from '@freechat/core/internal';

/** A site id: lowercase letters, digits and dashes, starting with a letter or digit. */
const SITE_ID = /^[a-z0-9][a-z0-9-]*$/;

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
  const fail = (provider: string, field: string, message: string): never =>
    createOptionChecker(provider).fail(field, message);
  if (typeof settings !== 'object' || settings === null) {
    return fail('site', 'settings', 'expected an object');
  }
  const { template, id = 'site', label, models = ['default'], ...rest } = settings;
  if (typeof id !== 'string' || !SITE_ID.test(id)) {
    return fail('site', 'id', 'expected lowercase letters, digits and dashes, like "my-site"');
  }
  if (typeof template !== 'string' || !TEMPLATE_IDS.includes(template)) {
    return fail(id, 'template', `expected ${TEMPLATE_IDS.map((name) => `"${name}"`).join(' or ')}`);
  }
  if (
    !Array.isArray(models) ||
    models.length === 0 ||
    !models.every((model) => typeof model === 'string' && model.trim() !== '')
  ) {
    return fail(id, 'models', 'expected a non-empty list of model names');
  }
  if (label !== undefined && (typeof label !== 'string' || label.trim() === '')) {
    return fail(id, 'label', 'expected a non-empty string');
  }
  const first = typeof rest.baseURL === 'string' ? rest.baseURL : rest.baseURL?.[0];
  if (typeof first !== 'string') {
    return fail(id, 'baseURL', 'expected the deployment’s URL, or a non-empty list of URLs');
  }
  const siteTemplate = SITE_TEMPLATES[template];
  const definition = defineSite(siteTemplate, {
    id,
    label: label ?? `${siteTemplate.label} at ${hostOf(first)}`,
    url: first,
    lastKnownUp: true,
    defaultModel: models[0]!,
    models,
  });
  return createProvider(definition, rest);
}

/** The host of a URL for the default label; the URL itself is checked by core. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
