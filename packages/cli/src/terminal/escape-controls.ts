/**
 * The control characters a terminal may act on: C0 (U+0000–U+001F) but newline and tab, DEL, C1
 * (U+0080–U+009F), and a carriage return that is not the first half of a CRLF.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it finds.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g;

/**
 * `text` with every control character a terminal would act on (an escape sequence that sets the
 * window title, writes the clipboard or clears the screen; a lone carriage return that overwrites the
 * line) shown as its code in `\xHH` form: ESC is shown as `\x1b`, a lone CR as `\x0d`. Newline, tab
 * and CRLF are left as they are.
 *
 * @example
 * escapeControls('\u001b]0;pwned\u0007'); // '\\x1b]0;pwned\\x07'
 */
export function escapeControls(text: string): string {
  return text.replace(
    CONTROL,
    (character) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** {@link escapeControls} for a text that arrives in pieces. */
export interface ControlEscaper {
  /** The next piece, escaped; a CR at its end is held back until the next piece shows what follows it. */
  write(piece: string): string;
  /** What is still held back (a CR that ended the text), escaped. */
  end(): string;
}

/**
 * A {@link ControlEscaper}: the pieces it returns add up to `escapeControls` of the whole text,
 * however the text was cut (a CRLF split across two pieces stays a CRLF).
 */
export function createControlEscaper(): ControlEscaper {
  let heldCR = false;
  return {
    write(piece) {
      const text = heldCR ? `\r${piece}` : piece;
      heldCR = text.endsWith('\r');
      return escapeControls(heldCR ? text.slice(0, -1) : text);
    },
    end() {
      const rest = heldCR ? escapeControls('\r') : '';
      heldCR = false;
      return rest;
    },
  };
}
