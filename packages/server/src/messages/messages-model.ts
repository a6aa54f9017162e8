import type { Provider } from '@freechat/core';
import { HttpError } from '../http/http-error.js';
import type { ModelCatalog, ResolvedModel } from '../providers/model-catalog.js';

/**
 * The response header set when a `claude-…` model the server does not serve was answered by every
 * provider instead: it names the model asked for.
 */
export const MODEL_SUBSTITUTED_HEADER = 'x-freechat-model-substituted';

/** The name a message answered by every provider carries as its `model`. */
const ANY_PROVIDER_MODEL = 'freechat';

/** Claude's model names, as Claude Code and Anthropic's SDKs send them. */
const CLAUDE_MODEL = /^claude-/;

/** A Messages request's model: what answers it, and whether it is another than the one asked for. */
export interface MessagesModel {
  model: ResolvedModel;
  /** The model asked for, when a `claude-…` name was answered by every provider. */
  substituted: string | undefined;
}

/**
 * Resolves a Messages request's model: any name the server serves (`free2gpt`, `freegpt/…`, a bare
 * model id) as on the OpenAI routes; a `claude-…` name it does not serve (Claude Code sends its own
 * unless told otherwise) is answered by `everyProvider`, every provider in order, each with its own
 * default model, as `freechat`.
 *
 * @throws HttpError 404 for any other name.
 */
export function resolveMessagesModel(
  catalog: ModelCatalog,
  everyProvider: Provider,
  name: string,
): MessagesModel {
  try {
    return { model: catalog.resolve(name), substituted: undefined };
  } catch (error) {
    if (!(error instanceof HttpError && error.status === 404 && CLAUDE_MODEL.test(name))) {
      throw error;
    }
    return {
      model: { name: ANY_PROVIDER_MODEL, provider: everyProvider, model: '' },
      substituted: name,
    };
  }
}
