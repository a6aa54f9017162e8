import { type Emulator, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAIChatFree } from './aichatfree-provider.js';

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

describe('aichatfree on the wire', () => {
  it('sends exactly the body the site expects for a fixed clock and conversation', async () => {
    const provider = createAIChatFree({ baseURL: emulator.sites.aichatfree, now });
    await provider.complete({ messages: conversation });
    await provider.close();
    const [request] = emulator.requests;
    expect(request!.verdict).toBe('ok');
    expect(request!.path).toBe('/aichatfree/api/generate');
    expect(request!.rawBody).toBe(
      '{"messages":[{"role":"user","parts":[{"text":"Be brief."}]},{"role":"user","parts":[{"text":"Привет! Как дела?"}]},{"role":"model","parts":[{"text":"Хорошо 🙂"}]},{"role":"user","parts":[{"text":"What\'s 2+2? Ответь кратко."}]}],"time":1700000000123,"pass":null,"sign":"97753859ddffb8600075473fc28ab1512385d353120c38065285c98088469c5f"}',
    );
  });

  it("sends the site's headers, the body as text/plain, and no model", async () => {
    emulator.reset();
    const provider = createAIChatFree({ baseURL: emulator.sites.aichatfree, now });
    await provider.complete({ messages: conversation, model: provider.models.at(-1) });
    await provider.close();
    const { headers, rawBody } = emulator.requests[0]!;
    expect(headers).toMatchObject({
      'user-agent':
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:122.0) Gecko/20100101 Firefox/122.0',
      accept: '*/*',
      'accept-language': 'en-US,en;q=0.5',
      origin: 'https://aichatfree.info',
      referer: 'https://aichatfree.info/',
      'content-type': 'text/plain;charset=UTF-8',
    });
    expect(rawBody).not.toContain('gemini');
  });
});
