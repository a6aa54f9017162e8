import type { ChatRequest, Provider } from '@freechat/core';
import type { CliIO } from './io.js';
import { startSpinner } from './spinner.js';

/**
 * Streams one reply to stdout as it arrives, with a spinner on stderr until the first text, and ends
 * it with a newline (unless the reply did). When the reply fails or is cancelled part way, the text
 * already written is ended with a newline too, so that an error or the prompt starts on its own line.
 *
 * @returns The whole reply text.
 * @throws Whatever the provider's stream throws (a cancelled request: the signal's reason).
 */
export async function streamReply(
  provider: Provider,
  request: ChatRequest,
  io: CliIO,
  waitingText: string,
): Promise<string> {
  const spinner = startSpinner(io, waitingText);
  let text = '';
  try {
    for await (const piece of provider.stream(request)) {
      spinner.stop();
      io.stdout.write(piece);
      text += piece;
    }
  } catch (error) {
    spinner.stop();
    if (text !== '' && !text.endsWith('\n')) io.stdout.write('\n');
    throw error;
  }
  spinner.stop();
  if (!text.endsWith('\n')) io.stdout.write('\n');
  return text;
}
