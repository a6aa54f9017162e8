import type { Provider, ProviderSettings, TemplateId } from '@freechat/core';
import { createSite } from './create-site.js';

/**
 * A `createProvider` for the core suites: a createSite client of `template` named after the emulator
 * site `id` it talks to (the suites name the provider by the site and pass its base URL).
 */
export function emulatedSite(
  id: string,
  template: TemplateId,
): (settings: ProviderSettings) => Provider {
  return (settings) => createSite({ id, template, ...settings, baseURL: settings.baseURL! });
}
