import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import {
  addConnectionOptions,
  type Connection,
  type ConnectionFlags,
  openConnection,
  readConnectionSettings,
} from '../connection/connection.js';
import {
  defaultProvider,
  PROVIDER_IDS,
  type ProviderId,
  parseProviderIds,
} from '../connection/provider-registry.js';
import { layerSettings } from '../connection/setting-layers.js';
import { colorsFor } from '../terminal/colors.js';
import { errorName, shortReason } from '../terminal/error-format.js';
import { type CliIO, signalExitCode, stopOnSignal } from '../terminal/io.js';
import { startSpinner } from '../terminal/spinner.js';
import { formatTable } from '../terminal/table.js';
import { type CommandContext, runAction } from './command-context.js';
import { UsageError } from './usage-error.js';

/**
 * Each probe's deadline by default, in milliseconds: the first text must arrive before it, and the
 * rest of the reply is timed up to it.
 */
export const DEFAULT_CHECK_TIMEOUT = 15_000;

const PROBE_QUESTION = 'Say hi in one word.';

/** The options of `freechat check`, as commander collects them. */
export interface CheckFlags extends ConnectionFlags {
  /** `-p`: only these providers (a comma list). */
  provider?: string;
  /** `--json`: print an array of {@link ProbeResult} instead of a table. */
  json?: boolean;
}

/** How one base URL of one provider answered a tiny question; `--json` prints an array of these. */
export interface ProbeResult {
  /** The provider's id. */
  provider: ProviderId;
  /** The base URL probed. */
  baseURL: string;
  /** Whether text arrived before the deadline (`--timeout`): the site answers. */
  ok: boolean;
  /** The error's class (`ConnectionError`, `RateLimitError`, …), or null when ok. */
  error: string | null;
  /** A few words on the failure (`ECONNREFUSED`, `HTTP 429`, …), or null when ok. */
  reason: string | null;
  /** Milliseconds until the first text, or null when none arrived. */
  firstTextMs: number | null;
  /**
   * Milliseconds until the probe ended: the reply finished or failed, or the deadline cut it off
   * (then `complete` is false and this is about `--timeout`).
   */
  totalMs: number;
  /** Whether the reply finished before the deadline; false for a failure or a reply cut off. */
  complete: boolean;
}

/** Defines `freechat check` on `command`. */
export function configureCheckCommand(command: Command, context: CommandContext): void {
  command
    .description(
      'Ask every provider and mirror a tiny question at once: which ones work right now?',
    )
    .option('-p, --provider <ids>', 'only these providers (comma list; default all)')
    .option('--json', 'print a JSON array instead of a table');
  addConnectionOptions(
    command,
    `each probe's deadline in milliseconds: text must start before it; a reply still arriving then is cut off (default ${DEFAULT_CHECK_TIMEOUT})`,
  );
  command.action((flags: CheckFlags) => runAction(context, () => runCheck(flags, context.io)));
}

/**
 * Probes every base URL of every chosen provider concurrently, without retries, and prints the
 * results as a table or JSON. Each probe has one deadline, `--timeout` after it started: a probe
 * with no text by then failed; one whose reply is still arriving then answered, and is cut off.
 *
 * @returns 0 when at least one base URL answered, 1 when none did, 130/143 when stopped.
 */
export async function runCheck(flags: CheckFlags, io: CliIO): Promise<number> {
  if (flags.site !== undefined) {
    throw new UsageError('check probes the built-in providers; ask a deployment with chat --site');
  }
  const ids = flags.provider === undefined ? [...PROVIDER_IDS] : parseProviderIds(flags.provider);
  const settings = readConnectionSettings(flags, ids, io, DEFAULT_CHECK_TIMEOUT);
  const connection = await openConnection(settings, io.env);
  const stop = stopOnSignal(io);
  const targets = ids.flatMap((id) =>
    (connection.baseURLs(id) ?? defaultProvider(id).baseURLs).map((baseURL) => ({ id, baseURL })),
  );
  const spinner = flags.json
    ? undefined
    : startSpinner(io, `Checking ${targets.length} base URLs…`);
  try {
    const results = await Promise.all(
      targets.map(({ id, baseURL }) =>
        probe(connection, id, baseURL, layerSettings(settings.shared).timeout!, stop.signal),
      ),
    );
    spinner?.stop();
    const stoppedBy = stop.stoppedBy();
    if (stoppedBy !== undefined) return signalExitCode(stoppedBy);
    if (flags.json) io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else printTable(results, io);
    return results.some((result) => result.ok) ? 0 : 1;
  } finally {
    spinner?.stop();
    stop.release();
    await connection.close();
  }
}

async function probe(
  connection: Connection,
  id: ProviderId,
  baseURL: string,
  timeout: number,
  signal: AbortSignal,
): Promise<ProbeResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const deadline = AbortSignal.timeout(timeout);
  let firstTextMs: number | null = null;
  const result = (outcome: Pick<ProbeResult, 'ok' | 'error' | 'reason' | 'complete'>) => ({
    provider: id,
    baseURL,
    ...outcome,
    firstTextMs,
    totalMs: elapsed(),
  });
  try {
    const provider = connection.provider([id], { baseURL, maxRetries: 0 });
    const messages = [{ role: 'user' as const, content: PROBE_QUESTION }];
    const request = { messages, signal: AbortSignal.any([signal, deadline]) };
    for await (const _text of provider.stream(request)) firstTextMs ??= elapsed();
    if (firstTextMs === null) {
      return result({
        ok: false,
        error: 'EmptyReply',
        reason: 'the reply was empty',
        complete: false,
      });
    }
    return result({ ok: true, error: null, reason: null, complete: true });
  } catch (error) {
    if (deadline.aborted && error === deadline.reason) {
      return firstTextMs === null
        ? result({
            ok: false,
            error: 'TimeoutError',
            reason: `no text in ${timeout} ms`,
            complete: false,
          })
        : result({ ok: true, error: null, reason: null, complete: false });
    }
    return result({
      ok: false,
      error: errorName(error),
      reason: shortReason(error),
      complete: false,
    });
  }
}

function printTable(results: readonly ProbeResult[], io: CliIO): void {
  const colors = colorsFor(io.stdout, io.env);
  const milliseconds = (value: number | null) => (value === null ? '-' : `${value} ms`);
  const rows = results.map((result) => [
    colors.bold(result.provider),
    result.baseURL,
    result.ok ? colors.green('ok') : colors.red(`${result.error} (${result.reason})`),
    milliseconds(result.firstTextMs),
    result.ok && !result.complete
      ? `cut off at ${result.totalMs} ms`
      : milliseconds(result.totalMs),
  ]);
  const header = ['PROVIDER', 'BASE URL', 'RESULT', 'FIRST TEXT', 'TOTAL'];
  io.stdout.write(
    formatTable(
      header.map((title) => colors.dim(title)),
      rows,
    ),
  );
  const working = results.filter((result) => result.ok).length;
  const summary = `${working} of ${results.length} base URLs answered.`;
  io.stdout.write(`${working > 0 ? colors.green(summary) : colors.red(summary)}\n`);
}
