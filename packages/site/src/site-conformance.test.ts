import type { ProviderSettings, TemplateId } from '@freechat/core';
import { describeProviderConformance } from '@freechat/core/testing';
import { invalidUtf8ReplyBytes, startEmulator } from '@freechat/emulator';
import { createSite } from './create-site.js';

// Each template as a password-protected deployment with its own secret: a createSite client must
// behave like every provider.
for (const [site, template] of [
  ['gemini-site', 'gemini-pro-chat'],
  ['demo-site', 'chatgpt-demo'],
] as const satisfies readonly (readonly [string, TemplateId])[]) {
  describeProviderConformance({
    site,
    createProvider: (settings: ProviderSettings) =>
      createSite({
        id: site,
        template,
        secret: 's3cret',
        password: 'beta',
        ...settings,
        baseURL: settings.baseURL!,
      }),
    startEmulator: () =>
      startEmulator({ sites: { [site]: { template, secret: 's3cret', password: 'alpha,beta' } } }),
    quota: 'status',
    lastKnownUp: true,
    invalidUtf8ReplyBytes,
  });
}
