/** One call as a reply wrote it, before its tool and arguments are checked. */
export interface WrittenCall {
  /** The tool it names, if it names one. */
  name: string | undefined;
  /** Its arguments as written: an object, a JSON string, or missing (`undefined`). */
  arguments: unknown;
}

/** The calls a JSON value holds. */
export interface WrittenCalls {
  /**
   * Whether the value is in the instruction's own form, `{"tool_calls": […]}`: then it is a call
   * whatever it names. In any other form it is one only if every call names a known tool.
   */
  explicit: boolean;
  /** The calls, in order. */
  calls: WrittenCall[];
}

const LIST_KEYS = new Set(['toolcalls', 'toolcall', 'functioncalls', 'calls']);
const NAME_KEYS = ['name', 'tool', 'toolname', 'functionname', 'function'];
const ARGUMENT_KEYS = ['arguments', 'args', 'parameters', 'params', 'input', 'toolinput'];
const NESTED_KEYS = ['function', 'functioncall'];
const OTHER_KEYS = ['id', 'type', 'callid'];
const ENTRY_KEYS = new Set([...NAME_KEYS, ...ARGUMENT_KEYS, ...NESTED_KEYS, ...OTHER_KEYS]);

/** What a key's comparison ignores: `_`, `-` and spaces. */
const IGNORED_IN_KEYS = /[_\-\s]/g;

/**
 * The keys of the instruction's form and of OpenAI's call object, compared ahead of time: most calls
 * use only these.
 */
const COMMON_KEYS = new Map(
  ['tool_calls', 'name', 'arguments', 'id', 'type', 'function'].map((key) => [
    key,
    key.toLowerCase().replace(IGNORED_IN_KEYS, ''),
  ]),
);

/** A key as compared: lowercase, without `_`, `-` and spaces (`tool_calls`, `toolCalls`). */
function normalKey(key: string): string {
  return COMMON_KEYS.get(key) ?? key.toLowerCase().replace(IGNORED_IN_KEYS, '');
}

/** Whether a key is the list of the instruction's own form (`tool_calls`, `toolCalls`, …). */
export function isCallListKey(key: string): boolean {
  return LIST_KEYS.has(normalKey(key));
}

/** Whether a first key can begin a call: the streaming parser stops holding text at any other. */
export function isCallKey(key: string): boolean {
  const normal = normalKey(key);
  return LIST_KEYS.has(normal) || ENTRY_KEYS.has(normal);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The calls a parsed JSON value holds, in any form models write them: `{"tool_calls": [{"name",
 * "arguments"}]}` (also `toolCalls`, `tool_call`, `function_calls`, `calls`, with a list or one
 * entry), a list of calls, or one call: `{"name", "arguments"}`, `{"tool", "parameters"}`,
 * `{"function": {"name", "arguments"}}` (OpenAI's, with `id` and `type`), `{"function": "name",
 * "args"}`, and so on. `undefined` when it is no call at all.
 */
export function readWrittenCalls(value: unknown): WrittenCalls | undefined {
  if (Array.isArray(value)) {
    const calls = value.map(readEntry);
    if (calls.length === 0 || calls.some((call) => call === undefined)) return undefined;
    return { explicit: false, calls: calls as WrittenCall[] };
  }
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length === 1 && LIST_KEYS.has(normalKey(keys[0]!))) {
    const list = value[keys[0]!];
    const entries = Array.isArray(list) ? list : [list];
    if (entries.length === 0) return undefined;
    return {
      explicit: true,
      calls: entries.map((entry) => readEntry(entry) ?? { name: undefined, arguments: undefined }),
    };
  }
  const call = readEntry(value);
  return call === undefined ? undefined : { explicit: false, calls: [call] };
}

function readEntry(entry: unknown): WrittenCall | undefined {
  if (!isRecord(entry)) return undefined;
  const fields = new Map<string, unknown>();
  for (const [key, field] of Object.entries(entry)) {
    const normal = normalKey(key);
    if (!ENTRY_KEYS.has(normal)) return undefined;
    if (!fields.has(normal)) fields.set(normal, field);
  }
  for (const key of NESTED_KEYS) {
    const nested = fields.get(key);
    if (isRecord(nested)) return readEntry(nested);
  }
  const name = NAME_KEYS.map((key) => fields.get(key)).find((field) => typeof field === 'string');
  if (name === undefined) return undefined;
  const argumentsKey = ARGUMENT_KEYS.find((key) => fields.has(key));
  return {
    name: name as string,
    arguments: argumentsKey === undefined ? undefined : fields.get(argumentsKey),
  };
}
