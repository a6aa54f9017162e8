import { describeProviderConformance } from '@freechat/core/testing';
import { startEmulator } from '@freechat/emulator';
import { emulatedSite } from './test-emulated-site.js';

// The emulator's aichatfree site is a GeminiProChat deployment and its free2gpt site speaks
// chatgpt-demo's form; a createSite client of each template must behave like every provider.
describeProviderConformance({
  site: 'aichatfree',
  createProvider: emulatedSite('aichatfree', 'gemini-pro-chat'),
  startEmulator,
  quota: 'status',
  working: true,
});

describeProviderConformance({
  site: 'free2gpt',
  createProvider: emulatedSite('free2gpt', 'chatgpt-demo'),
  startEmulator,
  // This site answers a spent quota like GeminiProChat (a 500), which plain chatgpt-demo does not.
  quota: 'none',
  working: true,
});
