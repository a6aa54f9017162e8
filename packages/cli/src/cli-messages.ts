import type { Message } from '@freechat/core';

/** The conversation's opening: the `--system` message, when one was given. */
export function systemMessages(system: string | undefined): Message[] {
  return system === undefined || system === '' ? [] : [{ role: 'system', content: system }];
}
