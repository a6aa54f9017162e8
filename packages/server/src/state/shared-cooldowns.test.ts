import { ModelFailedMidReplyError, RateLimitError, ResponseStatusError } from '@freechat/core';
import { describe, expect, it } from 'vitest';
import { ProviderCooldowns } from '../providers/provider-cooldowns.js';
import type { CooldownStore } from './server-state.js';
import { SharedCooldowns } from './shared-cooldowns.js';

const url = 'https://site.example/api/generate';

/** A store that counts what it is told, as every replica would see it. */
function countingStore(): CooldownStore & { failures: number } {
  const store = {
    failures: 0,
    share: async () => {},
    countFailure: async () => ++store.failures,
    clear: async () => {},
    load: async () => [],
    listen: () => {},
  };
  return store;
}

function sharedCooldowns(store: CooldownStore) {
  const cooldowns = new ProviderCooldowns(
    { time: 60_000, afterFailures: 1, clock: () => 0 },
    { started: () => {}, ended: () => {} },
  );
  const log = { warn: () => {}, info: () => {} };
  return new SharedCooldowns({ store, cooldowns, providers: ['freegpt'], log });
}

describe('SharedCooldowns', () => {
  it('never counts a failure that the reply’s text told, on any replica', () => {
    const store = countingStore();
    const shared = sharedCooldowns(store);
    const quotaReply = new RateLimitError({
      provider: 'freegpt',
      url,
      status: 200,
      headers: {},
      body: 'quota text',
      detail: 'the whole reply was the quota text',
      quotaExhausted: true,
      fromReplyText: true,
    });
    shared.failed('freegpt', quotaReply);
    shared.failed(
      'freegpt',
      new ModelFailedMidReplyError({ provider: 'freegpt', url, tail: 'Internal server error' }),
    );
    expect(store.failures).toBe(0);
  });

  it('counts a failure the site’s status told', () => {
    const store = countingStore();
    const shared = sharedCooldowns(store);
    const status = new ResponseStatusError({
      provider: 'freegpt',
      url,
      status: 502,
      headers: {},
      body: '',
      detail: 'bad gateway',
    });
    shared.failed('freegpt', status);
    expect(store.failures).toBe(1);
  });
});
