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

  it('reports JSON output, tools, a forced tool choice and call headers', () => {
    const warnings = collectCallWarnings(
      {
        prompt,
        responseFormat: { type: 'json' },
        tools: [{ type: 'function', name: 'weather', inputSchema: { type: 'object' } }],
        toolChoice: { type: 'required' },
        headers: { 'x-trace': '1', 'user-agent': 'ai/6', 'x-unset': undefined },
      },
      site,
      question,
    );
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'responseFormat' }),
      expect.objectContaining({ type: 'unsupported', feature: 'tools' }),
      expect.objectContaining({ type: 'unsupported', feature: 'toolChoice' }),
      {
        type: 'unsupported',
        feature: 'headers',
        details: "call headers are not sent (x-trace); set them in the provider's settings.",
      },
    ]);
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
