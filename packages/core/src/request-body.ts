import type { Message } from './message.js';
import type { ProviderDefinition } from './provider-definition.js';
import { generateSignature } from './signature.js';

/**
 * Builds the JSON body every site expects: `{"messages", "time", "pass": null, "sign"}`, with `time` in
 * the site's unit and `sign` over the site's signed text.
 */
export function buildRequestBody(
  definition: ProviderDefinition,
  secret: string,
  messages: readonly Message[],
  nowMilliseconds: number,
): string {
  const time =
    definition.timeUnit === 'seconds'
      ? Math.floor(nowMilliseconds / 1000)
      : Math.floor(nowMilliseconds);
  const sign = generateSignature(time, definition.toSignedText(messages), secret);
  return JSON.stringify({
    messages: definition.toRequestMessages(messages),
    time,
    pass: null,
    sign,
  });
}
