/** A call as written in a reply: its tool, its arguments and, in a transcript, its id. */
export interface WrittenToolCall {
  /** The call's id; shown in a transcript so results can be matched, absent in a fresh reply. */
  id?: string | undefined;
  /** The tool called. */
  name: string;
  /** The arguments. */
  arguments: Readonly<Record<string, unknown>>;
}

/** The fence that opens a block of tool calls. */
const OPEN = '```json\n';
/** The fence that closes it. */
const CLOSE = '\n```';

/**
 * Tool calls in the one format the tool instruction asks models for: a fenced `json` block holding
 * `{"tool_calls":[{"name":…,"arguments":{…}}]}` (with `"id"` first when the call has one).
 *
 * @example
 * formatToolCalls([{ name: 'get_weather', arguments: { city: 'Paris' } }]);
 * // '```json\n{"tool_calls":[{"name":"get_weather","arguments":{"city":"Paris"}}]}\n```'
 */
export function formatToolCalls(calls: readonly WrittenToolCall[]): string {
  const entries = calls.map(({ id, name, arguments: args }) =>
    id === undefined ? { name, arguments: args } : { id, name, arguments: args },
  );
  return `${OPEN}${JSON.stringify({ tool_calls: entries })}${CLOSE}`;
}
