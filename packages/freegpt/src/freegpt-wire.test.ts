import { type Emulator, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreeGpt } from './freegpt-provider.js';

const now = () => 1_700_000_000_123;
const conversation = [
  { role: 'system' as const, content: 'Be brief.' },
  { role: 'user' as const, content: 'Привет! Как дела?' },
  { role: 'assistant' as const, content: 'Хорошо 🙂' },
  { role: 'user' as const, content: "What's 2+2? Ответь кратко." },
];
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ now });
});
afterAll(async () => {
  await emulator.close();
});

describe('freegpt on the wire', () => {
  it('sends exactly the body the site expects for a fixed clock and conversation', async () => {
    const provider = createFreeGpt({ baseURL: emulator.sites.freegpt, now });
    await provider.complete({ messages: conversation });
    await provider.close();
    const [request] = emulator.requests;
    expect(request!.verdict).toBe('ok');
    expect(request!.path).toBe('/freegpt/s/api/generate');
    expect(request!.rawBody).toBe(
      '{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Привет! Как дела?"},{"role":"assistant","content":"Хорошо 🙂"},{"role":"user","content":"What\'s 2+2? Ответь кратко."}],"time":1700000000,"pass":null,"sign":"7a7ebc890c2b0a3976be9d2c384148e9207a417e7517d350f342eeaebe6ffe44"}',
    );
  });

  it("sends the site's headers, the body as text/plain, and no model", async () => {
    emulator.reset();
    const provider = createFreeGpt({ baseURL: emulator.sites.freegpt, now });
    await provider.complete({ messages: conversation, model: provider.models.at(-1) });
    await provider.close();
    const { headers, rawBody } = emulator.requests[0]!;
    expect(headers).toMatchObject({
      'content-type': 'text/plain;charset=UTF-8',
    });
    expect(rawBody).not.toContain('gemini');
  });
});
