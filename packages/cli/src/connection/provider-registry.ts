import { aichatfree, createAIChatFree } from '@freechat/aichatfree';
import type { Provider, ProviderSettings } from '@freechat/core';
import { createFree2GPT, free2gpt } from '@freechat/free2gpt';
import { createFreeGpt, freegpt } from '@freechat/freegpt';
import { createGPROChat, gprochat } from '@freechat/gprochat';
import { UsageError } from '../commands/usage-error.js';

/** The ids of the providers the command knows, in the order tables list them. */
export const PROVIDER_IDS = ['free2gpt', 'aichatfree', 'gprochat', 'freegpt'] as const;

/** One of {@link PROVIDER_IDS}. */
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** The provider `chat` and `repl` use when `--provider` is not given. */
export const DEFAULT_PROVIDER: ProviderId = 'free2gpt';

const FACTORIES: Record<ProviderId, (settings: ProviderSettings) => Provider> = {
  free2gpt: createFree2GPT,
  aichatfree: createAIChatFree,
  gprochat: createGPROChat,
  freegpt: createFreeGpt,
};

const DEFAULTS: Record<ProviderId, Provider> = { free2gpt, aichatfree, gprochat, freegpt };

/** Creates the provider `id` with `settings`; a bad setting throws core's InvalidSettingError. */
export function createProviderById(id: ProviderId, settings: ProviderSettings): Provider {
  return FACTORIES[id](settings);
}

/** The provider `id` with its default settings: its label, models and own base URLs. */
export function defaultProvider(id: ProviderId): Provider {
  return DEFAULTS[id];
}

/**
 * Reads a comma-separated list of provider ids (`free2gpt,freegpt`).
 *
 * @throws UsageError for an empty list or an unknown id, listing the known ones.
 */
export function parseProviderIds(text: string): ProviderId[] {
  const ids = splitList([text]);
  if (ids.length === 0) throw new UsageError('no provider given');
  for (const id of ids) {
    if (!(PROVIDER_IDS as readonly string[]).includes(id)) {
      throw new UsageError(`unknown provider "${id}"; choose from ${PROVIDER_IDS.join(', ')}`);
    }
  }
  return [...new Set(ids)] as ProviderId[];
}

/** Splits repeated, comma-separated values (`--base-url a,b --base-url c`) into a list without blanks. */
export function splitList(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** The environment variable that overrides a provider's base URLs: `FREECHAT_FREE2GPT_BASE_URL`. */
export function baseURLVariable(id: ProviderId): string {
  return `FREECHAT_${id.toUpperCase()}_BASE_URL`;
}
