import { colorsFor } from './colors.js';
import type { CliIO } from './io.js';

/** A spinner that may be off; `stop()` clears it and may be called more than once. */
export interface CliSpinner {
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
export function startSpinner(io: CliIO, text: string): CliSpinner {
  const { stderr, env } = io;
  const columns = stderr.columns ?? 0;
  if (stderr.isTTY !== true || columns <= 0 || env.CI !== undefined) {
    return { stop() {} };
  }
  const colors = colorsFor(stderr, env);
  // The frame and a space take two columns; one more keeps the cursor off the last one.
  const shown = Array.from(text)
    .slice(0, Math.max(0, columns - 3))
    .join('');
  let frame = 0;
  const draw = () => {
    stderr.write(`${CLEAR_LINE}${colors.cyan(SPINNER_FRAMES[frame]!)} ${shown}`);
    frame = (frame + 1) % SPINNER_FRAMES.length;
  };
  stderr.write(HIDE_CURSOR);
  draw();
  const timer = setInterval(draw, FRAME_MS);
  timer.unref();
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      stderr.write(`${CLEAR_LINE}${SHOW_CURSOR}`);
    },
  };
}
