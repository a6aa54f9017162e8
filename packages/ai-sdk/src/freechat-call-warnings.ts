import type { LanguageModelV3CallOptions, SharedV3Warning } from '@ai-sdk/provider';
import type { Message, ProviderInfo } from '@freechat/core';

/** The numeric and list settings no site takes: each one set is reported, never sent. */
const SAMPLING_SETTINGS = [
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'presencePenalty',
  'frequencyPenalty',
  'seed',
  'stopSequences',
] as const;

/**
 * The warnings of one call: every setting the sites cannot honour (sampling settings, JSON output,
 * tools, call headers) as an `unsupported` warning, and a system message that the provider does not pass to
 * its model as one, as a `compatibility` warning. Nothing is silently
 * dropped. A `user-agent` call header (which `ai` adds itself) is not reported.
 */
export function collectCallWarnings(
  options: LanguageModelV3CallOptions,
  provider: ProviderInfo,
  messages: readonly Message[],
): SharedV3Warning[] {
  const warnings: SharedV3Warning[] = [];
  const unsupported = (feature: string, details: string): void => {
    warnings.push({ type: 'unsupported', feature, details });
  };
  for (const setting of SAMPLING_SETTINGS) {
    const value = options[setting];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    unsupported(setting, `${provider.label} chooses its own sampling and length; it was not sent.`);
  }
  if (options.responseFormat?.type === 'json') {
    unsupported('responseFormat', `${provider.label} cannot be asked for JSON; the reply is text.`);
  }
  if (options.tools !== undefined && options.tools.length > 0) {
    unsupported('tools', `${provider.label} cannot call tools; they were not sent.`);
  }
  const toolChoice = options.toolChoice?.type;
  if (toolChoice === 'required' || toolChoice === 'tool') {
    unsupported('toolChoice', `${provider.label} cannot call tools.`);
  }
  const headers = Object.entries(options.headers ?? {}).filter(
    ([name, value]) => value !== undefined && name.toLowerCase() !== 'user-agent',
  );
  if (headers.length > 0) {
    unsupported(
      'headers',
      `call headers are not sent (${headers.map(([name]) => name).join(', ')}); set them in the provider's settings.`,
    );
  }
  if (!provider.supportsSystemMessage && messages.some((message) => message.role === 'system')) {
    warnings.push({
      type: 'compatibility',
      feature: 'system messages',
      details: `${provider.label} does not give a system message to its model as one; it is sent as the site takes it and may be ignored.`,
    });
  }
  return warnings;
}
