import { describe, expect, it } from 'vitest';
import { modelGroups, modelName } from './model-options.js';

const MODELS = [
  { id: 'free2gpt/gemini-1.5-pro', owned_by: 'free2gpt' },
  { id: 'free2gpt/gemini-1.5-flash', owned_by: 'free2gpt' },
  { id: 'freegpt/gemini-1.5-pro', owned_by: 'freegpt' },
  { id: 'gemini-1.5-pro', owned_by: 'freechat' },
  { id: 'gemini-1.5-flash', owned_by: 'freechat' },
];
const PROVIDERS = [
  { id: 'free2gpt', label: 'Free2GPT' },
  { id: 'freegpt', label: 'FreeGpt' },
];

describe('modelName', () => {
  it('writes model ids as people do', () => {
    expect(modelName('gemini-1.5-pro')).toBe('Gemini 1.5 Pro');
    expect(modelName('gemini-1.5-flash')).toBe('Gemini 1.5 Flash');
    expect(modelName('gpt-4o-mini')).toBe('GPT-4o Mini');
    expect(modelName('default')).toBe('Default');
    expect(modelName('---')).toBe('---');
  });
});

describe('modelGroups', () => {
  it('puts the fallback chains first and says which providers each one tries, in order', () => {
    const [chains, ...providers] = modelGroups(MODELS, PROVIDERS);
    expect(chains).toEqual({
      label: 'Any provider (tries each in turn)',
      options: [
        {
          value: 'gemini-1.5-pro',
          label: 'Gemini 1.5 Pro · any provider',
          description:
            'Tries Free2GPT and FreeGpt in turn until one answers (model “gemini-1.5-pro”).',
        },
        {
          value: 'gemini-1.5-flash',
          label: 'Gemini 1.5 Flash · any provider',
          description: 'Any provider that serves it (model “gemini-1.5-flash”).',
        },
      ],
    });
    expect(providers.map((group) => group.label)).toEqual(['Free2GPT', 'FreeGpt']);
    expect(providers[0]!.options[0]).toEqual({
      value: 'free2gpt/gemini-1.5-pro',
      label: 'Gemini 1.5 Pro · Free2GPT',
      description: 'Asks Free2GPT only (model “free2gpt/gemini-1.5-pro”).',
    });
  });

  it('names a provider by its id when its display name is unknown', () => {
    const groups = modelGroups(MODELS, []);
    expect(groups.map((group) => group.label)).toEqual([
      'Any provider (tries each in turn)',
      'free2gpt',
      'freegpt',
    ]);
    expect(groups[0]!.options[0]!.description).toBe(
      'Tries free2gpt and freegpt in turn until one answers (model “gemini-1.5-pro”).',
    );
  });

  it('lists three or more providers with commas', () => {
    const models = ['a', 'b', 'c'].flatMap((owner) => [{ id: `${owner}/m`, owned_by: owner }]);
    const [chains] = modelGroups([...models, { id: 'm', owned_by: 'freechat' }], []);
    expect(chains!.options[0]!.description).toBe(
      'Tries a, b and c in turn until one answers (model “m”).',
    );
  });
});
