import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ComparedPart,
  parsePieces,
  piecesCutAt,
  testValidator,
} from '../../test/test-tools.js';
import type { ToolArgumentsValidator } from './tool-arguments-validator.js';
import { ToolCallParser } from './tool-call-parser.js';

let validator: ToolArgumentsValidator;
beforeAll(async () => {
  validator = await testValidator();
});

const PARIS = { city: 'Paris' };
const text = (value: string): ComparedPart => ({ type: 'text', text: value });
const call = (name: string, args: Record<string, unknown>): ComparedPart => ({
  type: 'tool-call',
  name,
  arguments: args,
});
const weather = call('get_weather', PARIS);
const time = call('get_time', {});

/** A reply, and the parts the parser must give for it however it is cut. */
interface CorpusEntry {
  name: string;
  reply: string;
  parts: ComparedPart[];
}

/** Every form of call the parser accepts. */
const CALLS: CorpusEntry[] = [
  {
    name: 'the instruction’s own form, in a json fence',
    reply: '```json\n{"tool_calls":[{"name":"get_weather","arguments":{"city":"Paris"}}]}\n```',
    parts: [weather],
  },
  {
    name: 'a fence without a language, pretty-printed',
    reply:
      '```\n{\n  "tool_calls": [\n    {\n      "name": "get_weather",\n      "arguments": {"city": "Paris"}\n    }\n  ]\n}\n```\n',
    parts: [weather],
  },
  {
    name: 'a bare object',
    reply: '{"tool_calls":[{"name":"get_weather","arguments":{"city":"Paris"}}]}',
    parts: [weather],
  },
  {
    name: 'prose before a fenced call',
    reply:
      'Let me look that up for you.\n\n```json\n{"tool_calls":[{"name":"get_weather","arguments":{"city":"Paris"}}]}\n```',
    parts: [text('Let me look that up for you.\n\n'), weather],
  },
  {
    name: 'prose before and after a bare call',
    reply:
      'Checking. {"name":"get_weather","arguments":{"city":"Paris"}} I will wait for the result.',
    parts: [text('Checking. '), weather, text(' I will wait for the result.')],
  },
  {
    name: '{"name", "arguments"}',
    reply: '{"name": "get_weather", "arguments": {"city": "Paris"}}',
    parts: [weather],
  },
  {
    name: '{"tool", "parameters"}',
    reply:
      '```json\n{"tool": "get_weather", "parameters": {"city": "Paris", "unit": "celsius"}}\n```',
    parts: [call('get_weather', { city: 'Paris', unit: 'celsius' })],
  },
  {
    name: '{"function": {"name", "arguments"}} with the arguments as a JSON string',
    reply: '{"function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}}',
    parts: [weather],
  },
  {
    name: 'OpenAI’s whole call object, with id and type',
    reply:
      '{"id":"call_abc","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}',
    parts: [weather],
  },
  {
    name: 'tool_calls with the arguments as a JSON string',
    reply: '{"tool_calls":[{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}]}',
    parts: [weather],
  },
  {
    name: 'toolCalls, tool_call with one entry, function as the name, args',
    reply:
      '{"toolCalls":[{"function":"get_time"}]}\n{"tool_call":{"name":"get_weather","args":{"city":"Paris"}}}',
    parts: [time, weather],
  },
  {
    name: 'a tool without arguments, called by name alone',
    reply: '```json\n{"name": "get_time"}\n```',
    parts: [time],
  },
  {
    name: 'a list of calls (parallel)',
    reply:
      '[{"name":"get_weather","arguments":{"city":"Paris"}},{"name":"get_time","arguments":{}}]',
    parts: [weather, time],
  },
  {
    name: 'tool_calls with several entries (parallel)',
    reply:
      '```json\n{"tool_calls":[{"name":"get_weather","arguments":{"city":"Paris"}},{"name":"get_time","arguments":{}}]}\n```',
    parts: [weather, time],
  },
  {
    name: 'several objects in a row (parallel)',
    reply:
      '{"name":"get_weather","arguments":{"city":"Paris"}}\n{"name":"get_time","arguments":{}}\n',
    parts: [weather, time],
  },
  {
    name: 'several objects in one fence, comma-separated',
    reply:
      '```json\n{"name":"get_weather","arguments":{"city":"Paris"}},\n{"name":"get_time","arguments":{}}\n```',
    parts: [weather, time],
  },
  {
    name: 'two fences with prose between and after',
    reply:
      'First:\n```json\n{"name":"get_weather","arguments":{"city":"Paris"}}\n```\nThen:\n```json\n{"name":"get_time"}\n```\nDone.',
    parts: [text('First:\n'), weather, text('\nThen:\n'), time, text('\nDone.')],
  },
  {
    name: 'trailing commas',
    reply: '{"tool_calls":[{"name":"get_weather","arguments":{"city":"Paris",},},],}',
    parts: [weather],
  },
  {
    name: 'smart double quotes around keys and strings',
    reply: '```json\n{“name”: “get_weather”, “arguments”: {“city”: “Paris”}}\n```',
    parts: [weather],
  },
  {
    name: 'smart single quotes, and plain single quotes',
    reply:
      "{‘name’: ‘get_weather’, ‘arguments’: {‘city’: ‘Paris’}} {'name': 'get_time', 'arguments': {}}",
    parts: [weather, time],
  },
  {
    name: 'an apostrophe and a smart quote inside a string',
    reply: '{"name":"search","arguments":{"query":"it’s “quoted” \\"here\\""}}',
    parts: [call('search', { query: 'it’s “quoted” "here"' })],
  },
  {
    name: 'nested arguments, multi-byte characters, a raw newline in a string',
    reply:
      'Über: ```json\n{"tool_calls":[{"name":"search","arguments":{"query":"Zürich 🌍\n日本","filters":{"site":"例え.jp","recent":true}}}]}\n```',
    parts: [
      text('Über: '),
      call('search', { query: 'Zürich 🌍\n日本', filters: { site: '例え.jp', recent: true } }),
    ],
  },
  {
    name: 'a call after a code block of another language',
    reply: 'Run:\n```python\nprint({1: 2})\n```\n{"name":"get_time"}',
    parts: [text('Run:\n```python\nprint({1: 2})\n```\n'), time],
  },
  {
    name: 'a tool_call fence and whitespace after the call, dropped at the end',
    reply: '```tool_call\n{"name":"get_time"}\n```  \n\n',
    parts: [time],
  },
];

/** Replies that hold no call: all text, exactly as written. */
const PROSE: string[] = [
  'The weather tool get_weather can tell you that; call get_time for the hour.',
  'Here is the data: {"city": "Paris", "temp": 20}. Anything else?',
  '```json\n{"city": "Paris", "temp": 20}\n```\nThat is the JSON you asked for.',
  'Example of a call to another API: {"name": "send_email", "arguments": {"to": "a@b.c"}}.',
  '```js\nfunction f() { return { a: 1 }; }\n```',
  '```python\ncall = {"name": "get_weather", "arguments": {"city": "Paris"}}\n```\nRun it.',
  'Use `{x}` or ``y`` inline, and `z`.',
  'See [the docs](https://example.com) and the list [1, 2, 3], or [].',
  'Braces { and } alone, then an open one {',
  '{} and [] and [{}] and {"tool_calls": []}',
  'A list of objects: [{"id": 1}, {"id": 2}]',
  'The key "tool_calls" is what models write.',
  'Unfinished: {"city": "Par',
  'A fence cut short ``',
  'Ends with a fence ```',
  '```\nplain text in a fence\n```',
  '```json\n"just a string"\n```',
  'Emoji 🌍 and CJK 日本語 and {“smart”: “quotes”} too.',
  '{"name": "get_weather", "city": "Paris"}',
  '{"description": "The current weather", "name": "get_weather", "parameters": {}}',
];

/** Calls that cannot be passed on: the parts, with their problems. */
const INVALID: CorpusEntry[] = [
  {
    name: 'an unknown tool in the instruction’s own form',
    reply: '```json\n{"tool_calls":[{"name":"get_wether","arguments":{"city":"Paris"}}]}\n```',
    parts: [
      {
        type: 'invalid-tool-call',
        text: '```json\n{"tool_calls":[{"name":"get_wether","arguments":{"city":"Paris"}}]}\n```',
        problems: ['get_wether: there is no such tool (the tools: get_weather, get_time, search)'],
      },
    ],
  },
  {
    name: 'arguments of the wrong type',
    reply: 'Sure: {"name":"get_weather","arguments":{"city":42}}',
    parts: [
      text('Sure: '),
      {
        type: 'invalid-tool-call',
        text: '{"name":"get_weather","arguments":{"city":42}}',
        problems: ['get_weather: city: Instance type "number" is invalid. Expected "string".'],
      },
    ],
  },
  {
    name: 'a required argument missing, an enum not met',
    reply: '{"tool_calls":[{"name":"get_weather","arguments":{"unit":"kelvin"}}]}',
    parts: [
      {
        type: 'invalid-tool-call',
        text: '{"tool_calls":[{"name":"get_weather","arguments":{"unit":"kelvin"}}]}',
        problems: [
          'get_weather: Instance does not have required property "city".',
          'get_weather: unit: Instance does not match any of ["celsius","fahrenheit"].',
        ],
      },
    ],
  },
  {
    name: 'arguments that are a string but not JSON',
    reply: '{"name":"get_weather","arguments":"Paris"}',
    parts: [
      {
        type: 'invalid-tool-call',
        text: '{"name":"get_weather","arguments":"Paris"}',
        problems: ['get_weather: the arguments are a string that is not JSON'],
      },
    ],
  },
  {
    name: 'an entry that names no tool',
    reply: '{"tool_calls":[{"arguments":{"city":"Paris"}}]}',
    parts: [
      {
        type: 'invalid-tool-call',
        text: '{"tool_calls":[{"arguments":{"city":"Paris"}}]}',
        problems: ['call 1 names no tool'],
      },
    ],
  },
  {
    name: 'one valid and one invalid call in one fence',
    reply:
      '```json\n{"tool_calls":[{"name":"get_time"},{"name":"get_weather","arguments":[]}]}\n```\nok',
    parts: [
      time,
      {
        type: 'invalid-tool-call',
        text: '```json\n{"tool_calls":[{"name":"get_time"},{"name":"get_weather","arguments":[]}]}\n```',
        problems: ['get_weather: the arguments are not a JSON object'],
      },
      text('\nok'),
    ],
  },
  {
    name: 'a reply that ends inside the call',
    reply: 'On it.\n```json\n{"tool_calls":[{"name":"get_weather","argu',
    parts: [
      text('On it.\n'),
      {
        type: 'invalid-tool-call',
        text: '```json\n{"tool_calls":[{"name":"get_weather","argu',
        problems: ["the reply ended inside the tool call's JSON"],
      },
    ],
  },
];

const CORPUS: CorpusEntry[] = [
  ...CALLS,
  ...PROSE.map((reply) => ({ name: `prose: ${reply}`, reply, parts: [text(reply)] })),
  ...INVALID,
];

describe('the tool call parser, on a corpus of replies', () => {
  describe.each(CORPUS)('$name', ({ reply, parts }) => {
    it('gives its parts when fed whole', () => {
      expect(parsePieces({ validator }, [reply])).toEqual(parts);
    });

    it('gives the same parts when cut in two at every byte', () => {
      const length = new TextEncoder().encode(reply).length;
      for (let cut = 0; cut <= length; cut++) {
        expect(parsePieces({ validator }, piecesCutAt(reply, [cut])), `cut at ${cut}`).toEqual(
          parts,
        );
      }
    });

    it('gives the same parts when fed a byte at a time', () => {
      const length = new TextEncoder().encode(reply).length;
      const everyByte = Array.from({ length: length - 1 }, (_, index) => index + 1);
      expect(parsePieces({ validator }, piecesCutAt(reply, everyByte))).toEqual(parts);
    });
  });
});

describe('the tool call parser, as the reply streams', () => {
  const parser = () => new ToolCallParser({ validator });

  it('gives plain text at once, piece by piece, holding nothing back', () => {
    const streaming = parser();
    expect(streaming.push('Hello, ')).toEqual([text('Hello, ')]);
    expect(streaming.push('world: 日本 🌍.')).toEqual([text('world: 日本 🌍.')]);
    expect(streaming.end()).toEqual([]);
  });

  it('gives the text before a call while the call is still arriving', () => {
    const streaming = parser();
    expect(streaming.push('Let me check.\n```json\n{"tool_calls":[{"na')).toEqual([
      text('Let me check.\n'),
    ]);
    expect(streaming.push('me":"get_time"}]}')).toMatchObject([
      { type: 'tool-call', name: 'get_time' },
    ]);
    expect(streaming.push('\n```')).toEqual([]);
    expect(streaming.end()).toEqual([]);
  });

  it('gives a call as soon as its JSON is complete, before its fence closes', () => {
    const streaming = parser();
    expect(streaming.push('```json\n{"name":"get_weather","arguments":{"city":"Paris"}')).toEqual(
      [],
    );
    expect(streaming.push('}')).toMatchObject([
      {
        type: 'tool-call',
        name: 'get_weather',
        arguments: PARIS,
        argumentsText: '{"city":"Paris"}',
      },
    ]);
  });

  it('holds back only a backtick or two at the end of a piece', () => {
    const streaming = parser();
    expect(streaming.push('Run `')).toEqual([text('Run ')]);
    expect(streaming.push('ls` now ``')).toEqual([text('`ls` now ')]);
    expect(streaming.push('x``')).toEqual([text('``x')]);
    expect(streaming.end()).toEqual([text('``')]);
  });

  it('gives JSON that is no call as soon as its first key shows it', () => {
    const streaming = parser();
    expect(streaming.push('Data: {"city": "Par')).toEqual([text('Data: {"city": "Par')]);
    expect(streaming.push('is"}')).toEqual([text('is"}')]);
  });

  it('gives a list at once when its first item is no object', () => {
    expect(parser().push('The list [1, 2')).toEqual([text('The list [1, 2')]);
  });

  it('gives a code block of another language at once, braces included', () => {
    const streaming = parser();
    expect(streaming.push('```python\nx = {"name": "get_time"')).toEqual([
      text('```python\nx = {"name": "get_time"'),
    ]);
  });

  it('gives a fence as text as soon as its language shows it holds no call', () => {
    const streaming = parser();
    expect(streaming.push('```j')).toEqual([]);
    expect(streaming.push('s\n')).toEqual([text('```js\n')]);
  });

  it('holds the whitespace after a call, and gives it with the text that follows', () => {
    const streaming = parser();
    expect(streaming.push('{"name":"get_time"}\n\n')).toMatchObject([{ type: 'tool-call' }]);
    expect(streaming.push('Done.')).toEqual([text('\n\nDone.')]);
  });

  it('shows a call longer than maxCallLength as text', () => {
    const streaming = new ToolCallParser({ validator, maxCallLength: 30 });
    expect(streaming.push('{"name":"get_weather",')).toEqual([]);
    expect(streaming.push('"arguments":{"city":"Paris"}}')).toEqual([
      text('{"name":"get_weather","arguments":{"city":"Paris"}}'),
    ]);
  });

  it('refuses a call of another tool than a named choice asks for', () => {
    const named = new ToolCallParser({
      validator,
      toolChoice: { type: 'tool', name: 'get_weather' },
    });
    expect(named.push('{"name":"get_time"}')).toEqual([
      {
        type: 'invalid-tool-call',
        text: '{"name":"get_time"}',
        problems: ['get_time: this reply must call "get_weather" instead'],
      },
    ]);
  });

  it('gives each call a new id: call_ and 24 letters and digits', () => {
    const ids = new Set<string>();
    for (let index = 0; index < 200; index++) {
      const [part] = parser().push('{"name":"get_time"}');
      if (part?.type !== 'tool-call') throw new Error('expected a call');
      expect(part.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
      ids.add(part.id);
    }
    expect(ids.size).toBe(200);
  });

  it('takes its ids from generateId', () => {
    const streaming = new ToolCallParser({ validator, generateId: () => 'call_fixed' });
    expect(streaming.push('{"name":"get_time"}')).toMatchObject([{ id: 'call_fixed' }]);
  });
});

describe('the tool call parser, on any text (property)', () => {
  /** Pieces of replies: JSON punctuation, quotes of every kind, fences, keys and tool names. */
  const unit = fc.constantFrom(
    ...'{}[]":,`\'\n \t“”‘’-0123456789abcé🌍'.split(''),
    '```',
    '```json\n',
    '"name"',
    '"tool_calls"',
    '"arguments"',
    '"get_time"',
    '"get_weather"',
    '{"name":"get_time"}',
    'true',
    'null',
  );
  const reply = fc.array(unit, { maxLength: 60 }).map((units) => units.join(''));

  it('gives the same parts however the reply is cut, and all of it as text when it holds no call', () => {
    fc.assert(
      fc.property(reply, fc.array(fc.nat(), { maxLength: 4 }), (text, cuts) => {
        const whole = parsePieces({ validator }, [text]);
        const offsets = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort(
          (a, b) => a - b,
        );
        const pieces = offsets.map((offset, index) => text.slice(offsets[index - 1] ?? 0, offset));
        pieces.push(text.slice(offsets.at(-1) ?? 0));
        expect(parsePieces({ validator }, pieces)).toEqual(whole);
        if (whole.every((part) => part.type === 'text')) {
          expect(whole.map((part) => (part.type === 'text' ? part.text : '')).join('')).toBe(text);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
