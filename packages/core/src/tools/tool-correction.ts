import type { Message } from '../messages/message.js';
import type { ToolChoice } from './tool-definition.js';

/** Why a reply's calls cannot be passed on. */
export type ToolCallProblem =
  | {
      /** The reply tried to call tools, and no call could be used. */
      kind: 'invalid-call';
      /** What is wrong, one line each (an `InvalidToolCallPart`'s `problems`). */
      problems: readonly string[];
    }
  | {
      /** The reply called no tool, though the choice requires one. */
      kind: 'no-call';
      /** The choice: `required`, or the tool it names. */
      toolChoice: Exclude<ToolChoice, 'auto' | 'none'>;
    };

const FORMAT = 'as one fenced JSON block in the tool_calls format given above';

/**
 * The user turn that asks the model once more, after its reply: what was wrong and what to send.
 * Send the conversation again with the reply (as an assistant turn) and this message after it.
 *
 * @example
 * toolCorrectionMessage({ kind: 'no-call', toolChoice: 'required' }).content;
 * // 'Your reply called no tool, but this reply must call at least one. Reply with only the call, as …'
 */
export function toolCorrectionMessage(problem: ToolCallProblem): Message {
  if (problem.kind === 'invalid-call') {
    const lines = problem.problems.map((line) => `- ${line}`).join('\n');
    return {
      role: 'user',
      content: `Your tool call could not be used:\n${lines}\nReply again with only the corrected call, ${FORMAT}.`,
    };
  }
  const { toolChoice } = problem;
  const content =
    toolChoice === 'required'
      ? `Your reply called no tool, but this reply must call at least one. Reply with only the call, ${FORMAT}.`
      : `Your reply did not call the tool "${toolChoice.name}", but this reply must. Reply with only that call, ${FORMAT}.`;
  return { role: 'user', content };
}
