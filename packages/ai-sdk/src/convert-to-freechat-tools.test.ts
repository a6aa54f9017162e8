import { describe, expect, it } from 'vitest';
import { convertToFreechatTools } from './convert-to-freechat-tools.js';

const schema = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
} as const;

describe('convertToFreechatTools', () => {
  it('keeps each function tool’s name, description and input schema, and leaves provider tools out', () => {
    expect(
      convertToFreechatTools({
        tools: [
          { type: 'function', name: 'weather', description: 'The weather.', inputSchema: schema },
          { type: 'provider', id: 'openai.web_search', name: 'search', args: {} },
          { type: 'function', name: 'time', inputSchema: { type: 'object' } },
        ],
      }),
    ).toEqual({
      tools: [
        { name: 'weather', description: 'The weather.', parameters: schema },
        { name: 'time', description: undefined, parameters: { type: 'object' } },
      ],
      toolChoice: 'auto',
    });
  });

  it('maps each tool choice to core’s', () => {
    const choose = (toolChoice: Parameters<typeof convertToFreechatTools>[0]['toolChoice']) =>
      convertToFreechatTools({ toolChoice }).toolChoice;
    expect(choose(undefined)).toBe('auto');
    expect(choose({ type: 'auto' })).toBe('auto');
    expect(choose({ type: 'none' })).toBe('none');
    expect(choose({ type: 'required' })).toBe('required');
    expect(choose({ type: 'tool', toolName: 'weather' })).toEqual({
      type: 'tool',
      name: 'weather',
    });
  });
});
