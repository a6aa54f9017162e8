import { InvalidSettingError } from '@freechat/core';
import { describe, expect, it } from 'vitest';
import { createSite, type SiteSettings } from './create-site.js';

const base = { baseURL: 'http://127.0.0.1:9/', template: 'gemini-pro-chat' } as const;

function fieldOf(settings: unknown): string | undefined {
  try {
    createSite(settings as SiteSettings);
  } catch (error) {
    if (InvalidSettingError.isInstance(error)) return error.field;
    throw error;
  }
  return undefined;
}

describe('createSite settings', () => {
  it('names the bad field, before any traffic', () => {
    expect(fieldOf(null)).toBe('settings');
    expect(fieldOf({ ...base, template: 'gemini' })).toBe('template');
    expect(fieldOf({ ...base, template: undefined })).toBe('template');
    expect(fieldOf({ ...base, id: 'My Site' })).toBe('id');
    expect(fieldOf({ ...base, models: [] })).toBe('models');
    expect(fieldOf({ ...base, models: ['ok', ' '] })).toBe('models[1]');
    expect(fieldOf({ ...base, label: '' })).toBe('label');
    expect(fieldOf({ ...base, baseURL: undefined })).toBe('baseURL');
    expect(fieldOf({ ...base, baseURL: [] })).toBe('baseURL');
    expect(fieldOf({ ...base, baseURL: 'ftp://x' })).toBe('baseURL');
    expect(fieldOf({ ...base, password: '' })).toBe('password');
    expect(fieldOf({ ...base, secret: 7 })).toBe('secret');
  });

  it('describes the deployment: id, label from the template and host, models, working', async () => {
    const site = createSite({ ...base, id: 'mine', models: ['fast', 'slow'] });
    expect(site).toMatchObject({
      id: 'mine',
      label: 'GeminiProChat at 127.0.0.1:9',
      url: 'http://127.0.0.1:9/',
      lastKnownUp: true,
      defaultModel: 'fast',
      models: ['fast', 'slow'],
      supportsSystemMessage: false,
      baseURLs: ['http://127.0.0.1:9'],
    });
    const demo = createSite({ baseURL: 'https://chat.example', template: 'chatgpt-demo' });
    expect(demo).toMatchObject({ id: 'site', models: ['default'], supportsSystemMessage: true });
    await site.close();
    await demo.close();
  });
});
