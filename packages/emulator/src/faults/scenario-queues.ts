import { parseScenarioStep, type ScenarioStep } from './scenario-step.js';

/**
 * The queued scenario steps: one queue per site and one per base URL (mirror). A request takes the first
 * step of its mirror's queue, or failing that of its site's queue.
 */
export class ScenarioQueues {
  private readonly bySite = new Map<string, ScenarioStep[]>();
  private readonly byBase = new Map<string, ScenarioStep[]>();

  /** @param baseSites - Every base URL the emulator serves, with its site. */
  constructor(private readonly baseSites: ReadonlyMap<string, string>) {}

  /**
   * Queues steps for a site (any of its mirrors) or for one exact base URL.
   *
   * @throws TypeError for an unknown target; InvalidSettingError naming the field of a malformed step.
   */
  add(target: string, steps: readonly unknown[]): void {
    const parsed = steps.map((step) => parseScenarioStep(step));
    if ([...this.baseSites.values()].includes(target)) {
      this.bySite.set(target, [...(this.bySite.get(target) ?? []), ...parsed]);
      return;
    }
    const base = target.replace(/\/+$/, '');
    if (!this.baseSites.has(base)) {
      const known = [...this.baseSites.keys()].join(', ');
      throw new TypeError(
        `Unknown scenario target '${target}': expected a site id or one of ${known}.`,
      );
    }
    this.byBase.set(base, [...(this.byBase.get(base) ?? []), ...parsed]);
  }

  /** Removes and returns the next step for a request to this base, if any is queued. */
  take(site: string, baseURL: string): ScenarioStep | undefined {
    return this.byBase.get(baseURL)?.shift() ?? this.bySite.get(site)?.shift();
  }

  /** Empties every queue. */
  clear(): void {
    this.bySite.clear();
    this.byBase.clear();
  }
}
