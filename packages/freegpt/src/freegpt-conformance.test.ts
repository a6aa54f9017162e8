import { describeProviderConformance } from '@freechat/core/testing';
import { invalidUtf8ReplyBytes, startEmulator } from '@freechat/emulator';
import { createFreeGpt } from './freegpt-provider.js';

describeProviderConformance({
  site: 'freegpt',
  createProvider: createFreeGpt,
  startEmulator: () => startEmulator({ strict: true }),
  quota: 'reply-text',
  lastKnownUp: false,
  invalidUtf8ReplyBytes,
});
