import picocolors from 'picocolors';
import type { CliIO, CliOutput } from './io.js';

/** The colour functions of picocolors, enabled or not. */
export type Colors = ReturnType<typeof picocolors.createColors>;

/**
 * Colours for one output: on only when it is a terminal and `NO_COLOR` is not set (any value, even
 * empty, turns colours off, as https://no-color.org asks); `FORCE_COLOR` turns them on.
 */
export function colorsFor(output: CliOutput, env: CliIO['env']): Colors {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  const enabled = env.NO_COLOR === undefined && (forced || output.isTTY === true);
  return picocolors.createColors(enabled);
}
