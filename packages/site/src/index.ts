export type {
  ChatRequest,
  Message,
  Provider,
  TemplateId,
} from '@freechat/core';
export { createSite, SITE_SETTINGS_SCHEMA, type SiteSettings } from './create-site.js';
