import type { ProviderSettings } from '../settings/provider-settings.js';
import type { ProviderDefinition } from '../sites/provider-definition.js';
import { createProvider } from './create-provider.js';
import type { ProviderWithTools } from './provider-with-tools.js';

/**
 * A provider package's factory (`createFree2GPT`, …): creates a client of one site. It checks the
 * settings at once (a bad one throws an InvalidSettingError naming it) and opens no connection until
 * the first request.
 */
export type ProviderFactory<
  MODEL extends string,
  SETTINGS extends ProviderSettings = ProviderSettings,
> = (settings?: SETTINGS) => ProviderWithTools<MODEL>;

/**
 * Makes the factory of a provider package from its definition, so a package's factory is one line.
 * The factory is named `create` + the definition's label (`createFree2GPT`), as in a stack trace.
 *
 * @example
 * export const createFree2GPT: ProviderFactory<Free2GPTModelId, Free2GPTSettings> =
 *   providerFactory(free2gptDefinition);
 */
export function providerFactory<
  MODEL extends string,
  SETTINGS extends ProviderSettings = ProviderSettings,
>(definition: ProviderDefinition<MODEL>): ProviderFactory<MODEL, SETTINGS> {
  const factory: ProviderFactory<MODEL, SETTINGS> = (settings) =>
    createProvider(definition, settings);
  const name = `create${definition.label.replace(/[^\w$]/g, '')}`;
  return Object.defineProperty(factory, 'name', { value: name });
}
