import { describeProviderConformance } from '@freechat/core/testing';
import { invalidUtf8ReplyBytes, startEmulator } from '@freechat/emulator';
import { createGPROChat } from './gprochat-provider.js';

describeProviderConformance({
  site: 'gprochat',
  createProvider: createGPROChat,
  startEmulator: () => startEmulator({ strict: true }),
  quota: 'status',
  lastKnownUp: false,
  invalidUtf8ReplyBytes,
});
