import { createFree2GPT } from '@freechat/free2gpt';
import { createFreeGpt } from '@freechat/freegpt';
import { createGPROChat } from '@freechat/gprochat';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/http-error.js';
import { ModelCatalog } from './model-catalog.js';

const free2gpt = createFree2GPT();
const gprochat = createGPROChat();
const freegpt = createFreeGpt();
const catalog = new ModelCatalog([freegpt, gprochat, free2gpt]);

describe('ModelCatalog', () => {
  it('resolves provider/model to that provider', () => {
    const resolved = catalog.resolve('free2gpt/gemini-1.5-flash');
    expect(resolved).toMatchObject({
      name: 'free2gpt/gemini-1.5-flash',
      model: 'gemini-1.5-flash',
    });
    expect(resolved.provider).toBe(free2gpt);
  });

  it('resolves a provider id to its default model', () => {
    const resolved = catalog.resolve('gprochat');
    expect(resolved).toMatchObject({ name: 'gprochat/gemini-1.5-pro', model: 'gemini-1.5-pro' });
    expect(resolved.provider).toBe(gprochat);
  });

  it('resolves a bare model id to a fallback chain over its providers, in the given order', () => {
    const resolved = catalog.resolve('gemini-1.5-flash');
    expect(resolved).toMatchObject({ name: 'gemini-1.5-flash', model: 'gemini-1.5-flash' });
    expect(resolved.provider.id).toBe('freechat');
    expect(resolved.provider.label).toBe('Fallback (FreeGpt, Free2GPT)');
  });

  it('throws a 404 model_not_found for anything else', () => {
    for (const name of ['gpt-4o', 'gprochat/gemini-1.5-flash', 'other/gemini-1.5-pro', '/x']) {
      let thrown: unknown;
      try {
        catalog.resolve(name);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HttpError);
      expect(thrown).toMatchObject({ status: 404, body: { error: { code: 'model_not_found' } } });
    }
  });

  it('lists provider/model names in provider order, then bare ids', () => {
    expect(catalog.list().map((entry) => entry.id)).toEqual([
      'freegpt/gemini-1.5-pro',
      'freegpt/gemini-1.5-flash',
      'gprochat/gemini-1.5-pro',
      'free2gpt/gemini-1.5-pro',
      'free2gpt/gemini-1.5-flash',
      'gemini-1.5-pro',
      'gemini-1.5-flash',
    ]);
  });
});
