/**
 * Where a scan stands after a piece of text: the value goes on past it (`more`), ends just before
 * `end`, or cannot go on at `at` (that character is not part of it).
 */
export type ScanStep =
  | { kind: 'more' }
  | { kind: 'done'; end: number }
  | { kind: 'fail'; at: number };

const MORE: ScanStep = { kind: 'more' };

/** What a scan expects next, outside a string, number or literal. */
type Expect = 'value' | 'element' | 'key' | 'colon' | 'comma-or-close';

/** The characters that close a string, by the character that opened it. */
const CLOSERS: Readonly<Record<string, string>> = {
  '"': '"',
  '\u201c': '\u201d\u201c"',
  '\u201d': '\u201d\u201c"',
  '\u2018': '\u2019\u2018',
  '\u2019': '\u2019\u2018',
  "'": "'",
};
/**
 * The characters a string's run of plain characters stops at: a backslash, any quote that may close
 * a string, `"` (escaped when it does not), a control character (escaped).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are escaped one by one.
const STRING_STOP = /[\\"'\u2018\u2019\u201c\u201d\u0000-\u001f]/g;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u']);
const LITERALS: Readonly<Record<string, string>> = { t: 'true', f: 'false', n: 'null' };
const NUMBER_CHARS = /[0-9eE.+-]/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const WHITESPACE = ' \t\n\r';

/**
 * Scans one JSON object or array as it streams in, piece by piece, as leniently as models write it:
 * strings in “smart”, ‘single smart’ or 'single' quotes, trailing commas, raw control characters
 * inside strings. It fails as soon as the text cannot be such a value: at the first character JSON
 * cannot take, at the first key of the top object (or of a top array's objects) when
 * `acceptsFirstKey` refuses it, at an array at the top whose elements are not objects, or past
 * `maxDepth` levels. Meanwhile it writes the value as strict JSON (`json`), for `JSON.parse`.
 */
export class LenientJsonScanner {
  /** The value so far, as strict JSON. */
  json = '';
  /** The first key of the top object (or of a top array's first object), once read. */
  firstKey: string | undefined;
  private readonly frames: ('object' | 'array')[] = [];
  private expect: Expect = 'value';
  /** The closers of the string being read, or '' outside one. */
  private closers = '';
  private escaped = false;
  /** The key being read, when it is a first key to check. */
  private key: string | undefined;
  private checkNextKey = false;
  private number: string | undefined;
  private literal = '';
  private literalLength = 0;

  constructor(
    private readonly acceptsFirstKey: (key: string) => boolean,
    private readonly maxDepth = 64,
  ) {}

  /** Scans `text` from `from`; see `ScanStep`. After `done` or `fail`, the scanner is spent. */
  scan(text: string, from: number): ScanStep {
    for (let index = from; index < text.length; index++) {
      if (this.closers !== '' && !this.escaped) {
        index = this.plainRun(text, index);
        if (index === text.length) break;
      }
      const char = text[index]!;
      if (this.closers !== '') {
        if (!this.stringChar(char)) return { kind: 'fail', at: index + 1 };
        continue;
      }
      if (this.number !== undefined) {
        if (NUMBER_CHARS.test(char)) {
          this.number += char;
          continue;
        }
        if (!NUMBER.test(this.number)) return { kind: 'fail', at: index };
        this.json += this.number;
        this.number = undefined;
        this.expect = 'comma-or-close';
      } else if (this.literal !== '') {
        if (char !== this.literal[this.literalLength]) return { kind: 'fail', at: index };
        if (++this.literalLength === this.literal.length) {
          this.json += this.literal;
          this.literal = '';
          this.expect = 'comma-or-close';
        }
        continue;
      }
      if (WHITESPACE.includes(char)) continue;
      const step = this.structural(char);
      if (step === 'fail') return { kind: 'fail', at: index };
      if (step === 'done') return { kind: 'done', end: index + 1 };
    }
    return MORE;
  }

  /**
   * Takes the characters of a string from `start` up to the next one `STRING_STOP` names, as they
   * are; returns where they end.
   */
  private plainRun(text: string, start: number): number {
    STRING_STOP.lastIndex = start;
    const end = STRING_STOP.exec(text)?.index ?? text.length;
    if (end > start) {
      const run = text.slice(start, end);
      this.json += run;
      if (this.key !== undefined) this.key += run;
    }
    return end;
  }

  /** One character inside a string; false when it ends a first key that is refused. */
  private stringChar(char: string): boolean {
    if (this.escaped) {
      this.escaped = false;
      // An escape JSON does not know keeps its backslash as a character.
      this.json += ESCAPES.has(char) ? char : `\\${char}`;
      if (this.key !== undefined) this.key += char;
    } else if (char === '\\') {
      this.escaped = true;
      this.json += '\\';
    } else if (this.closers.includes(char)) {
      this.closers = '';
      this.json += '"';
      if (this.expect === 'colon' && this.key !== undefined) {
        const key = this.key;
        this.key = undefined;
        this.firstKey = key;
        return this.acceptsFirstKey(key);
      }
    } else {
      this.json += char === '"' ? '\\"' : char < ' ' ? escapeControl(char) : char;
      if (this.key !== undefined) this.key += char;
    }
    return true;
  }

  private structural(char: string): 'fail' | 'done' | 'go-on' {
    const top = this.frames[this.frames.length - 1];
    switch (this.expect) {
      case 'value':
      case 'element':
        if (this.expect === 'element' && char === ']') {
          // A top array holds at least one object.
          if (this.frames.length === 1 && this.json.endsWith('[')) return 'fail';
          return this.close();
        }
        if (this.frames.length === 1 && top === 'array' && char !== '{') return 'fail';
        return this.startValue(char);
      case 'key':
        if (char === '}') return this.close();
        if (CLOSERS[char] === undefined) return 'fail';
        this.closers = CLOSERS[char];
        this.json += '"';
        this.key = this.checkNextKey ? '' : undefined;
        this.checkNextKey = false;
        this.expect = 'colon';
        return 'go-on';
      case 'colon':
        if (char !== ':') return 'fail';
        this.json += ':';
        this.expect = 'value';
        return 'go-on';
      case 'comma-or-close':
        if (char === ',') {
          this.json += ',';
          this.expect = top === 'object' ? 'key' : 'element';
          return 'go-on';
        }
        if ((char === '}' && top === 'object') || (char === ']' && top === 'array')) {
          return this.close();
        }
        return 'fail';
    }
  }

  private startValue(char: string): 'fail' | 'go-on' {
    if (char === '{' || char === '[') {
      if (this.frames.length >= this.maxDepth) return 'fail';
      const root = this.frames[0];
      this.checkNextKey =
        char === '{' &&
        (this.frames.length === 0 || (this.frames.length === 1 && root === 'array'));
      this.frames.push(char === '{' ? 'object' : 'array');
      this.json += char;
      this.expect = char === '{' ? 'key' : 'element';
      return 'go-on';
    }
    if (this.frames.length === 0) return 'fail';
    if (CLOSERS[char] !== undefined) {
      this.closers = CLOSERS[char];
      this.json += '"';
      this.expect = 'comma-or-close';
      return 'go-on';
    }
    if (char === '-' || (char >= '0' && char <= '9')) {
      this.number = char;
      return 'go-on';
    }
    const literal = LITERALS[char];
    if (literal === undefined) return 'fail';
    this.literal = literal;
    this.literalLength = 1;
    return 'go-on';
  }

  private close(): 'done' | 'go-on' {
    // A trailing comma is dropped.
    if (this.json.endsWith(',')) this.json = this.json.slice(0, -1);
    this.json += this.frames.pop() === 'object' ? '}' : ']';
    this.expect = 'comma-or-close';
    return this.frames.length === 0 ? 'done' : 'go-on';
  }
}

function escapeControl(char: string): string {
  switch (char) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}
