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
