import { describeWireFormat } from '@freechat/core/testing';
import { startEmulator } from '@freechat/emulator';
import { emulatedSite } from './test-emulated-site.js';

// The expected bodies were computed independently of this code base (Python's json and hashlib) from
// each template's wire rules (the emulator README's "The sites"; no secret, time in milliseconds), for
// WIRE_TEST_CONVERSATION at WIRE_TEST_NOW. The emulator's aichatfree site runs GeminiProChat and its
// free2gpt site chatgpt-demo's message form.
describeWireFormat({
  site: 'aichatfree',
  createProvider: emulatedSite('aichatfree', 'gemini-pro-chat'),
  startEmulator: (options) => startEmulator({ ...options, strict: true }),
  path: '/aichatfree/api/generate',
  body: '{"messages":[{"role":"user","parts":[{"text":"Be brief."}]},{"role":"user","parts":[{"text":"Привет! Как дела?"}]},{"role":"model","parts":[{"text":"Хорошо 🙂"}]},{"role":"user","parts":[{"text":"What\'s 2+2? Ответь кратко."}]}],"time":1700000000123,"pass":null,"sign":"97753859ddffb8600075473fc28ab1512385d353120c38065285c98088469c5f"}',
  headers: {},
  originHeaders: true,
});

describeWireFormat({
  site: 'free2gpt',
  createProvider: emulatedSite('free2gpt', 'chatgpt-demo'),
  startEmulator: (options) => startEmulator({ ...options, strict: true }),
  path: '/free2gpt/api/generate',
  body: '{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Привет! Как дела?"},{"role":"assistant","content":"Хорошо 🙂"},{"role":"user","content":"What\'s 2+2? Ответь кратко."}],"time":1700000000123,"pass":null,"sign":"97753859ddffb8600075473fc28ab1512385d353120c38065285c98088469c5f"}',
  headers: {},
  originHeaders: true,
});
