import type { ToolCall, TranscriptMessage } from '@freechat/core';
import { invalidRequest } from '../http/http-error.js';
import { parseCallArguments } from '../reply/call-arguments.js';
import type { ResponsesInputItem, ResponsesInputPart } from './responses-schema.js';

/** The content part types read as text: the user's `input_text`, an earlier answer's `output_text`. */
const TEXT_PARTS = new Set(['input_text', 'output_text']);

/**
 * Responses items read into core's transcript, item by item, keeping for each transcript message the
 * parameter it came from (for a 400 that names it):
 *
 * - a message (`{role, content}`, `type` `message` or absent): `developer` becomes `system`, text
 *   parts are joined;
 * - a `function_call` (`call_id`, `name`, `arguments`): a call of the assistant, joined to the
 *   assistant turn right before it (its text, or the calls before it) or else a turn of its own;
 * - a `function_call_output` (`call_id`, `output`): the result of the earlier call with that
 *   `call_id` (among the items read before it).
 *
 * Any other item type is a 400 naming it.
 */
export class ResponsesTranscript {
  /** The conversation so far. */
  readonly messages: TranscriptMessage[] = [];
  /** The parameter each message came from (`input[2]`, or `previous_response_id` for the history). */
  readonly params: string[] = [];
  /** Every call's function, by its `call_id`. */
  readonly #callNames = new Map<string, string>();

  /**
   * Reads one item. `param` names it in a 400 (`input[2]`); `previous_response_id` for the items of
   * the stored turns it continues.
   *
   * @throws HttpError 400 naming the item's field.
   */
  add(item: ResponsesInputItem, param: string): void {
    switch (item.type ?? 'message') {
      case 'message':
        this.#push(readMessage(item, param), param);
        return;
      case 'function_call':
        this.#addCall(item, param);
        return;
      case 'function_call_output': {
        const id = required(item.call_id, `${param}.call_id`);
        const toolName = this.#callNames.get(id);
        if (toolName === undefined) {
          throw invalidRequest(
            `${param}.call_id`,
            `No tool call found for function call output with call_id ${JSON.stringify(id)}: send the function_call item before it, or continue with previous_response_id.`,
          );
        }
        const output = required(item.output, `${param}.output`);
        const content = textOf(output, `${param}.output`);
        this.#push({ role: 'tool', toolCallId: id, toolName, content }, param);
        return;
      }
      default:
        throw invalidRequest(
          `${param}.type`,
          `Input items of type "${item.type}" are not supported; only messages, function_call and function_call_output are.`,
        );
    }
  }

  #addCall(item: ResponsesInputItem, param: string): void {
    const call: ToolCall = {
      id: required(item.call_id, `${param}.call_id`),
      name: required(item.name, `${param}.name`),
      arguments: parseCallArguments(
        required(item.arguments, `${param}.arguments`),
        `${param}.arguments`,
      ),
    };
    this.#callNames.set(call.id, call.name);
    const last = this.messages.at(-1);
    if (last?.role === 'assistant') {
      const calls = 'toolCalls' in last ? last.toolCalls : [];
      this.messages[this.messages.length - 1] = {
        role: 'assistant',
        content: last.content,
        toolCalls: [...calls, call],
      };
      return;
    }
    this.#push({ role: 'assistant', content: '', toolCalls: [call] }, param);
  }

  #push(message: TranscriptMessage, param: string): void {
    this.messages.push(message);
    this.params.push(param);
  }
}

function readMessage(item: ResponsesInputItem, param: string): TranscriptMessage {
  const role = required(item.role, `${param}.role`);
  const content = textOf(required(item.content, `${param}.content`), `${param}.content`);
  return { role: role === 'developer' ? 'system' : role, content };
}

function required<T>(value: T | undefined, param: string): T {
  if (value === undefined) throw invalidRequest(param, `Missing required parameter: '${param}'.`);
  return value;
}

/** A text, or text parts (`input_text`, `output_text`) joined. */
function textOf(content: string | readonly ResponsesInputPart[], param: string): string {
  if (typeof content === 'string') return content;
  let text = '';
  content.forEach((part, index) => {
    const partParam = `${param}[${index}]`;
    if (!TEXT_PARTS.has(part.type)) {
      throw invalidRequest(
        `${partParam}.type`,
        `Content parts of type "${part.type}" are not supported; only text parts ("input_text", "output_text") are.`,
      );
    }
    if (typeof part.text !== 'string') {
      throw invalidRequest(`${partParam}.text`, `Invalid '${partParam}.text': must be string.`);
    }
    text += part.text;
  });
  return text;
}
