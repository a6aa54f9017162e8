import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';

/** The machine a run was made on. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
}

/** This machine: CPU count (as `nproc`), model (from /proc/cpuinfo when there is one), Node version. */
export function machineInfo(): MachineInfo {
  return {
    cpus: availableParallelism(),
    cpuModel: cpuModel(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1] !== undefined) return match[1].trim();
  } catch {
    // Not Linux: fall back to what os.cpus() says.
  }
  return cpus()[0]?.model ?? 'unknown';
}
