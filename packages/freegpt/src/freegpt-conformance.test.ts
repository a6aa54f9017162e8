import { describeProviderConformance } from '@freechat/core/testing';
import { startEmulator } from '@freechat/emulator';
import { createFreeGpt } from './freegpt-provider.js';

describeProviderConformance({
  site: 'freegpt',
  createProvider: createFreeGpt,
  startEmulator,
  quota: 'reply-text',
  working: false,
});
