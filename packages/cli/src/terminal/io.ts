/** A place the command writes text to: `process.stdout`, `process.stderr`, or a test's collector. */
export interface CliOutput {
  /** Writes text. */
  write(text: string): unknown;
  /** Whether the stream is a terminal; decides colours and the spinner. */
  isTTY?: boolean | undefined;
  /** The terminal's width, when it is one. */
  columns?: number | undefined;
}

/** A place the command reads text from: `process.stdin` or a test's stream. */
export type CliInput = NodeJS.ReadableStream & {
  /** Whether the stream is a terminal. */
  isTTY?: boolean | undefined;
};

/** The signals a command reacts to: Ctrl-C and a polite termination. */
export type CliSignal = 'SIGINT' | 'SIGTERM';

/** Everything a command reads from and writes to, so it can run in a test as well as in a shell. */
export interface CliIO {
  /** The input: the chat text when none is given as an argument, the REPL's lines. */
  stdin: CliInput;
  /** Replies, tables and banners. */
  stdout: CliOutput;
  /** The spinner, errors and hints. */
  stderr: CliOutput;
  /** The environment: `FREECHAT_PROXY`, `FREECHAT_API_KEY`, `FREECHAT_PASSWORD`, `FREECHAT_<ID>_BASE_URL`, `NO_COLOR`. */
  env: Readonly<Record<string, string | undefined>>;
  /** Calls `listener` on SIGINT or SIGTERM until the returned function is called. */
  onSignal(listener: (signal: CliSignal) => void): () => void;
}

/**
 * The IO of the running process: its standard streams, environment and signals. A reader of stdout
 * that goes away (`freechat chat … | head -1`) ends the process quietly with 141, as SIGPIPE ends
 * other Unix tools, instead of an EPIPE stack trace; any other write error (a full disk) ends it with
 * one line on stderr and 1. That handling is set up on the first call only, so a program that calls
 * `runCli` many times does not pile up listeners.
 */
export function processIO(): CliIO {
  if (!process.stdout.listeners('error').includes(exitOnStdoutError)) {
    process.stdout.on('error', exitOnStdoutError);
  }
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    onSignal(listener) {
      process.on('SIGINT', listener);
      process.on('SIGTERM', listener);
      return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
    },
  };
}

function exitOnStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(141);
  process.stderr.write(`freechat: cannot write to stdout: ${error.message}\n`);
  process.exit(1);
}

/** A command's stop on SIGINT or SIGTERM: what aborts its work, and which signal came first. */
export interface SignalStop {
  /** Aborted by the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** The first signal that came, or `undefined` while none did. */
  stoppedBy(): CliSignal | undefined;
  /** Stops listening for signals; call it when the command ends. */
  release(): void;
}

/**
 * Listens for SIGINT and SIGTERM on `io` until released: the first one aborts the returned signal and
 * is remembered, so the command can exit with {@link signalExitCode} of it.
 */
export function stopOnSignal(io: CliIO): SignalStop {
  const controller = new AbortController();
  let first: CliSignal | undefined;
  const release = io.onSignal((signal) => {
    first ??= signal;
    controller.abort();
  });
  return { signal: controller.signal, stoppedBy: () => first, release };
}

/** The exit code of a process stopped by `signal`, as shells report it: 130 for SIGINT, 143 for SIGTERM. */
export function signalExitCode(signal: CliSignal): number {
  return signal === 'SIGINT' ? 130 : 143;
}
