import type { ApiModel, ApiProvider } from './chat-api.js';

/** The owner of the bare model ids, which the server serves with a fallback chain. */
export const FALLBACK_OWNER = 'freechat';

/** One choice of the model list. */
export interface ModelOption {
  /** The model name sent to the server (`free2gpt/gemini-1.5-pro`, `gemini-1.5-pro`). */
  value: string;
  /** What a person reads: the model's name and who answers (`Gemini 1.5 Pro · Free2GPT`). */
  label: string;
  /** One sentence on what picking it does, shown under the list. */
  description: string;
}

/** The models of one provider, or the fallback chains. */
export interface ModelGroup {
  label: string;
  options: ModelOption[];
}

/** Words written in capitals in model names. */
const ACRONYMS = new Set(['gpt', 'ai', 'llm', 'glm', 'qwq']);

/**
 * A model id as people write it: `gemini-1.5-pro` → `Gemini 1.5 Pro`, `gpt-4o-mini` → `GPT-4o Mini`.
 */
export function modelName(id: string): string {
  const words = id.split(/[-_\s]+/).filter((word) => word !== '');
  let name = '';
  for (const [index, word] of words.entries()) {
    const written = ACRONYMS.has(word.toLowerCase())
      ? word.toUpperCase()
      : word.charAt(0).toUpperCase() + word.slice(1);
    const joiner =
      index === 0 ? '' : /^\d/.test(word) && ACRONYMS.has(words[index - 1]!) ? '-' : ' ';
    name += joiner + written;
  }
  return name === '' ? id : name;
}

/**
 * The model list as the page shows it: first the bare model ids (a fallback chain across the
 * providers that serve the model, which is what a newcomer wants), then each provider's models.
 * `providers` gives display names; a provider missing from it is shown by its id.
 */
export function modelGroups(
  models: readonly ApiModel[],
  providers: readonly ApiProvider[],
): ModelGroup[] {
  const labels = new Map(providers.map((provider) => [provider.id, provider.label]));
  const label = (id: string) => labels.get(id) || id;
  const servers = new Map<string, string[]>();
  for (const model of models) {
    if (model.owned_by === FALLBACK_OWNER) continue;
    const bare = model.id.slice(model.id.indexOf('/') + 1);
    servers.set(bare, [...(servers.get(bare) ?? []), label(model.owned_by)]);
  }
  const chains: ModelOption[] = [];
  const byProvider = new Map<string, ModelOption[]>();
  for (const model of models) {
    if (model.owned_by === FALLBACK_OWNER) {
      const members = servers.get(model.id) ?? [];
      chains.push({
        value: model.id,
        label: `${modelName(model.id)} · any provider`,
        description:
          members.length > 1
            ? `Tries ${listOf(members)} in turn until one answers (model “${model.id}”).`
            : `Any provider that serves it (model “${model.id}”).`,
      });
      continue;
    }
    const provider = label(model.owned_by);
    const bare = model.id.slice(model.id.indexOf('/') + 1);
    const options = byProvider.get(model.owned_by) ?? [];
    options.push({
      value: model.id,
      label: `${modelName(bare)} · ${provider}`,
      description: `Asks ${provider} only (model “${model.id}”).`,
    });
    byProvider.set(model.owned_by, options);
  }
  const groups: ModelGroup[] = [];
  if (chains.length > 0)
    groups.push({ label: 'Any provider (tries each in turn)', options: chains });
  for (const [owner, options] of byProvider) groups.push({ label: label(owner), options });
  return groups;
}

/** `a`, `a and b`, `a, b and c`. */
function listOf(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
