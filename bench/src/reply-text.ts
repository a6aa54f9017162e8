/**
 * A streamed reply's text as the hand-written anchors collect it: each piece decoded as it arrives by
 * one streaming TextDecoder, as the raw undici client does.
 */
export class ReplyText {
  readonly #decoder = new TextDecoder();
  #text = '';

  /** Decodes the next piece of the body (a character split across pieces waits for the rest). */
  add(piece: Uint8Array): void {
    this.#text += this.#decoder.decode(piece, { stream: true });
  }

  /** The whole text; the body is over. */
  end(): string {
    return this.#text + this.#decoder.decode();
  }
}

/**
 * The text of a Node readable body (`node:http`'s response, `node:http2`'s stream) read in flowing
 * mode, each `data` chunk decoded as it arrives; rejects with the stream's error.
 */
export function readableText(body: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const text = new ReplyText();
    body.on('data', (chunk: Buffer) => text.add(chunk));
    body.on('end', () => resolve(text.end()));
    body.on('error', reject);
  });
}
