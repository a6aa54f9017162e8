import { type Emulator, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFree2GPT } from './free2gpt-provider.js';

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

describe('free2gpt on the wire', () => {
  it('sends exactly the body the site expects for a fixed clock and conversation', async () => {
    const provider = createFree2GPT({ baseURL: emulator.sites.free2gpt, now });
    await provider.complete({ messages: conversation });
    await provider.close();
    const [request] = emulator.requests;
    expect(request!.verdict).toBe('ok');
    expect(request!.path).toBe('/free2gpt/api/generate');
    expect(request!.rawBody).toBe(
      '{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Привет! Как дела?"},{"role":"assistant","content":"Хорошо 🙂"},{"role":"user","content":"What\'s 2+2? Ответь кратко."}],"time":1700000000123,"pass":null,"sign":"97753859ddffb8600075473fc28ab1512385d353120c38065285c98088469c5f"}',
    );
  });

  it("sends the site's headers, the body as text/plain, and no model", async () => {
    emulator.reset();
    const provider = createFree2GPT({ baseURL: emulator.sites.free2gpt, now });
    await provider.complete({ messages: conversation, model: provider.models.at(-1) });
    await provider.close();
    const { headers, rawBody } = emulator.requests[0]!;
    expect(headers).toMatchObject({
      'user-agent':
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36',
      accept: '*/*',
      'accept-language': 'en-US,en;q=0.9',
      origin: 'https://chat10.free2gpt.xyz',
      referer: 'https://chat10.free2gpt.xyz/',
      'content-type': 'text/plain;charset=UTF-8',
    });
    expect(rawBody).not.toContain('gemini');
  });
});
