/**
 * The text carried by an OpenAI chat-completion event stream (`data: {...}` lines, ending with
 * `data: [DONE]`): the concatenated `choices[0].delta.content`. Undefined when the stream is malformed
 * or does not end with `[DONE]`.
 */
export function textOfEventStream(body: string): string | undefined {
  let text = '';
  let done = false;
  for (const line of body.split('\n')) {
    if (!line.startsWith('data: ')) continue;
    const data = line.slice('data: '.length);
    if (data === '[DONE]') {
      done = true;
      continue;
    }
    let event: { choices?: { delta?: { content?: unknown } }[] };
    try {
      event = JSON.parse(data);
    } catch {
      return undefined;
    }
    const content = event.choices?.[0]?.delta?.content;
    if (typeof content === 'string') text += content;
  }
  return done ? text : undefined;
}

/** One tool call as a chat-completion event stream carries it, joined. */
export interface StreamedCall {
  name: string;
  arguments: string;
}

/**
 * The tool calls carried by an OpenAI chat-completion event stream, joined by `index` as OpenAI's
 * clients join them (`choices[0].delta.tool_calls`: the name in a call's first delta, its arguments
 * in pieces). Undefined when the stream is malformed, carries text, or does not end with `[DONE]`.
 */
export function toolCallsOfEventStream(body: string): StreamedCall[] | undefined {
  const calls: StreamedCall[] = [];
  let done = false;
  for (const line of body.split('\n')) {
    if (!line.startsWith('data: ')) continue;
    const data = line.slice('data: '.length);
    if (data === '[DONE]') {
      done = true;
      continue;
    }
    let event: {
      choices?: {
        delta?: {
          content?: unknown;
          tool_calls?: { index: number; function?: { name?: string; arguments?: string } }[];
        };
      }[];
    };
    try {
      event = JSON.parse(data);
    } catch {
      return undefined;
    }
    const delta = event.choices?.[0]?.delta;
    if (typeof delta?.content === 'string' && delta.content !== '') return undefined;
    for (const piece of delta?.tool_calls ?? []) {
      calls[piece.index] ??= { name: piece.function?.name ?? '', arguments: '' };
      calls[piece.index]!.arguments += piece.function?.arguments ?? '';
    }
  }
  return done ? calls : undefined;
}
