import { describeWireFormat } from '@freechat/core/testing';
import { startEmulator } from '@freechat/emulator';
import { createGPROChat } from './gprochat-provider.js';

// The expected body was computed independently of this code base (Python's json and hashlib) from
// the site's wire rules (the emulator README's "The sites": message form, signed text, time unit,
// secret), for WIRE_TEST_CONVERSATION at WIRE_TEST_NOW.
describeWireFormat({
  site: 'gprochat',
  createProvider: createGPROChat,
  startEmulator: (options) => startEmulator({ ...options, strict: true }),
  path: '/gprochat/api/generate',
  body: '{"messages":[{"role":"user","parts":[{"text":"System: Be brief.\\nUser: Привет! Как дела?\\nAssistant: Хорошо 🙂\\nUser: What\'s 2+2? Ответь кратко.\\nAssistant:"}]}],"time":1700000000123,"pass":null,"sign":"87489559ff91092565a7c28f584819b37266bc03d02d59808e6f2134a1b67d01"}',
  headers: {
    accept: '*/*',
    'user-agent':
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36',
  },
  originHeaders: true,
});
