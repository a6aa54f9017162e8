import { invalidRequest } from '../http/http-error.js';
import { ReplyPrompt } from '../reply/reply-prompt.js';
import type { ToolFieldParam } from '../reply/tool-field-param.js';
import { CHARACTERS_PER_TOKEN } from '../reply/usage.js';
import type { ChatCompletionBody } from './chat-schema.js';
import { readChatTools } from './chat-tools.js';
import { readChatTranscript } from './chat-transcript.js';
import { unsupportedParams } from './unsupported-params.js';

/** What a completion request asks for, in the providers' terms. */
export interface ChatInput {
  /**
   * The conversation (content parts joined, `developer` turned into `system`, tool calls and
   * results in core's terms), its tools and tool choice, checked.
   */
  prompt: ReplyPrompt;
  /** Names a field of core's tool request as this request's parameter. */
  toolParam: ToolFieldParam;
  /** Whether the reply's call is the deprecated `function_call` (the request sent `functions`). */
  legacyFunctions: boolean;
  /** The stop sequences (none, or up to four non-empty strings). */
  stops: string[];
  /** Whether to answer with server-sent events. */
  stream: boolean;
  /** Whether a streamed answer ends with a usage chunk. */
  includeUsage: boolean;
  /**
   * The longest reply in UTF-16 code units: `max_completion_tokens` (or `max_tokens`, the smaller of
   * the two when both are set) times CHARACTERS_PER_TOKEN, the same estimate as `usage`; undefined for
   * no limit.
   */
  maxCharacters: number | undefined;
  /** The parameters ignored under `dropParams` (empty otherwise). */
  droppedParams: string[];
}

/** How {@link readChatInput} treats what it cannot honour. */
export interface ChatInputOptions {
  /**
   * Leave out tools of another type than `function`, a tool choice of another kind and a forced
   * `response_format` instead of refusing them.
   */
  dropParams?: boolean;
}

/**
 * Reads a schema-valid request body. Function tools (and the deprecated functions) are served
 * through core's tool module; asking for something no provider can give (several choices, log
 * probabilities, other tool types, JSON output, audio) is a 400 rather than a silent lie; with
 * `dropParams`, other tool types and a forced `response_format` are left out instead, and listed in
 * `droppedParams`. Bad tools and tool turns are a 400 naming the parameter too, before any traffic.
 *
 * @throws HttpError 400 naming the field.
 */
export function readChatInput(body: ChatCompletionBody, options: ChatInputOptions = {}): ChatInput {
  const { refuse, dropped } = unsupportedParams(options.dropParams === true);
  if (body.n !== undefined && body.n !== null && body.n !== 1) {
    throw invalidRequest('n', 'Only n=1 is supported: the providers give one reply per request.');
  }
  if (body.logprobs === true) {
    throw invalidRequest('logprobs', 'logprobs are not available from the providers.');
  }
  if (body.response_format !== undefined && body.response_format.type !== 'text') {
    refuse(
      'response_format',
      `response_format "${body.response_format.type}" cannot be guaranteed; only "text" is supported.`,
    );
  }
  if (body.modalities?.some((modality) => modality !== 'text')) {
    throw invalidRequest('modalities', 'Only the "text" modality is supported.');
  }
  if (body.audio !== undefined && body.audio !== null) {
    throw invalidRequest('audio', 'Audio output is not supported.');
  }
  const tools = readChatTools(body, refuse);
  const prompt = new ReplyPrompt({
    messages: readChatTranscript(body.messages),
    tools: tools.tools,
    toolChoice: tools.toolChoice,
    parallelToolCalls: tools.parallelToolCalls,
  });
  prompt.check(tools.toolParam);
  const stop = body.stop ?? [];
  return {
    prompt,
    toolParam: tools.toolParam,
    legacyFunctions: tools.legacyFunctions,
    stops: typeof stop === 'string' ? [stop] : [...stop],
    stream: body.stream === true,
    includeUsage: body.stream === true && body.stream_options?.include_usage === true,
    maxCharacters: maxCharacters(body),
    droppedParams: dropped,
  };
}

function maxCharacters(body: ChatCompletionBody): number | undefined {
  const limits = [body.max_completion_tokens, body.max_tokens].filter(
    (limit): limit is number => typeof limit === 'number',
  );
  return limits.length === 0 ? undefined : Math.min(...limits) * CHARACTERS_PER_TOKEN;
}
