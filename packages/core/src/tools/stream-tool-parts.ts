import type { Message } from '../messages/message.js';
import type { Provider } from '../provider/provider.js';
import { createOptionChecker } from '../settings/option-check.js';
import { checkToolRequest } from './check-tool-request.js';
import { createToolArgumentsValidator } from './tool-arguments-validator.js';
import { ToolCallError } from './tool-call-error.js';
import { ToolCallParser } from './tool-call-parser.js';
import type { ToolChatRequest } from './tool-chat-request.js';
import { type ToolCallProblem, toolCorrectionMessage } from './tool-correction.js';
import type { ToolParserPart, ToolStreamPart } from './tool-part.js';
import { renderToolPrompt } from './tool-prompt.js';

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
 * (and an abort) pass through as they are.
 */
export async function* streamToolParts<MODEL extends string>(
  provider: Provider<MODEL>,
  request: ToolChatRequest<MODEL>,
): AsyncGenerator<ToolStreamPart, void, undefined> {
  const checked = checkToolRequest(provider.id, request);
  const retries = createOptionChecker(provider.id, 'request').count(
    'maxToolRetries',
    request.maxToolRetries,
    1,
    { max: 3 },
  );
  const {
    messages: _messages,
    tools: _tools,
    toolChoice: _choice,
    maxToolRetries: _retries,
    ...chat
  } = request;
  const prompt = renderToolPrompt(checked);
  const { tools, toolChoice } = checked;
  if (toolChoice === 'none' || tools.length === 0) {
    for await (const text of provider.stream({ ...chat, messages: prompt }))
      yield { type: 'text', text };
    return;
  }
  const validator = await createToolArgumentsValidator(tools, provider.id);
  let messages: Message[] = prompt;
  for (let attempt = 1; ; attempt++) {
    const final = attempt > retries;
    const parser = new ToolCallParser({ validator, toolChoice });
    const outcome: ReplyOutcome = { calls: 0, invalid: [], problems: [] };
    let reply = '';
    for await (const text of provider.stream({ ...chat, messages })) {
      if (!final) reply += text;
      yield* take(parser.push(text), outcome, final);
    }
    yield* take(parser.end(), outcome, final);
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

/**
 * Passes text and valid calls on. A refused call is counted and withheld while a retry may follow;
 * on the last attempt it is passed on as its text.
 */
function* take(
  parts: readonly ToolParserPart[],
  outcome: ReplyOutcome,
  final: boolean,
): Generator<ToolStreamPart> {
  for (const part of parts) {
    if (part.type === 'invalid-tool-call') {
      outcome.problems.push(...part.problems);
      if (final) yield { type: 'text', text: part.text };
      else outcome.invalid.push(part.text);
    } else {
      if (part.type === 'tool-call') outcome.calls++;
      yield part;
    }
  }
}
