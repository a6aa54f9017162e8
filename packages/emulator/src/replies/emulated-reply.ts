import { formatPrompt, type Message } from '@freechat/core';
import type { ReplyStep } from '../faults/scenario-step.js';
import { isSiteId, type SiteId } from '../sites/site-id.js';
import { SITE_PROFILES } from '../sites/site-profile.js';
import { questionFromSignedText } from './default-reply.js';
import { replyBody } from './reply-body.js';

/**
 * The exact text a site of the emulator streams for a good request and a reply step: the step's `text`,
 * the generated reply of `size` bytes (whole, so keep it small here; use `generatedReplySha256` for big
 * ones), or else the tool model's reply (`toolModelReply`) when the conversation holds core's tool
 * instruction, or else the site's default reply to the conversation's question.
 *
 * @param site - The site asked: a built-in site, or the id of a deployment of your own.
 * @param messages - The conversation in the OpenAI form, as given to a provider (which converts it to the
 * site's form on the wire).
 * @param step - The reply step played; none means the default reply.
 */
export function emulatedReplyText(
  site: SiteId | (string & {}),
  messages: readonly Message[],
  step: ReplyStep = {},
): string {
  return Buffer.from(emulatedReplyBytes(site, messages, step)).toString('utf8');
}

/** The exact bytes a site of the emulator streams for a good request and a reply step; see `emulatedReplyText`. */
export function emulatedReplyBytes(
  site: SiteId | (string & {}),
  messages: readonly Message[],
  step: ReplyStep = {},
): Uint8Array {
  const signedText =
    isSiteId(site) && SITE_PROFILES[site].messageForm === 'gemini-flattened'
      ? formatPrompt(messages)
      : (messages[messages.length - 1]?.content ?? '');
  const question = questionFromSignedText(site, signedText);
  const conversation = messages.map((message) => message.content);
  const reply = replyBody(site, question, step, conversation);
  return new Uint8Array(Buffer.concat([...reply.blocks]));
}
