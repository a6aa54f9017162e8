import { createAIChatFree } from '@freechat/aichatfree';
import type { Provider, ProviderSettings } from '@freechat/core';
import type { SiteId } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import { createFreeGpt } from '@freechat/freegpt';
import { createGPROChat } from '@freechat/gprochat';

/** How a site shows that its quota is spent. */
export type QuotaSignal =
  /** HTTP 500 whose body says `Quota exceeded` (Free2GPT, AIChatFree). */
  | 'status'
  /** A 200 reply whose whole text is the quota message (FreeGpt). */
  | 'reply-text'
  /** No known signal: the emulator's quota fault is a plain 500 (GPROChat). */
  | 'none';

/** One provider under test: its emulator site, its factory, and the few facts in which sites differ. */
export interface ReliabilitySite {
  /** The emulator's site id, which is also the provider's id. */
  readonly site: SiteId;
  /** The package's factory. */
  readonly create: (settings: ProviderSettings) => Provider;
  /** How the site signals a spent quota. */
  readonly quota: QuotaSignal;
}

/** The four providers, each with the facts the reliability tables need. */
export const RELIABILITY_SITES: readonly ReliabilitySite[] = [
  { site: 'free2gpt', create: createFree2GPT, quota: 'status' },
  { site: 'aichatfree', create: createAIChatFree, quota: 'status' },
  { site: 'gprochat', create: createGPROChat, quota: 'status' },
  { site: 'freegpt', create: createFreeGpt, quota: 'reply-text' },
];
