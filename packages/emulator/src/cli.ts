import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatEmulatorBanner } from './emulator-banner.js';
import { startEmulator } from './start-emulator.js';

/** Where `runEmulatorCommand` writes, and what else may stop it. */
export interface EmulatorCommandIO {
  /** Receives the banner and messages. Default `process.stdout`. */
  stdout?: { write(text: string): unknown };
  /** Receives errors and the usage after a bad argument. Default `process.stderr`. */
  stderr?: { write(text: string): unknown };
  /** Stops the emulator when aborted, like SIGINT/SIGTERM. */
  signal?: AbortSignal;
}

/** The port the command line listens on when `--port` is not given. */
export const DEFAULT_CLI_PORT = 8787;

const USAGE = `Usage: freechat-emulator [options]

Runs a local emulator of the Free2GPT, AIChatFree, GPROChat and FreeGpt chat sites.

Options:
  --port <n>        port to listen on, 0 for any free one (default ${DEFAULT_CLI_PORT})
  --host <host>     interface to listen on (default 127.0.0.1)
  --delay <ms>      delay between reply chunks (default 0)
  --chunk-size <n>  bytes per reply chunk (default 16)
  -h, --help        show this help
  -v, --version     show the version
`;

/**
 * Runs the emulator's command line: parses `argv` (without the node and script paths), starts the
 * emulator, prints the banner, and stays up until SIGINT, SIGTERM or `io.signal`, then closes cleanly.
 *
 * @returns The exit code: 0 after a clean stop or `--help`/`--version`, 2 after a bad argument.
 */
export async function runEmulatorCommand(
  argv: readonly string[],
  io: EmulatorCommandIO = {},
): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let values: ReturnType<typeof parseCommandLine>;
  try {
    values = parseCommandLine(argv);
  } catch (error) {
    stderr.write(`freechat-emulator: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    stdout.write(`${readVersion()}\n`);
    return 0;
  }
  const emulator = await startEmulator({
    host: values.host,
    port: values.port,
    delayMs: values.delayMs,
    chunkSize: values.chunkSize,
  });
  stdout.write(formatEmulatorBanner(emulator));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener('abort', stop);
  });
  await emulator.close();
  stdout.write('freechat emulator stopped.\n');
  return 0;
}

function parseCommandLine(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      delay: { type: 'string' },
      'chunk-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  return {
    help: values.help === true,
    version: values.version === true,
    host: values.host ?? '127.0.0.1',
    port: parseNumber('--port', values.port, DEFAULT_CLI_PORT, 0, 65_535),
    delayMs: parseNumber('--delay', values.delay, 0, 0, Number.MAX_SAFE_INTEGER),
    chunkSize: parseNumber('--chunk-size', values['chunk-size'], 16, 1, Number.MAX_SAFE_INTEGER),
  };
}

function parseNumber(
  name: string,
  text: string | undefined,
  fallback: number,
  minimum: number,
  maximum: number,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw new RangeError(
      `${name} must be an integer from ${minimum} to ${maximum}, got '${text}'.`,
    );
  }
  return value;
}

function readVersion(): string {
  const manifest = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}
