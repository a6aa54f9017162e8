import type { Message } from '../messages/message.js';
import type { Provider } from '../provider/provider.js';
import { describeValue } from '../settings/describe-value.js';
import { createOptionChecker } from '../settings/option-check.js';
import { PreparedToolPrompt } from './prepared-tool-prompt.js';
import { compileToolArguments } from './tool-arguments-validator.js';
import { ToolCallError } from './tool-call-error.js';
import { ToolCallParser } from './tool-call-parser.js';
import type { PreparedToolChatRequest, ToolChatRequest } from './tool-chat-request.js';
import { type ToolCallProblem, toolCorrectionMessage } from './tool-correction.js';
import type { ToolParserPart, ToolStreamPart } from './tool-part.js';

/** Corrective requests after a reply whose calls cannot be used, unless `maxToolRetries` says. */
const DEFAULT_RETRIES = 1;

/** What one reply gave, as far as a retry is concerned. */
interface ReplyOutcome {
  /** Valid calls given. */
  calls: number;
  /** The refused calls, withheld while a retry may follow. */
  invalid: string[];
  /** Their problems. */
  problems: string[];
}

/**
 * Runs a chat request with tools on any provider (a site, a fallback chain) and yields the reply's
 * text as it streams and each valid tool call as soon as it is complete (`ToolCallParser`).
 *
 * - `toolChoice: 'none'` or no tools: the conversation is sent without any tool text (earlier calls
 *   and results are still written into it), and the reply is all text.
 * - A reply whose calls all fail (unknown tool, arguments not matching the schema), or that calls no
 *   tool though the choice is `required` or a named tool, is followed by one corrective request
 *   (`maxToolRetries`): the conversation, the reply, and `toolCorrectionMessage`. The text already
 *   yielded stays; the next reply's parts follow it.
 * - On the last attempt a refused call is yielded as the text the model wrote (so is one refused
 *   beside a valid call in the same reply, after that reply). If the choice required a call and none
 *   was made, the stream then throws a ToolCallError.
 *
 * Bad input is an InvalidRequestError at the first step, before any traffic. Errors of the provider
 * (and an abort) pass through as they are. A request prepared earlier (`PreparedToolChatRequest`)
 * is neither checked nor written again.
 */
export async function* streamToolParts<MODEL extends string>(
  provider: Provider<MODEL>,
  request: ToolChatRequest<MODEL> | PreparedToolChatRequest<MODEL>,
): AsyncGenerator<ToolStreamPart, void, undefined> {
  const { checked, messages: prompt } = promptOf(provider.id, request);
  const retries =
    request.maxToolRetries === undefined
      ? DEFAULT_RETRIES
      : createOptionChecker(provider.id, 'request').count(
          'maxToolRetries',
          request.maxToolRetries,
          DEFAULT_RETRIES,
          { max: 3 },
        );
  const {
    messages: _messages,
    tools: _tools,
    toolChoice: _choice,
    prompt: _prompt,
    maxToolRetries: _retries,
    ...chat
  } = request as ToolChatRequest<MODEL> & { prompt?: PreparedToolPrompt };
  const { tools, toolChoice } = checked.request;
  if (toolChoice === 'none' || tools.length === 0) {
    for await (const text of provider.stream({ ...chat, messages: prompt }))
      yield { type: 'text', text };
    return;
  }
  const validator = await compileToolArguments(tools, checked.schemaTexts, provider.id);
  let messages: readonly Message[] = prompt;
  for (let attempt = 1; ; attempt++) {
    const final = attempt > retries;
    const parser = new ToolCallParser({ validator, toolChoice });
    const outcome: ReplyOutcome = { calls: 0, invalid: [], problems: [] };
    let reply = '';
    for await (const text of provider.stream({ ...chat, messages })) {
      if (!final) reply += text;
      for (const part of parser.push(text)) {
        const passed = pass(part, outcome, final);
        if (passed !== undefined) yield passed;
      }
    }
    for (const part of parser.end()) {
      const passed = pass(part, outcome, final);
      if (passed !== undefined) yield passed;
    }
    if (outcome.calls > 0) {
      // Refused calls beside valid ones are not asked again: a retry could repeat the valid ones.
      for (const text of outcome.invalid) yield { type: 'text', text };
      return;
    }
    const problem: ToolCallProblem | undefined =
      outcome.problems.length > 0
        ? { kind: 'invalid-call', problems: outcome.problems }
        : toolChoice !== 'auto'
          ? { kind: 'no-call', toolChoice }
          : undefined;
    if (problem === undefined) return;
    if (final) {
      if (toolChoice === 'auto') return;
      throw new ToolCallError({
        provider: provider.id,
        kind: problem.kind,
        problems: outcome.problems,
        attempts: attempt,
      });
    }
    messages = [...prompt, { role: 'assistant', content: reply }, toolCorrectionMessage(problem)];
  }
}

/** The fields of a request that may carry its prompt. */
type PromptField = 'prompt' | 'messages' | 'tools' | 'toolChoice';

/**
 * The request's prompt: the one prepared earlier (`prompt`, in place of the three fields), or the
 * fields checked and written now. Bad input is an InvalidRequestError under `owner`.
 */
function promptOf(
  owner: string,
  request: ToolChatRequest<string> | PreparedToolChatRequest<string>,
): PreparedToolPrompt {
  // A JavaScript caller may pass anything: what is no object is refused by the check.
  if (typeof request !== 'object' || request === null || !('prompt' in request)) {
    return PreparedToolPrompt.of(request as ToolChatRequest<string>, owner);
  }
  const fail = (detail: string) => createOptionChecker(owner, 'request').fail('prompt', detail);
  // As a JavaScript caller may send it: the prompt, and fields the types say cannot be beside it.
  const { prompt, messages, tools, toolChoice }: Partial<Record<PromptField, unknown>> = request;
  if (!(prompt instanceof PreparedToolPrompt)) {
    return fail(
      `expected a PreparedToolPrompt (PreparedToolPrompt.of), got ${describeValue(prompt)}`,
    );
  }
  if (messages !== undefined || tools !== undefined || toolChoice !== undefined) {
    fail('takes the place of messages, tools and toolChoice: send one or the other');
  }
  return prompt;
}

/**
 * What is passed on of one part: text and valid calls are. A refused call is counted and withheld
 * while a retry may follow; on the last attempt it is passed on as its text.
 */
function pass(
  part: ToolParserPart,
  outcome: ReplyOutcome,
  final: boolean,
): ToolStreamPart | undefined {
  if (part.type === 'invalid-tool-call') {
    outcome.problems.push(...part.problems);
    if (final) return { type: 'text', text: part.text };
    outcome.invalid.push(part.text);
    return undefined;
  }
  if (part.type === 'tool-call') outcome.calls++;
  return part;
}
