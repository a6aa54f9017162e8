import { describeProviderConformance } from '@freechat/core/testing';
import { startEmulator } from '@freechat/emulator';
import { createGPROChat } from './gprochat-provider.js';

describeProviderConformance({
  site: 'gprochat',
  createProvider: createGPROChat,
  startEmulator: () => startEmulator({ strict: true }),
  quota: 'status',
  working: false,
});
