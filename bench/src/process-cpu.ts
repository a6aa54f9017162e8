import { readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc/<pid>/stat` (`getconf CLK_TCK`: 100 on Linux x64 and arm64). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU milliseconds (user and system) another process has used so far, from `/proc/<pid>/stat`, or
 * undefined where `/proc` is not there (not Linux). Resolution: one clock tick (10 ms).
 */
export function processCpuMilliseconds(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line: 11 and 12 after the name and the state.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}
