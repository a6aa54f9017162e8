import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import type { Message, ProviderInfo } from '@freechat/core';
import { describe, expect, it } from 'vitest';
import { collectCallWarnings } from './freechat-call-warnings.js';

const site: ProviderInfo = {
  id: 'site',
  label: 'Site',
  url: 'https://site.example',
  lastKnownUp: true,
  supportsSystemMessage: true,
  defaultModel: 'model-a',
  models: ['model-a'],
};
const question: Message[] = [{ role: 'user', content: 'Hi' }];
const prompt: LanguageModelV3CallOptions['prompt'] = [
  { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
];

describe('collectCallWarnings', () => {
  it('has nothing to say about a plain call with ai’s own user-agent header', () => {
    expect(
      collectCallWarnings(
        { prompt, headers: { 'User-Agent': 'ai/6.0.0' }, toolChoice: { type: 'auto' } },
        site,
        question,
      ),
    ).toEqual([]);
  });

  it('reports every sampling and length setting as unsupported', () => {
    const warnings = collectCallWarnings(
      {
        prompt,
        maxOutputTokens: 100,
        temperature: 0,
        topP: 0.9,
        topK: 40,
        presencePenalty: 0.5,
        frequencyPenalty: 0.5,
        seed: 42,
        stopSequences: ['END'],
      },
      site,
      question,
    );
    expect(warnings.map((warning) => warning.type === 'unsupported' && warning.feature)).toEqual([
      'maxOutputTokens',
      'temperature',
      'topP',
      'topK',
      'presencePenalty',
      'frequencyPenalty',
      'seed',
      'stopSequences',
    ]);
    expect(warnings[1]).toEqual({
      type: 'unsupported',
      feature: 'temperature',
      details: 'Site chooses its own sampling and length; it was not sent.',
    });
  });

  it('ignores an empty list of stop sequences and a text response format', () => {
    expect(
      collectCallWarnings(
        { prompt, stopSequences: [], responseFormat: { type: 'text' } },
        site,
        question,
      ),
    ).toEqual([]);
  });

  it('reports JSON output, provider-defined tools, input examples and call headers', () => {
    const warnings = collectCallWarnings(
      {
        prompt,
        responseFormat: { type: 'json' },
        tools: [
          { type: 'function', name: 'weather', inputSchema: { type: 'object' } },
          {
            type: 'function',
            name: 'time',
            inputSchema: { type: 'object' },
            inputExamples: [{ input: { zone: 'CET' } }],
          },
          { type: 'provider', id: 'openai.web_search', name: 'search', args: {} },
        ],
        toolChoice: { type: 'required' },
        headers: { 'x-trace': '1', 'user-agent': 'ai/6', 'x-unset': undefined },
      },
      site,
      question,
    );
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'responseFormat' }),
      {
        type: 'unsupported',
        feature: 'provider-defined tool openai.web_search',
        details: 'Site cannot run provider-defined tools; "search" was not sent.',
      },
      expect.objectContaining({
        type: 'unsupported',
        feature: 'inputExamples',
        details: expect.stringContaining('the input examples of time were not sent'),
      }),
      {
        type: 'unsupported',
        feature: 'headers',
        details: "call headers are not sent (x-trace); set them in the provider's settings.",
      },
    ]);
  });

  it('has nothing to say about function tools and any tool choice', () => {
    const tools = [{ type: 'function' as const, name: 'weather', inputSchema: {} }];
    for (const type of ['auto', 'none', 'required'] as const) {
      expect(collectCallWarnings({ prompt, tools, toolChoice: { type } }, site, question)).toEqual(
        [],
      );
    }
    const named = { type: 'tool', toolName: 'weather' } as const;
    expect(collectCallWarnings({ prompt, tools, toolChoice: named }, site, question)).toEqual([]);
  });

  it('notes the tool instruction, a system message, for a provider that does not pass one on', () => {
    const limited = { ...site, supportsSystemMessage: false };
    const tools = [{ type: 'function' as const, name: 'weather', inputSchema: {} }];
    expect(collectCallWarnings({ prompt, tools }, limited, question)).toEqual([
      {
        type: 'compatibility',
        feature: 'system messages',
        details:
          'Site does not give a system message to its model as one; the tool instruction, which is one, is sent as the site takes it and may be ignored.',
      },
    ]);
    // No instruction is sent for the choice `none`.
    const none = { type: 'none' } as const;
    expect(collectCallWarnings({ prompt, tools, toolChoice: none }, limited, question)).toEqual([]);
  });

  it('notes a system message that the provider does not pass on as one', () => {
    const conversation: Message[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ];
    const limited = { ...site, supportsSystemMessage: false };
    expect(collectCallWarnings({ prompt }, limited, conversation)).toEqual([
      expect.objectContaining({ type: 'compatibility', feature: 'system messages' }),
    ]);
    expect(collectCallWarnings({ prompt }, site, conversation)).toEqual([]);
  });
});
