import type { ClientKind } from './bench-client-kind.js';

/** Whether sizes are the real ones or the smoke run's tiny ones. */
export type BenchMode = 'full' | 'smoke';

/** What the runner asks a client process to do. */
export interface ClientJob {
  scenario: string;
  mode: BenchMode;
  client: ClientKind;
  /** The emulator's plain HTTP base URL, the TLS proxy's or the ASCII reply server's. */
  origin: string;
  /** The scenario's sizes for this run, when not those of `mode` (S5 runs at two stream counts). */
  params?: unknown;
}

/** What a client process answers. */
export interface ClientReply {
  metrics: Record<string, number>;
  wrongAnswers: number;
  /** The message of the error that stopped the client, if one did. */
  error?: string;
}
