import { describeWireFormat } from '@freechat/core/testing';
import { startEmulator } from '@freechat/emulator';
import { createAIChatFree } from './aichatfree-provider.js';

// The expected body was computed independently of this code base (Python's json and hashlib) from
// the site's wire rules (the emulator README's "The sites": message form, signed text, time unit,
// secret), for WIRE_TEST_CONVERSATION at WIRE_TEST_NOW.
describeWireFormat({
  site: 'aichatfree',
  createProvider: createAIChatFree,
  startEmulator: (options) => startEmulator({ ...options, strict: true }),
  path: '/aichatfree/api/generate',
  body: '{"messages":[{"role":"user","parts":[{"text":"Be brief."}]},{"role":"user","parts":[{"text":"Привет! Как дела?"}]},{"role":"model","parts":[{"text":"Хорошо 🙂"}]},{"role":"user","parts":[{"text":"What\'s 2+2? Ответь кратко."}]}],"time":1700000000123,"pass":null,"sign":"97753859ddffb8600075473fc28ab1512385d353120c38065285c98088469c5f"}',
  headers: {
    'user-agent':
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:122.0) Gecko/20100101 Firefox/122.0',
    accept: '*/*',
    'accept-language': 'en-US,en;q=0.5',
  },
  originHeaders: true,
});
