/** A tool's result as the model reads it. */
export interface WrittenToolResult {
  /** The id of the call it answers. */
  toolCallId: string;
  /** The tool that was called. */
  toolName: string;
  /** The result, verbatim. */
  content: string;
  /** Whether the tool failed. */
  isError?: boolean | undefined;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };
const NAMED = Object.fromEntries(Object.entries(ENTITIES).map(([char, entity]) => [entity, char]));

/**
 * Results in the form the model reads them (one user turn): each a `<tool_result>` element naming the
 * call's id and tool (`error="true"` when it failed), its content verbatim between the tags, the
 * elements separated by a blank line.
 *
 * @example
 * formatToolResults([{ toolCallId: 'call_1', toolName: 'get_weather', content: 'Sunny' }]);
 * // '<tool_result id="call_1" name="get_weather">\nSunny\n</tool_result>'
 */
export function formatToolResults(results: readonly WrittenToolResult[]): string {
  return results
    .map(({ toolCallId, toolName, content, isError }) => {
      const error = isError === true ? ' error="true"' : '';
      return `<tool_result id="${escapeAttribute(toolCallId)}" name="${escapeAttribute(toolName)}"${error}>\n${content}\n</tool_result>`;
    })
    .join('\n\n');
}

const RESULT =
  /<tool_result id="([^"]*)" name="([^"]*)"( error="true")?>\n([\s\S]*?)\n<\/tool_result>/g;

/**
 * The results a text holds in the form `formatToolResults` writes, in order; `[]` when it holds none.
 * A content that itself contains `\n</tool_result>` is cut there.
 */
export function parseToolResults(text: string): WrittenToolResult[] {
  return Array.from(text.matchAll(RESULT), (match) => ({
    toolCallId: unescapeAttribute(match[1]!),
    toolName: unescapeAttribute(match[2]!),
    content: match[4]!,
    isError: match[3] !== undefined,
  }));
}

function escapeAttribute(text: string): string {
  return text.replace(/[&"<>]/g, (char) => ENTITIES[char]!);
}

function unescapeAttribute(text: string): string {
  return text.replace(/&(?:amp|quot|lt|gt);/g, (entity) => NAMED[entity]!);
}
