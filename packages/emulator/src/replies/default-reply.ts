import { isSiteId, type SiteId } from '../sites/site-id.js';
import { SITE_PROFILES } from '../sites/site-profile.js';

const QUOTE_LIMIT = 200;
const FLATTENED_USER = 'User: ';
const FLATTENED_END = '\nAssistant:';

/**
 * The question a site answers, from its signed text: the text itself, except that GPROChat's flattened
 * conversation (`…\nUser: question\nAssistant:`) yields its last `User:` line's content.
 */
export function questionFromSignedText(site: SiteId | (string & {}), signedText: string): string {
  if (
    !isSiteId(site) ||
    SITE_PROFILES[site].messageForm !== 'gemini-flattened' ||
    !signedText.endsWith(FLATTENED_END)
  ) {
    return signedText;
  }
  const body = signedText.slice(0, -FLATTENED_END.length);
  const lineStart = body.lastIndexOf(`\n${FLATTENED_USER}`);
  if (lineStart >= 0) return body.slice(lineStart + 1 + FLATTENED_USER.length);
  return body.startsWith(FLATTENED_USER) ? body.slice(FLATTENED_USER.length) : signedText;
}

/**
 * The default reply of a site to a question: a few deterministic sentences naming the site (a built-in
 * site by its name, a deployment of your own by its id), quoting the question (cut after 200
 * characters), and carrying 2-, 3- and 4-byte UTF-8 characters.
 */
export function defaultReplyText(site: SiteId | (string & {}), question: string): string {
  const characters = Array.from(question);
  const quoted =
    characters.length > QUOTE_LIMIT ? `${characters.slice(0, QUOTE_LIMIT).join('')}…` : question;
  const words = question.split(/\s+/).filter((word) => word !== '').length;
  return (
    `${isSiteId(site) ? SITE_PROFILES[site].name : site} (emulated) here. You said: "${quoted}". ` +
    `That is ${plural(characters.length, 'character')} in ${plural(words, 'word')}. ` +
    'No model was asked: this reply is made locally — déjà vu, 日本語のテキスト, 🚀✨. ' +
    'Have a good day!'
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
