import type { ReplyStep } from '@freechat/emulator';
import type { BenchClient, ClientKind } from './bench-client-kind.js';

/** How a measured figure compares: a bigger value is better, or a smaller one. */
export type Better = 'higher' | 'lower';

/** One figure a scenario reports for each client. */
export interface MetricDefinition {
  /** Key in the results, e.g. `requestsPerSecond`. */
  key: string;
  /** Unit shown in the table, e.g. `req/s`. */
  unit: string;
  better: Better;
}

/**
 * A goal: `client`'s `metric` divided by `reference`'s must be at least (or at most) `ratio`; without
 * a `reference`, `client`'s `metric` itself must be at least (or at most) `ratio` (a limit in the
 * metric's unit).
 */
export interface Target {
  metric: string;
  client: string;
  reference?: string;
  ratio: number;
  comparison: 'at-least' | 'at-most';
}

/** What one client's run of a scenario gives back. */
export interface WorkloadResult {
  metrics: Record<string, number>;
  /** Replies whose decoded text differed from the emulator's. */
  wrongAnswers: number;
}

/** Scenario sizes for a full run and for the quick smoke run. */
export interface ScenarioSizes<PARAMS> {
  full: PARAMS;
  smoke: PARAMS;
}

/** Fields every scenario shares, whether it runs clients or the server. */
export interface ScenarioInfo<PARAMS> {
  /** `S1` … `S6`. */
  id: string;
  title: string;
  sizes: ScenarioSizes<PARAMS>;
  metrics: readonly MetricDefinition[];
  /** The client whose figures the ratios divide by. */
  baseline: string;
  /** The goals (the figures, each against its anchor); empty when only informative. */
  targets: readonly Target[];
  /** How many times each client runs in a full run (its best run counts); smoke runs once. */
  rounds?: number;
}

/** Where a client scenario's requests go. */
export type Upstream = 'emulator' | 'emulator-tls' | 'tls-proxy' | 'ascii' | 'h2';

/** A scenario that runs each client kind in its own process against the emulator. */
export interface ClientScenario<PARAMS> extends ScenarioInfo<PARAMS> {
  kind: 'client';
  clients: readonly ClientKind[];
  /**
   * What the clients ask: the emulator, the TLS proxy in front of it (S4), the ASCII server (S3a), the
   * h2 reply server (S5's `node-http2` client) or the emulator's own HTTPS (HTTP/2) port (S5's
   * `*-http2` clients).
   */
  upstream: Upstream;
  /** The reply every request asks for. */
  step(params: PARAMS): ReplyStep;
  /** The reply size to verify against. */
  replySize(params: PARAMS): number;
  /** How to verify a reply, when not against the emulator's generated reply of `replySize`. */
  replyCheck?(params: PARAMS): (text: string) => boolean;
  /** Runs in the client's process: the measured work. */
  workload(
    client: BenchClient,
    params: PARAMS,
    check: (text: string) => boolean,
  ): Promise<WorkloadResult>;
}
