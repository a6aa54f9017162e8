import { colorsFor } from './colors.js';
import type { CliIO } from './io.js';

/** What a spinner shows beside its frame: fixed text, or a function read again on every frame. */
export type SpinnerText = string | (() => string);

/** A spinner that may be off; `stop()` clears it and may be called more than once. */
export interface CliSpinner {
  /** Shows `text` from now on, drawn at once (a function, such as a countdown, on every frame). */
  update(text: SpinnerText): void;
  /** Clears the spinner's line, shows the cursor again and stops the animation. */
  stop(): void;
}

/** The frames drawn in turn, and how long each one shows. */
const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;
const FRAME_MS = 80;

const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';
/** Back to the start of the line, then erase to its end. */
const CLEAR_LINE = '\r\u001b[K';

/**
 * Shows a spinner on stderr while waiting, whenever stderr is a terminal, whatever stdout is
 * (`freechat chat hi > out.txt` still spins on the terminal). It stays off when stderr is not a
 * terminal, when the terminal has no width, and when `CI` is set. The line is cut to the terminal's
 * width so that `\r` can always erase it. Its timer does not keep the process alive, and it never
 * installs signal handlers: Ctrl-C stays the command's to handle.
 */
export function startSpinner(io: CliIO, text: SpinnerText): CliSpinner {
  const { stderr, env } = io;
  const columns = stderr.columns ?? 0;
  if (stderr.isTTY !== true || columns <= 0 || env.CI !== undefined) {
    return { update() {}, stop() {} };
  }
  const colors = colorsFor(stderr, env);
  let current = text;
  let frame = 0;
  const draw = () => {
    const full = typeof current === 'function' ? current() : current;
    // The frame and a space take two columns; one more keeps the cursor off the last one.
    const shown = Array.from(full)
      .slice(0, Math.max(0, columns - 3))
      .join('');
    stderr.write(`${CLEAR_LINE}${colors.cyan(SPINNER_FRAMES[frame]!)} ${shown}`);
    frame = (frame + 1) % SPINNER_FRAMES.length;
  };
  stderr.write(HIDE_CURSOR);
  draw();
  const timer = setInterval(draw, FRAME_MS);
  timer.unref();
  let stopped = false;
  return {
    update(next) {
      if (stopped) return;
      current = next;
      draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      stderr.write(`${CLEAR_LINE}${SHOW_CURSOR}`);
    },
  };
}
