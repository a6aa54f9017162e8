import type { ToolCall, TranscriptMessage } from '@freechat/core';
import { invalidRequest } from '../http/http-error.js';
import { parseCallArguments } from '../reply/call-arguments.js';
import type { ChatCompletionMessage, ChatContent, ChatFunctionCall } from './chat-schema.js';

/**
 * A chat completion's messages as core's transcript, one for one (so `messages[i]` names the same
 * message in both): `developer` becomes `system`, text parts are joined, an assistant's `tool_calls`
 * (or deprecated `function_call`) become its calls with their arguments parsed, and a `tool` (or
 * deprecated `function`) message becomes the result of the earlier call it names.
 *
 * A deprecated `function_call` has no id: it gets `call_fn_<its message's index>`, and a `function`
 * result answers the latest earlier call of its function.
 *
 * @throws HttpError 400 naming the field: arguments that are no JSON object, a result whose call
 * is not among the earlier messages.
 */
export function readChatTranscript(
  messages: readonly ChatCompletionMessage[],
): TranscriptMessage[] {
  /** Every earlier call's tool, by its id. */
  const callNames = new Map<string, string>();
  /** The id of each function's latest deprecated call. */
  const functionCallIds = new Map<string, string>();
  return messages.map((message, index): TranscriptMessage => {
    const param = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
      case 'user':
        return {
          role: message.role === 'developer' ? 'system' : message.role,
          content: textOf(message.content),
        };
      case 'assistant': {
        const calls = callsOf(message, index);
        for (const call of calls) callNames.set(call.id, call.name);
        if (message.function_call != null) {
          functionCallIds.set(message.function_call.name, calls[0]!.id);
        }
        const content = textOf(message.content);
        return calls.length === 0
          ? { role: 'assistant', content }
          : { role: 'assistant', content, toolCalls: calls };
      }
      case 'tool': {
        const id = message.tool_call_id!;
        const toolName = callNames.get(id);
        if (toolName === undefined) {
          throw invalidRequest(
            `${param}.tool_call_id`,
            `Invalid '${param}.tool_call_id': no earlier assistant message has a tool call with the id ${JSON.stringify(id)}.`,
          );
        }
        return { role: 'tool', toolCallId: id, toolName, content: textOf(message.content) };
      }
      default: {
        // The deprecated `function` role: the result of the latest earlier call of its function.
        const toolName = message.name!;
        const id = functionCallIds.get(toolName);
        if (id === undefined) {
          throw invalidRequest(
            `${param}.name`,
            `Invalid '${param}.name': no earlier assistant message has a function_call of ${JSON.stringify(toolName)}.`,
          );
        }
        return { role: 'tool', toolCallId: id, toolName, content: textOf(message.content) };
      }
    }
  });
}

function textOf(content: ChatContent | null | undefined): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  let text = '';
  for (const part of content) text += part.text;
  return text;
}

/** An assistant message's calls: its `tool_calls`, or its deprecated `function_call`. */
function callsOf(message: ChatCompletionMessage, index: number): ToolCall[] {
  const param = `messages[${index}]`;
  const calls = (message.tool_calls ?? []).map((call, callIndex) =>
    toCall(call.id, call.function, `${param}.tool_calls[${callIndex}].function.arguments`),
  );
  if (message.function_call != null) {
    const id = `call_fn_${index}`;
    calls.push(toCall(id, message.function_call, `${param}.function_call.arguments`));
  }
  return calls;
}

function toCall(id: string, call: ChatFunctionCall, param: string): ToolCall {
  return { id, name: call.name, arguments: parseCallArguments(call.arguments, param) };
}
