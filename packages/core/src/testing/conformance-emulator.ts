/** A reply or a fault the emulator plays for one request (see `@freechat/emulator`'s ScenarioStep). */
export type ConformanceStep =
  | { text?: string; size?: number; chunkSize?: number; delayMs?: number }
  | {
      fault: string;
      retryAfter?: number;
      retryAfterMs?: number;
      chunkSize?: number;
      delayMs?: number;
    };

/** What the conformance suite reads of one request the emulator received. */
export interface ConformanceRequest {
  site: string | undefined;
  path: string;
  rawBody: string;
  body: unknown;
  headers: Record<string, string>;
  verdict: string;
  reason: string | undefined;
  clientClosed: boolean;
  closed: Promise<void>;
}

/**
 * The part of `@freechat/emulator`'s Emulator the suite uses. Declared here, structurally, so core
 * never depends on the emulator (the emulator depends on core).
 */
export interface ConformanceEmulator {
  sites: Record<string, string>;
  mirrors: Record<string, string[]>;
  requests: readonly ConformanceRequest[];
  scenario(target: string, ...steps: ConformanceStep[]): void;
  reset(): void;
  openConnections(): number;
  close(): Promise<void>;
}
