import type { Message } from '../messages/message.js';
import type { ProviderDefinition } from './provider-definition.js';
import { generateSignature } from './signature.js';

/**
 * Builds the JSON body every site expects: `{"messages", "time", "pass", "sign"}`, with `time` in the
 * site's unit, `pass` the site password (or `null`), and `sign` over the site's signed text.
 */
export function buildRequestBody(
  definition: ProviderDefinition,
  credentials: { secret: string; password: string | undefined },
  messages: readonly Message[],
  nowMilliseconds: number,
): string {
  const time =
    definition.timeUnit === 'seconds'
      ? Math.floor(nowMilliseconds / 1000)
      : Math.floor(nowMilliseconds);
  const sign = generateSignature(time, definition.toSignedText(messages), credentials.secret);
  return JSON.stringify({
    messages: definition.toRequestMessages(messages),
    time,
    pass: credentials.password ?? null,
    sign,
  });
}
