import { describeWireFormat } from '@freechat/core/testing';
import { startEmulator } from '@freechat/emulator';
import { createFree2GPT } from './free2gpt-provider.js';

// The expected body was computed independently of this code base (Python's json and hashlib) from
// the site's wire rules (the emulator README's "The sites": message form, signed text, time unit,
// secret), for WIRE_TEST_CONVERSATION at WIRE_TEST_NOW.
describeWireFormat({
  site: 'free2gpt',
  createProvider: createFree2GPT,
  startEmulator: (options) => startEmulator({ ...options, strict: true }),
  path: '/free2gpt/api/generate',
  body: '{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Привет! Как дела?"},{"role":"assistant","content":"Хорошо 🙂"},{"role":"user","content":"What\'s 2+2? Ответь кратко."}],"time":1700000000123,"pass":null,"sign":"97753859ddffb8600075473fc28ab1512385d353120c38065285c98088469c5f"}',
  headers: {
    'user-agent':
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36',
    accept: '*/*',
    'accept-language': 'en-US,en;q=0.9',
  },
  originHeaders: true,
});
