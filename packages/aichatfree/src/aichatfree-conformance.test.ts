import { describeProviderConformance } from '@freechat/core/testing';
import { invalidUtf8ReplyBytes, startEmulator } from '@freechat/emulator';
import { createAIChatFree } from './aichatfree-provider.js';

describeProviderConformance({
  site: 'aichatfree',
  createProvider: createAIChatFree,
  startEmulator: () => startEmulator({ strict: true }),
  quota: 'status',
  lastKnownUp: false,
  invalidUtf8ReplyBytes,
});
