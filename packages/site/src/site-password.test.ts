import { AuthRejectedError } from '@freechat/core';
import { type Emulator, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSite } from './create-site.js';

const messages = [{ role: 'user' as const, content: 'Hello' }];
let emulator: Emulator<string>;

beforeAll(async () => {
  emulator = await startEmulator({
    sites: {
      'gemini-open': { template: 'gemini-pro-chat' },
      'gemini-locked': { template: 'gemini-pro-chat', secret: 's3cret', password: 'alpha,beta' },
      'demo-open': { template: 'chatgpt-demo' },
      'demo-locked': { template: 'chatgpt-demo', secret: 's3cret', password: 'alpha,beta' },
    },
  });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

for (const [template, prefix] of [
  ['gemini-pro-chat', 'gemini'],
  ['chatgpt-demo', 'demo'],
] as const) {
  describe(`a ${template} deployment's site password`, () => {
    const site = (id: string, settings: { password?: string; secret?: string }) =>
      createSite({ id, template, baseURL: emulator.sites[id]!, retryDelay: 1, ...settings });

    async function ask(id: string, settings: { password?: string; secret?: string }) {
      const client = site(id, settings);
      const outcome = await client.complete({ messages }).then(
        (text) => ({ text, error: undefined }),
        (error: unknown) => ({ text: undefined, error }),
      );
      await client.close();
      return outcome;
    }

    it('is ignored by a deployment without one', async () => {
      const { error } = await ask(`${prefix}-open`, { password: 'anything' });
      expect(error).toBeUndefined();
      expect(emulator.requests[0]).toMatchObject({ verdict: 'ok' });
      expect((emulator.requests[0]!.body as { pass: unknown }).pass).toBe('anything');
    });

    it('opens the deployment as the whole list or any one entry of it', async () => {
      for (const password of ['alpha,beta', 'beta', 'alpha']) {
        const { error } = await ask(`${prefix}-locked`, { password, secret: 's3cret' });
        expect(error, password).toBeUndefined();
      }
      expect(emulator.requests.map((request) => (request.body as { pass: unknown }).pass)).toEqual([
        'alpha,beta',
        'beta',
        'alpha',
      ]);
    });

    it('wrong or missing: a AuthRejectedError naming the password, sent once, never printed', async () => {
      for (const password of ['gamma-wrong', undefined]) {
        emulator.reset();
        const settings =
          password === undefined ? { secret: 's3cret' } : { password, secret: 's3cret' };
        const { error } = await ask(`${prefix}-locked`, settings);
        expect(AuthRejectedError.isInstance(error) && error.credential).toBe('password');
        expect(emulator.requests).toHaveLength(1);
        expect((error as Error).message).toContain('the site wants a password');
        for (const shown of [(error as Error).message, JSON.stringify(error), String(error)]) {
          expect(shown).not.toContain('gamma-wrong');
        }
      }
    });

    it('a wrong secret: a AuthRejectedError naming the signature', async () => {
      const { error } = await ask(`${prefix}-locked`, { password: 'beta', secret: 'wrong' });
      expect(AuthRejectedError.isInstance(error) && error.credential).toBe('signature');
      expect(emulator.requests).toHaveLength(1);
    });
  });
}
