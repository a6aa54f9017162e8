/** The four emulated sites. */
export type SiteId = 'free2gpt' | 'aichatfree' | 'gprochat' | 'freegpt';

/** Every emulated site, in a fixed order. */
export const SITE_IDS: readonly SiteId[] = ['free2gpt', 'aichatfree', 'gprochat', 'freegpt'];

/** Whether a string names one of the emulated sites. */
export function isSiteId(value: string): value is SiteId {
  return (SITE_IDS as readonly string[]).includes(value);
}
