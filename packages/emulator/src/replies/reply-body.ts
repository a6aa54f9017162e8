import { defaultReplyText } from './default-reply.js';
import { generatedReplyChunks } from './generated-reply.js';
import { toolModelReply } from './tool-model.js';

/** A reply's bytes as blocks (a big generated reply is never allocated whole), and their total length. */
export interface ReplyBody {
  /** The reply's length in bytes. */
  length: number;
  /** The reply's bytes, in blocks whose boundaries mean nothing; iterate once. */
  blocks: Iterable<Uint8Array>;
}

/**
 * The reply a step asks for: its `text`, its generated reply of exactly `size` bytes, or else the tool
 * model's reply when the conversation holds the tool instruction, or else the site's default reply to
 * the question.
 *
 * @param conversation - The texts of the conversation's messages (`conversationTexts`).
 */
export function replyBody(
  site: string,
  question: string,
  step: { text?: string; size?: number } = {},
  conversation: readonly string[] = [],
): ReplyBody {
  if (step.size !== undefined)
    return { length: step.size, blocks: generatedReplyChunks(step.size) };
  const text =
    step.text ?? toolModelReply(conversation, question) ?? defaultReplyText(site, question);
  const bytes = Buffer.from(text);
  return { length: bytes.length, blocks: [bytes] };
}
