import type { Command } from 'commander';
import {
  baseURLVariable,
  defaultProvider,
  PROVIDER_IDS,
  splitList,
} from '../connection/provider-registry.js';
import { colorsFor } from '../terminal/colors.js';
import type { CliIO } from '../terminal/io.js';
import { formatTable } from '../terminal/table.js';
import { type CommandContext, runAction } from './command-context.js';

/** Defines `freechat providers` on `command`. */
export function configureProvidersCommand(command: Command, context: CommandContext): void {
  command
    .description('List the providers: models, last known status and base URLs')
    .option('--json', 'print a JSON array instead of a table')
    .action((flags: { json?: boolean }) =>
      runAction(context, async () => runProviders(context.io, flags)),
    );
}

/**
 * Prints a table of every provider: id, label, models, default model, the last known status of its
 * site, and the base URLs it sends to (a `FREECHAT_<ID>_BASE_URL` override is shown as such).
 *
 * With `json`, prints a JSON array of `{ id, label, models, defaultModel, lastKnownUp, baseURLs,
 * baseURLVariable }` instead (`baseURLVariable` names the variable the base URLs came from, else null).
 *
 * @returns 0.
 */
export function runProviders(io: CliIO, options: { json?: boolean } = {}): number {
  const listed = PROVIDER_IDS.map((id) => ({
    id,
    provider: defaultProvider(id),
    override: splitList([io.env[baseURLVariable(id)] ?? '']),
  }));
  if (options.json === true) {
    const list = listed.map(({ id, provider, override }) => ({
      id,
      label: provider.label,
      models: provider.models,
      defaultModel: provider.defaultModel,
      lastKnownUp: provider.lastKnownUp,
      baseURLs: override.length > 0 ? override : provider.baseURLs,
      baseURLVariable: override.length > 0 ? baseURLVariable(id) : null,
    }));
    io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  const colors = colorsFor(io.stdout, io.env);
  const rows = listed.map(({ id, provider, override }) => {
    const baseURLs =
      override.length > 0
        ? [...override.slice(0, -1), `${override.at(-1)} (${baseURLVariable(id)})`]
        : provider.baseURLs;
    return [
      colors.bold(id),
      provider.label,
      provider.models.join(', '),
      provider.defaultModel,
      provider.lastKnownUp ? colors.green('up') : colors.yellow('down'),
      baseURLs.join('\n'),
    ];
  });
  const header = ['PROVIDER', 'LABEL', 'MODELS', 'DEFAULT MODEL', 'LAST KNOWN', 'BASE URL'];
  io.stdout.write(
    formatTable(
      header.map((title) => colors.dim(title)),
      rows,
    ),
  );
  io.stdout.write(
    colors.dim(
      '"Last known" is the status when this version was released; run `freechat check` for now.\n',
    ),
  );
  return 0;
}
