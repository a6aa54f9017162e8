export type {
  ChatRequest,
  Message,
  Provider,
  TemplateId,
} from '@freechat/core';
export { createSite, type SiteSettings } from './create-site.js';
