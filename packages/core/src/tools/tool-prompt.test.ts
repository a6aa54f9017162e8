import { describe, expect, it } from 'vitest';
import { TEST_TOOLS } from '../../test/test-tools.js';
import type { Message } from '../messages/message.js';
import type { ToolDefinition } from './tool-definition.js';
import {
  formatToolInstruction,
  parseToolInstruction,
  TOOL_INSTRUCTION_HEADER,
} from './tool-instruction.js';
import { buildToolPrompt } from './tool-prompt.js';
import { parseToolResults } from './tool-result-format.js';
import type { TranscriptMessage } from './tool-transcript.js';

const TIME: ToolDefinition = { name: 'get_time', description: 'The current time.' };

/** A conversation with a call, its result, and the user's next question. */
const TRANSCRIPT: TranscriptMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Weather in Paris, and the time?' },
  {
    role: 'assistant',
    content: 'Let me check.',
    toolCalls: [
      { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
      { id: 'call_2', name: 'get_time', arguments: {} },
    ],
  },
  { role: 'tool', toolCallId: 'call_1', toolName: 'get_weather', content: '{"temp":21}' },
  {
    role: 'tool',
    toolCallId: 'call_2',
    toolName: 'get_time',
    content: 'clock "broken" <here>',
    isError: true,
  },
  { role: 'user', content: 'Thanks!' },
];

describe('buildToolPrompt', () => {
  it('writes the instruction, its tools as JSON lines and the call format, exactly', () => {
    const messages = buildToolPrompt({
      messages: [{ role: 'user', content: 'hi' }],
      tools: [TIME],
    });
    expect(messages).toEqual([
      {
        role: 'system',
        content: [
          'You can call tools. Each tool is one line of JSON below: its name, what it does, and the JSON Schema of its arguments.',
          '',
          '{"name":"get_time","description":"The current time.","parameters":{"type":"object","properties":{}}}',
          '',
          'To call tools, reply with one fenced JSON block in exactly this form, one entry per call:',
          '```json',
          '{"tool_calls":[{"name":"<tool name>","arguments":{<arguments>}}]}',
          '```',
          'The arguments are a JSON object that matches the tool\'s schema. Write nothing after the block and do not make up results: each result comes back in the next message as <tool_result id="..." name="...">...</tool_result>.',
          'Call a tool only when it helps you answer; otherwise answer in plain text, without a tool_calls block.',
        ].join('\n'),
      },
      { role: 'user', content: 'hi' },
    ]);
  });

  it("adds the instruction to a leading system message, after the caller's text", () => {
    const [system] = buildToolPrompt({ messages: TRANSCRIPT, tools: TEST_TOOLS });
    expect(system?.role).toBe('system');
    expect(system?.content.startsWith(`Be brief.\n\n${TOOL_INSTRUCTION_HEADER}\n`)).toBe(true);
  });

  it('writes earlier calls after their text, with their ids, and each run of results as one user turn', () => {
    const messages = buildToolPrompt({ messages: TRANSCRIPT, tools: TEST_TOOLS });
    expect(messages.slice(1)).toEqual([
      { role: 'user', content: 'Weather in Paris, and the time?' },
      {
        role: 'assistant',
        content:
          'Let me check.\n\n```json\n{"tool_calls":[{"id":"call_1","name":"get_weather","arguments":{"city":"Paris"}},{"id":"call_2","name":"get_time","arguments":{}}]}\n```',
      },
      {
        role: 'user',
        content:
          '<tool_result id="call_1" name="get_weather">\n{"temp":21}\n</tool_result>\n\n' +
          '<tool_result id="call_2" name="get_time" error="true">\nclock "broken" <here>\n</tool_result>',
      },
      { role: 'user', content: 'Thanks!' },
    ]);
  });

  it('writes a call without text as the block alone, and ends on results when they come last', () => {
    const messages = buildToolPrompt({
      messages: [
        { role: 'user', content: 'time?' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 'c"1', name: 'get_time', arguments: {} }],
        },
        { role: 'tool', toolCallId: 'c"1', toolName: 'get_time', content: '12:00' },
      ],
      tools: [TIME],
      toolChoice: 'none',
    });
    expect(messages).toEqual([
      { role: 'user', content: 'time?' },
      {
        role: 'assistant',
        content: '```json\n{"tool_calls":[{"id":"c\\"1","name":"get_time","arguments":{}}]}\n```',
      },
      {
        role: 'user',
        content: '<tool_result id="c&quot;1" name="get_time">\n12:00\n</tool_result>',
      },
    ]);
  });

  it("sends no tool text at all for toolChoice 'none', or for no tools", () => {
    const plain: Message[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hi' },
    ];
    for (const request of [
      { messages: plain, tools: TEST_TOOLS, toolChoice: 'none' as const },
      { messages: plain, tools: [] },
    ]) {
      const messages = buildToolPrompt(request);
      expect(messages).toEqual(plain);
      expect(JSON.stringify(messages)).not.toMatch(/tool/i);
    }
  });

  it("asks for at least one call for 'required'", () => {
    const [system] = buildToolPrompt({
      messages: [{ role: 'user', content: 'hi' }],
      tools: TEST_TOOLS,
      toolChoice: 'required',
    });
    expect(system?.content.endsWith('\nThis reply must call at least one of these tools.')).toBe(
      true,
    );
  });

  it('describes only the named tool, and asks for it', () => {
    const [system] = buildToolPrompt({
      messages: [{ role: 'user', content: 'hi' }],
      tools: TEST_TOOLS,
      toolChoice: { type: 'tool', name: 'search' },
    });
    expect(system?.content.endsWith('\nThis reply must call the tool "search".')).toBe(true);
    expect(system?.content).toContain('{"name":"search",');
    expect(system?.content).not.toContain('get_weather');
  });
});

describe('reading back what the prompt wrote', () => {
  it('parseToolInstruction gives the tools and the choice, also inside a flattened conversation', () => {
    for (const toolChoice of ['auto', 'required', { type: 'tool', name: 'get_weather' }] as const) {
      const [system] = buildToolPrompt({
        messages: [{ role: 'user', content: 'hi' }],
        tools: TEST_TOOLS,
        toolChoice,
      });
      const flattened = `System: ${system?.content}\nUser: hi\nAssistant:`;
      const tools =
        typeof toolChoice === 'object'
          ? TEST_TOOLS.filter((tool) => tool.name === 'get_weather')
          : TEST_TOOLS;
      expect(parseToolInstruction(flattened)).toEqual({
        tools: tools.map((tool) => ({
          ...tool,
          parameters: tool.parameters ?? { type: 'object', properties: {} },
        })),
        toolChoice,
      });
    }
  });

  it('parseToolInstruction gives undefined for text without one', () => {
    expect(parseToolInstruction('You can call tools. Or not.')).toBeUndefined();
    expect(parseToolInstruction(`${TOOL_INSTRUCTION_HEADER}\n\n{broken\n`)).toBeUndefined();
  });

  it('parseToolResults gives the results back, ids and names unescaped', () => {
    const messages = buildToolPrompt({ messages: TRANSCRIPT, tools: TEST_TOOLS });
    expect(parseToolResults(messages[3]!.content)).toEqual([
      { toolCallId: 'call_1', toolName: 'get_weather', content: '{"temp":21}', isError: false },
      {
        toolCallId: 'call_2',
        toolName: 'get_time',
        content: 'clock "broken" <here>',
        isError: true,
      },
    ]);
    expect(parseToolResults('no results here')).toEqual([]);
  });
});

describe('formatToolInstruction', () => {
  const TOOLS: ToolDefinition[] = [
    { name: 'a' },
    { name: 'b.c-d_e', description: 'Says "hi"\nin two lines, with \\ and \u2028 and 🌍.' },
    {
      name: 'f',
      description: '',
      parameters: {
        type: 'object',
        properties: { q: { type: 'string', enum: ['x"y', 'é'] }, n: { type: 'number' } },
        required: ['q'],
      },
    },
  ];

  /** The line each tool gets: the JSON of its name, description and parameters. */
  function line({ name, description, parameters }: ToolDefinition): string {
    return JSON.stringify({
      name,
      description,
      parameters: parameters ?? { type: 'object', properties: {} },
    });
  }

  it('writes each tool as the JSON of its name, description and parameters', () => {
    const instruction = formatToolInstruction(TOOLS, 'auto');
    expect(instruction.split('\n\n')[1]).toBe(TOOLS.map(line).join('\n'));
    expect(parseToolInstruction(instruction)?.tools).toEqual(
      TOOLS.map((tool) => ({ parameters: { type: 'object', properties: {} }, ...tool })),
    );
  });

  it('describes only the tool a named choice names', () => {
    const instruction = formatToolInstruction(TOOLS, { type: 'tool', name: 'f' });
    expect(instruction.split('\n\n')[1]).toBe(line(TOOLS[2]!));
  });

  it('is what buildToolPrompt sends, written from the schema texts of its check', () => {
    const [system] = buildToolPrompt({ messages: [{ role: 'user', content: 'hi' }], tools: TOOLS });
    expect(system).toEqual({ role: 'system', content: formatToolInstruction(TOOLS, 'auto') });
    const [named] = buildToolPrompt({
      messages: [{ role: 'user', content: 'hi' }],
      tools: TOOLS,
      toolChoice: { type: 'tool', name: 'b.c-d_e' },
    });
    expect(named?.content.split('\n\n')[1]).toBe(line(TOOLS[1]!));
  });
});
