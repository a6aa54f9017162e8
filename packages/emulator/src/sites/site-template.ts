/**
 * The two open-source templates the sites ran: `gemini-pro-chat` (GeminiProChat: AIChatFree, GPROChat)
 * and `chatgpt-demo` (chatgpt-demo: Free2GPT, FreeGpt). A template decides the message form, the signed
 * text, the order of the checks, and how every answer looks on the wire.
 */
export type SiteTemplate = 'gemini-pro-chat' | 'chatgpt-demo';

/** Both templates, in a fixed order. */
export const SITE_TEMPLATES: readonly SiteTemplate[] = ['gemini-pro-chat', 'chatgpt-demo'];
