import { type Emulator, emulatedReplyText, startEmulator } from '@freechat/emulator';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../../test/test-setup.js';
import { createServer, type FreechatServer } from '../create-server.js';

let emulator: Emulator<string>;
let server: FreechatServer;
let openai: OpenAI;
const hello = [{ role: 'user' as const, content: 'Hello, deployment' }];

// The emulator's aichatfree site is a GeminiProChat deployment; a wrong secret makes it refuse the
// signature.
beforeAll(async () => {
  emulator = await startEmulator({
    sites: { locked: { template: 'chatgpt-demo', password: 'alpha' } },
  });
  server = createServer({
    sites: [
      {
        id: 'mine',
        baseURL: emulator.sites.aichatfree!,
        template: 'gemini-pro-chat',
        models: ['my-model'],
      },
      {
        id: 'no-password',
        baseURL: emulator.sites.locked!,
        template: 'chatgpt-demo',
        models: ['third-model'],
      },
      {
        id: 'wrong-secret',
        baseURL: emulator.sites.aichatfree!,
        template: 'gemini-pro-chat',
        secret: 'not-the-secret',
        models: ['other-model'],
      },
    ],
  });
  openai = new OpenAI({ baseURL: `${await server.listen()}/v1`, apiKey: 'unused', maxRetries: 0 });
});
afterAll(async () => {
  await server.close();
  await emulator.close();
});

describe('createServer({ sites })', () => {
  it('serves only the sites when no providers are given, under their own names', async () => {
    const models = (await openai.models.list()).data.map((model) => model.id);
    expect(models).toEqual(
      expect.arrayContaining(['mine/my-model', 'my-model', 'wrong-secret/other-model']),
    );
    expect(models.some((model) => model.startsWith('free2gpt/'))).toBe(false);
  });

  it('answers a completion from a site', async () => {
    const completion = await openai.chat.completions.create({
      model: 'mine/my-model',
      messages: hello,
    });
    expect(completion.model).toBe('mine/my-model');
    expect(completion.choices[0]!.message.content).toBe(emulatedReplyText('aichatfree', hello));
  });

  it("answers a site's refused credentials with 502, saying which", async () => {
    const error = await rejection(
      openai.chat.completions.create({ model: 'wrong-secret', messages: hello }),
    );
    expect(error.status).toBe(502);
    expect(error.message).toContain('the secret setting does not match');
    const refused = await rejection(
      openai.chat.completions.create({ model: 'no-password', messages: hello }),
    );
    expect(refused.status).toBe(502);
    expect(refused.error).toMatchObject({ type: 'upstream_error' });
    expect(refused?.message).toContain('the site wants a password');
  });

  it('refuses a bad site before listening', () => {
    expect(() =>
      createServer({ sites: [{ baseURL: 'http://x', template: 'nope' as never }] }),
    ).toThrow(/invalid sites\[0\]\.template: expected one of/);
    expect(() => createServer({ providers: [], sites: [] })).toThrow(
      '[server] invalid providers: expected at least one provider or site',
    );
  });
});
