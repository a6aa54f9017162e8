import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import type { JsonSchema, ToolChoice, ToolDefinition } from '@freechat/core';

/** The tools of a call as core takes them. */
export interface FreechatTools {
  /** The function tools: name, description, and the input schema as the arguments' schema. */
  tools: ToolDefinition[];
  /** The choice, `auto` when the call sets none. */
  toolChoice: ToolChoice;
}

/**
 * Converts a call's function tools and tool choice for core. Provider-defined tools are left out
 * (the call's warnings name them); a choice that names one is then refused by core as naming no tool.
 *
 * @example
 * convertToFreechatTools({
 *   tools: [{ type: 'function', name: 'weather', inputSchema: { type: 'object' } }],
 *   toolChoice: { type: 'tool', toolName: 'weather' },
 * });
 * // → { tools: [{ name: 'weather', description: undefined, parameters: { type: 'object' } }],
 * //     toolChoice: { type: 'tool', name: 'weather' } }
 */
export function convertToFreechatTools(
  options: Pick<LanguageModelV3CallOptions, 'tools' | 'toolChoice'>,
): FreechatTools {
  const tools: ToolDefinition[] = [];
  for (const tool of options.tools ?? []) {
    if (tool.type !== 'function') continue;
    const parameters: JsonSchema = { ...tool.inputSchema };
    tools.push({ name: tool.name, description: tool.description, parameters });
  }
  const choice = options.toolChoice;
  const toolChoice: ToolChoice =
    choice === undefined
      ? 'auto'
      : choice.type === 'tool'
        ? { type: 'tool', name: choice.toolName }
        : choice.type;
  return { tools, toolChoice };
}
