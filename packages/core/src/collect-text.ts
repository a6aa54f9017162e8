/** Reads a stream of text to its end and returns the whole of it. */
export async function collectText(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const piece of stream) text += piece;
  return text;
}
