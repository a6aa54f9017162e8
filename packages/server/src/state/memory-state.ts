import { MemoryCooldowns } from './memory-cooldowns.js';
import { MemoryLimits } from './memory-limits.js';
import { MemoryResponses } from './memory-responses.js';
import type { ServerState, StateStatus } from './server-state.js';

/**
 * The state of one process, the default: nothing to install, nothing shared. Bounded: one counter
 * set per provider and per configured key, and at most `MAX_STORED_RESPONSES` stored Responses
 * (`MAX_STORED_RESPONSE_BYTES` in all).
 */
export class MemoryState implements ServerState {
  readonly cooldowns = new MemoryCooldowns();
  readonly limits = new MemoryLimits();
  readonly responses: MemoryResponses;

  constructor(clock: () => number) {
    this.responses = new MemoryResponses(clock);
  }

  status(): StateStatus {
    return { backend: 'memory', up: true };
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {}
}
