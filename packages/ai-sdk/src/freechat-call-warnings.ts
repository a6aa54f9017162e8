import type { LanguageModelV3CallOptions, SharedV3Warning } from '@ai-sdk/provider';
import type { ProviderInfo, TranscriptMessage } from '@freechat/core';

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
 * provider-defined tools, tools' input examples, call headers) as an `unsupported` warning, and a
 * system message that the provider does not pass to its model as one (the tool instruction is sent
 * in the system message too), as a `compatibility` warning. Nothing is silently dropped. A
 * `user-agent` call header (which `ai` adds itself) is not reported.
 */
export function collectCallWarnings(
  options: LanguageModelV3CallOptions,
  provider: ProviderInfo,
  messages: readonly TranscriptMessage[],
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
  const tools = options.tools ?? [];
  for (const tool of tools) {
    if (tool.type === 'provider') {
      unsupported(
        `provider-defined tool ${tool.id}`,
        `${provider.label} cannot run provider-defined tools; "${tool.name}" was not sent.`,
      );
    }
  }
  const withExamples = tools.flatMap((tool) =>
    tool.type === 'function' && (tool.inputExamples?.length ?? 0) > 0 ? [tool.name] : [],
  );
  if (withExamples.length > 0) {
    unsupported(
      'inputExamples',
      `the input examples of ${withExamples.join(', ')} were not sent; the model reads each tool's description and input schema.`,
    );
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
  const instructed =
    options.toolChoice?.type !== 'none' && tools.some((tool) => tool.type === 'function');
  if (
    !provider.supportsSystemMessage &&
    (instructed || messages.some((message) => message.role === 'system'))
  ) {
    const what = instructed ? 'the tool instruction, which is one, is' : 'it is';
    warnings.push({
      type: 'compatibility',
      feature: 'system messages',
      details: `${provider.label} does not give a system message to its model as one; ${what} sent as the site takes it and may be ignored.`,
    });
  }
  return warnings;
}
