import { unsupportedParams } from '../chat/unsupported-params.js';
import { invalidRequest } from '../http/http-error.js';
import { ReplyPrompt } from '../reply/reply-prompt.js';
import { indexedField, type ToolFieldParam } from '../reply/tool-field-param.js';
import { CHARACTERS_PER_TOKEN } from '../reply/usage.js';
import type { ResponsesBody, ResponsesInputItem } from './responses-schema.js';
import {
  type FunctionToolEcho,
  readResponsesTools,
  type ToolChoiceEcho,
} from './responses-tools.js';
import { ResponsesTranscript } from './responses-transcript.js';

/** The request settings a Response object echoes back. */
export interface ResponsesEcho {
  instructions: string | null;
  temperature: number;
  top_p: number;
  metadata: Record<string, string>;
  parallel_tool_calls: boolean;
  tool_choice: ToolChoiceEcho;
  /** The function tools. */
  tools: FunctionToolEcho[];
  max_output_tokens: number | null;
  /** The Response this one continues, or null. */
  previous_response_id: string | null;
  /** Whether the Response is stored (OpenAI's default: true). */
  store: boolean;
}

/** What a Responses request asks for, in the providers' terms. */
export interface ResponsesInput {
  /**
   * The conversation: `instructions` first (as a system message), then the earlier turns' items (of
   * `previous_response_id`), then the input; with the function tools and the tool choice, checked.
   */
  prompt: ReplyPrompt;
  /** Names a field of core's tool request as this request's parameter. */
  toolParam: ToolFieldParam;
  /** Whether to answer with the Responses event stream. */
  stream: boolean;
  /** The stop sequences: always none, the Responses API has none. */
  stops: readonly string[];
  /**
   * The longest reply in UTF-16 code units: `max_output_tokens` times CHARACTERS_PER_TOKEN (the same
   * cut as chat completions' `max_tokens`); undefined for no limit.
   */
  maxCharacters: number | undefined;
  /** The settings echoed in the Response object. */
  echo: ResponsesEcho;
  /** The parameters left out under dropParams (empty otherwise). */
  droppedParams: string[];
}

/** How {@link readResponsesInput} treats what it cannot honour. */
export interface ResponsesInputOptions {
  /** Leave out tools of another type than `function` and a tool choice of another kind instead of refusing them. */
  dropParams?: boolean;
}

/**
 * Reads a schema-valid request body, after `history`: the items of the turns it continues (stored
 * when they were input or output, so read the same way). Function tools, function calls and their
 * outputs are served through core's tool module; asking for what no provider can give (other tool
 * types, structured output, conversation objects, background runs, non-text input) is a 400 naming
 * the field rather than a silent lie, or with `dropParams` other tool types are left out (and
 * listed in `droppedParams`). Bad tools and tool turns are a 400 naming the parameter too, before
 * any traffic.
 *
 * @throws HttpError 400 naming the field.
 */
export function readResponsesInput(
  body: ResponsesBody,
  history: readonly ResponsesInputItem[] = [],
  options: ResponsesInputOptions = {},
): ResponsesInput {
  const { refuse, dropped } = unsupportedParams(options.dropParams === true);
  const tools = readResponsesTools(body, refuse);
  const format = body.text?.format?.type ?? 'text';
  if (format !== 'text') {
    throw invalidRequest(
      'text.format',
      `text.format "${format}" cannot be guaranteed; only "text" is supported.`,
    );
  }
  if (body.conversation !== undefined && body.conversation !== null) {
    throw invalidRequest(
      'conversation',
      'conversation is not supported: continue with previous_response_id, or send the whole conversation as input.',
    );
  }
  if (body.background === true) {
    throw invalidRequest('background', 'Background responses are not supported.');
  }
  const instructions = body.instructions ?? null;
  const transcript = new ResponsesTranscript();
  if (instructions !== null)
    transcript.add({ role: 'system', content: instructions }, 'instructions');
  for (const item of history) transcript.add(item, 'previous_response_id');
  if (typeof body.input === 'string') {
    transcript.add({ role: 'user', content: body.input }, 'input');
  } else {
    body.input.forEach((item, index) => {
      transcript.add(item, `input[${index}]`);
    });
  }
  const last = transcript.messages.at(-1)!;
  if (last.role !== 'user' && last.role !== 'tool') {
    const param = transcript.params.at(-1)!;
    throw invalidRequest(
      'toolCalls' in last ? `${param}.type` : `${param}.role`,
      "The last input item must be the user's message or a function_call_output.",
    );
  }
  const parallelToolCalls = body.parallel_tool_calls ?? true;
  const prompt = new ReplyPrompt({
    messages: transcript.messages,
    tools: tools.tools,
    toolChoice: tools.toolChoice,
    parallelToolCalls,
  });
  const toolParam: ToolFieldParam = (field) => {
    if (field === 'toolChoice') return 'tool_choice';
    if (field === 'toolChoice.name') return 'tool_choice.name';
    const indexed = indexedField(field);
    if (indexed === undefined) return field;
    const [head, index, rest] = indexed;
    if (head === 'tools') return `tools[${tools.toolIndexes[index]}]${rest}`;
    if (head !== 'messages') return field;
    // A message's role or content keeps its name; a field of a joined turn names its item.
    const item = transcript.params[index] ?? 'input';
    return rest === '.role' || rest === '.content' ? `${item}${rest}` : item;
  };
  prompt.check(toolParam);
  return {
    prompt,
    toolParam,
    stream: body.stream === true,
    stops: [],
    maxCharacters:
      body.max_output_tokens == null ? undefined : body.max_output_tokens * CHARACTERS_PER_TOKEN,
    echo: {
      instructions,
      temperature: body.temperature ?? 1,
      top_p: body.top_p ?? 1,
      metadata: body.metadata ?? {},
      parallel_tool_calls: parallelToolCalls,
      tool_choice: tools.toolChoiceEcho,
      tools: tools.toolsEcho,
      max_output_tokens: body.max_output_tokens ?? null,
      previous_response_id: body.previous_response_id ?? null,
      store: body.store !== false,
    },
    droppedParams: dropped,
  };
}
