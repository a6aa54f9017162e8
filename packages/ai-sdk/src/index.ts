export { type FreechatProvider, freechat } from './freechat-provider.js';
export type { FreechatSettings } from './freechat-settings.js';
