import { describeWireFormat } from '@freechat/core/testing';
import { startEmulator } from '@freechat/emulator';
import { createFreeGpt } from './freegpt-provider.js';

// The expected body was computed independently of this code base (Python's json and hashlib) from
// the site's wire rules (the emulator README's "The sites": message form, signed text, time unit,
// secret), for WIRE_TEST_CONVERSATION at WIRE_TEST_NOW.
describeWireFormat({
  site: 'freegpt',
  createProvider: createFreeGpt,
  startEmulator: (options) => startEmulator({ ...options, strict: true }),
  path: '/freegpt/s/api/generate',
  body: '{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Привет! Как дела?"},{"role":"assistant","content":"Хорошо 🙂"},{"role":"user","content":"What\'s 2+2? Ответь кратко."}],"time":1700000000,"pass":null,"sign":"7a7ebc890c2b0a3976be9d2c384148e9207a417e7517d350f342eeaebe6ffe44"}',
  headers: {
    'user-agent':
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
    accept: '*/*',
    'accept-language': 'en-US,en;q=0.9',
    'sec-ch-ua': '"Chromium";v="142", "Google Chrome";v="142", "Not_A Brand";v="99"',
    'sec-ch-ua-mobile': '?0',
    'sec-ch-ua-platform': '"Windows"',
  },
  contentType: 'application/json',
  originHeaders: false,
});
