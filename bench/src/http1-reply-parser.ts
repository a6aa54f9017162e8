import { ReplyText } from './reply-text.js';

/** Where a parser is in the reply. */
type ParserState = 'head' | 'chunk-size' | 'data' | 'chunk-end' | 'trailer' | 'done';

/** What ends each line-shaped part: the head ends with an empty line, the others with a line break. */
const HEAD_END = Buffer.from('\r\n\r\n');
const LINE_END = Buffer.from('\r\n');

/**
 * The least an HTTP/1.1 client must do to read one reply off a socket by hand (S5's `node-net`
 * anchor): the status line and headers, then a chunked body (or one of `Content-Length` bytes), its
 * pieces decoded as they arrive. Only what the emulator sends is supported: a 200 with a chunked or
 * sized body; anything else throws.
 */
export class Http1ReplyParser {
  readonly #text = new ReplyText();
  #state: ParserState = 'head';
  /** Bytes of an unfinished head or size line, waiting for the rest. */
  #pending: Buffer | undefined;
  /** Body bytes of the current chunk (or of a sized body) still to come. */
  #left = 0;
  #chunked = false;

  /** Parses the next bytes off the socket; returns true once the reply is complete. */
  push(bytes: Buffer): boolean {
    const data = this.#pending === undefined ? bytes : Buffer.concat([this.#pending, bytes]);
    this.#pending = undefined;
    let offset = 0;
    while (offset < data.length && this.#state !== 'done') {
      if (this.#state === 'data') {
        const end = Math.min(data.length, offset + this.#left);
        this.#text.add(data.subarray(offset, end));
        this.#left -= end - offset;
        offset = end;
        if (this.#left === 0) this.#state = this.#chunked ? 'chunk-end' : 'done';
        continue;
      }
      const terminator = this.#state === 'head' ? HEAD_END : LINE_END;
      const lineEnd = data.indexOf(terminator, offset);
      if (lineEnd === -1) {
        this.#pending = data.subarray(offset);
        break;
      }
      this.#line(data.toString('latin1', offset, lineEnd));
      offset = lineEnd + terminator.length;
    }
    return this.#state === 'done';
  }

  /** The reply's whole text; call once {@link push} returned true. */
  text(): string {
    return this.#text.end();
  }

  #line(line: string): void {
    switch (this.#state) {
      case 'head':
        this.#head(line);
        break;
      case 'chunk-size':
        this.#left = Number.parseInt(line, 16);
        if (Number.isNaN(this.#left)) throw new Error(`bad chunk size ${JSON.stringify(line)}`);
        this.#state = this.#left === 0 ? 'trailer' : 'data';
        break;
      case 'chunk-end':
        if (line !== '') throw new Error('a chunk ran past its size');
        this.#state = 'chunk-size';
        break;
      case 'trailer':
        if (line === '') this.#state = 'done';
        break;
    }
  }

  #head(head: string): void {
    const [statusLine = '', ...fields] = head.split('\r\n');
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
    if (status !== '200') throw new Error(`status ${status ?? JSON.stringify(statusLine)}`);
    const field = (name: string) =>
      fields
        .find((line) => line.toLowerCase().startsWith(`${name}:`))
        ?.slice(name.length + 1)
        .trim();
    this.#chunked = /\bchunked\b/i.test(field('transfer-encoding') ?? '');
    if (this.#chunked) {
      this.#state = 'chunk-size';
      return;
    }
    const length = field('content-length');
    if (length === undefined) throw new Error('a reply with neither a length nor chunks');
    this.#left = Number(length);
    this.#state = this.#left === 0 ? 'done' : 'data';
  }
}
