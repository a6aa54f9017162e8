import { describeProviderConformance } from '@freechat/core/testing';
import { invalidUtf8ReplyBytes, startEmulator } from '@freechat/emulator';
import { createFree2GPT } from './free2gpt-provider.js';

describeProviderConformance({
  site: 'free2gpt',
  createProvider: createFree2GPT,
  startEmulator: () => startEmulator({ strict: true }),
  quota: 'status',
  lastKnownUp: false,
  invalidUtf8ReplyBytes,
});
