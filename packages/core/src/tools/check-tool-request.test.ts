import { describe, expect, it } from 'vitest';
import { TEST_TOOLS } from '../../test/test-tools.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { checkToolRequest, type ToolRequestFields } from './check-tool-request.js';

const USER = { role: 'user', content: 'hi' } as const;

/** A request with one field replaced by a bad value (typed loosely on purpose). */
function withField(field: string, value: unknown): ToolRequestFields {
  return { messages: [USER], tools: TEST_TOOLS, [field]: value } as unknown as ToolRequestFields;
}

const BAD: [string, ToolRequestFields, string][] = [
  ['tools not a list', withField('tools', {}), 'tools'],
  ['a tool not an object', withField('tools', [null]), 'tools[0]'],
  [
    'a hole in the tools',
    withField('tools', Object.assign(new Array(2), { 1: { name: 'a' } })),
    'tools[0]',
  ],
  ['a name with a space', withField('tools', [{ name: 'get weather' }]), 'tools[0].name'],
  ['a name of 65 characters', withField('tools', [{ name: 'x'.repeat(65) }]), 'tools[0].name'],
  ['a name twice', withField('tools', [{ name: 'a' }, { name: 'a' }]), 'tools[1].name'],
  [
    'a description not a string',
    withField('tools', [{ name: 'a', description: 1 }]),
    'tools[0].description',
  ],
  [
    'parameters not an object',
    withField('tools', [{ name: 'a', parameters: 'x' }]),
    'tools[0].parameters',
  ],
  [
    'parameters of another type than object',
    withField('tools', [{ name: 'a', parameters: { type: 'string' } }]),
    'tools[0].parameters.type',
  ],
  [
    'parameters that cannot be serialised',
    withField('tools', [{ name: 'a', parameters: { type: 'object', default: 1n } }]),
    'tools[0].parameters',
  ],
  [
    'parameters whose toJSON gives nothing',
    withField('tools', [{ name: 'a', parameters: { type: 'object', toJSON: () => undefined } }]),
    'tools[0].parameters',
  ],
  ['an unknown choice', withField('toolChoice', 'any'), 'toolChoice'],
  [
    'a choice naming no tool',
    withField('toolChoice', { type: 'tool', name: 'nope' }),
    'toolChoice.name',
  ],
  [
    "'required' without tools",
    { messages: [USER], tools: [], toolChoice: 'required' },
    'toolChoice',
  ],
  ['no messages', withField('messages', []), 'messages'],
  ['an unknown role', withField('messages', [{ role: 'bot', content: 'x' }]), 'messages[0].role'],
  [
    'a result without a call id',
    withField('messages', [{ role: 'tool', toolName: 'a', content: 'x' }]),
    'messages[0].toolCallId',
  ],
  [
    'a result with a non-boolean isError',
    withField('messages', [
      { role: 'tool', toolCallId: 'c', toolName: 'a', content: 'x', isError: 1 },
    ]),
    'messages[0].isError',
  ],
  [
    'a result with content not a string',
    withField('messages', [{ role: 'tool', toolCallId: 'c', toolName: 'a', content: {} }]),
    'messages[0].content',
  ],
  [
    'calls not a list',
    withField('messages', [{ role: 'assistant', content: '', toolCalls: {} }, USER]),
    'messages[0].toolCalls',
  ],
  [
    'a call with string arguments',
    withField('messages', [
      { role: 'assistant', content: '', toolCalls: [{ id: 'c', name: 'a', arguments: '{}' }] },
      USER,
    ]),
    'messages[0].toolCalls[0].arguments',
  ],
  [
    'a call without an id',
    withField('messages', [
      { role: 'assistant', content: '', toolCalls: [{ name: 'a', arguments: {} }] },
      USER,
    ]),
    'messages[0].toolCalls[0].id',
  ],
  [
    'ending with the assistant',
    withField('messages', [USER, { role: 'assistant', content: 'x' }]),
    'messages[1].role',
  ],
];

describe('checkToolRequest', () => {
  it.each(BAD)(
    'refuses %s with an InvalidRequestError naming the field',
    (_name, request, field) => {
      let thrown: unknown;
      try {
        checkToolRequest('mysite', request);
      } catch (error) {
        thrown = error;
      }
      expect(InvalidRequestError.isInstance(thrown)).toBe(true);
      expect(thrown).toMatchObject({ provider: 'mysite', field });
    },
  );

  it('takes a conversation ending with tool results, and fills in the choice', () => {
    const checked = checkToolRequest('mysite', {
      messages: [
        USER,
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 'c', name: 'get_time', arguments: {} }],
        },
        { role: 'tool', toolCallId: 'c', toolName: 'get_time', content: '12:00' },
      ],
      tools: TEST_TOOLS,
    });
    expect(checked.toolChoice).toBe('auto');
    expect(checked.messages).toHaveLength(3);
  });
});
