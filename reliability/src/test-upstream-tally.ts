import type { Emulator, EmulatorRequest, SiteId } from '@freechat/emulator';

/** How the requests to one site ended. */
export interface SiteTally {
  /** Requests received. */
  received: number;
  /** Requests whose connection or response has closed. */
  closed: number;
  /** Of those, the ones the client hung up on before the reply was complete. */
  clientClosed: number;
  /** Of those, the ones that played a fault. */
  faults: number;
}

/**
 * Counts the emulator's requests as they arrive and as they close, without keeping them: for long
 * runs with the emulator's log disabled (`maxLogEntries: 0`), so that memory stays flat.
 */
export class UpstreamTally {
  readonly #sites = new Map<string, SiteTally>();
  #open = 0;
  #onSettled: (() => void) | undefined;

  constructor(emulator: Emulator) {
    const watch = async (): Promise<void> => {
      for (;;) this.#count(await emulator.nextRequest());
    };
    void watch();
  }

  /** The counts for one site (zeros when it got no request). */
  site(site: SiteId): SiteTally {
    return this.#sites.get(site) ?? { received: 0, closed: 0, clientClosed: 0, faults: 0 };
  }

  /** Resolves once every request received so far has closed. */
  settled(): Promise<void> {
    if (this.#open === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#onSettled = resolve;
    });
  }

  #count(entry: EmulatorRequest): void {
    const key = entry.site ?? 'none';
    let tally = this.#sites.get(key);
    if (tally === undefined) {
      tally = { received: 0, closed: 0, clientClosed: 0, faults: 0 };
      this.#sites.set(key, tally);
    }
    const counts = tally;
    counts.received++;
    this.#open++;
    void entry.closed.then(() => {
      counts.closed++;
      if (entry.clientClosed) counts.clientClosed++;
      if (entry.verdict === 'fault') counts.faults++;
      this.#open--;
      if (this.#open === 0) this.#onSettled?.();
    });
  }
}
