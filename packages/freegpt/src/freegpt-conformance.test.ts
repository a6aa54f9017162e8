import { describeProviderConformance } from '@freechat/core/testing';
import { invalidUtf8ReplyBytes, startEmulator } from '@freechat/emulator';
import { createFreeGpt } from './freegpt-provider.js';

describeProviderConformance({
  site: 'freegpt',
  createProvider: createFreeGpt,
  startEmulator,
  quota: 'reply-text',
  invalidUtf8ReplyBytes,
});
