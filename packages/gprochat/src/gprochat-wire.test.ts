import { type Emulator, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGPROChat } from './gprochat-provider.js';

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

describe('gprochat on the wire', () => {
  it('sends exactly the body the site expects for a fixed clock and conversation', async () => {
    const provider = createGPROChat({ baseURL: emulator.sites.gprochat, now });
    await provider.complete({ messages: conversation });
    await provider.close();
    const [request] = emulator.requests;
    expect(request!.verdict).toBe('ok');
    expect(request!.path).toBe('/gprochat/api/generate');
    expect(request!.rawBody).toBe(
      '{"messages":[{"role":"user","parts":[{"text":"System: Be brief.\\nUser: Привет! Как дела?\\nAssistant: Хорошо 🙂\\nUser: What\'s 2+2? Ответь кратко.\\nAssistant:"}]}],"time":1700000000123,"pass":null,"sign":"87489559ff91092565a7c28f584819b37266bc03d02d59808e6f2134a1b67d01"}',
    );
  });

  it("sends the site's headers, the body as text/plain, and no model", async () => {
    emulator.reset();
    const provider = createGPROChat({ baseURL: emulator.sites.gprochat, now });
    await provider.complete({ messages: conversation, model: provider.models.at(-1) });
    await provider.close();
    const { headers, rawBody } = emulator.requests[0]!;
    expect(headers).toMatchObject({
      accept: '*/*',
      origin: 'https://gprochat.com',
      referer: 'https://gprochat.com/',
      'user-agent':
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36',
      'content-type': 'text/plain;charset=UTF-8',
    });
    expect(rawBody).not.toContain('gemini');
  });
});
