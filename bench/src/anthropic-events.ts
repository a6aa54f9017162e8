/**
 * The text carried by an Anthropic Messages event stream (`event: …` and `data: {...}` lines, ending
 * with `message_stop`): the concatenated `text_delta` texts. Undefined when the stream is malformed,
 * carries an `error` event or does not end with `message_stop`.
 */
export function textOfMessageStream(body: string): string | undefined {
  let text = '';
  let stopped = false;
  for (const line of body.split('\n')) {
    if (!line.startsWith('data: ')) continue;
    let event: { type?: unknown; delta?: { type?: unknown; text?: unknown } };
    try {
      event = JSON.parse(line.slice('data: '.length));
    } catch {
      return undefined;
    }
    if (event.type === 'error') return undefined;
    if (event.type === 'message_stop') stopped = true;
    else if (event.delta?.type === 'text_delta' && typeof event.delta.text === 'string') {
      text += event.delta.text;
    }
  }
  return stopped ? text : undefined;
}
