import type { RetryEvent } from '@freechat/core';
import { shortReason } from './error-format.js';

/**
 * The spinner's words once an attempt failed and another follows, read again on every frame: while
 * the request waits, what failed and the whole seconds left (`Asking freegpt… no response in 60000
 * ms, retrying in 2 s (attempt 2 of 3)`); once the next attempt runs, which one it is (`Asking
 * freegpt… attempt 2 of 3`). A member of a fallback chain is named (`askedId` is the id of the
 * provider the command asked).
 */
export function retryStatus(waitingText: string, askedId: string, event: RetryEvent): () => string {
  const retryAt = Date.now() + event.delayMs;
  const who = event.provider === askedId ? '' : `${event.provider}: `;
  const attempt = `attempt ${event.attempt} of ${event.of}`;
  const failure = `${waitingText} ${who}${shortReason(event.error)}`;
  return () => {
    const seconds = Math.ceil((retryAt - Date.now()) / 1000);
    return seconds > 0
      ? `${failure}, retrying in ${seconds} s (${attempt})`
      : `${waitingText} ${who}${attempt}`;
  };
}
