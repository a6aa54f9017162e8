export type {
  ChatRequest,
  Message,
  Provider,
  TemplateId,
} from '@freechat/core';
export {
  createSite,
  SITE_SETTINGS_SCHEMA,
  type SiteSettings,
  type SiteSettingsSchema,
} from './create-site.js';
