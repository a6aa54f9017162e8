import type { ChatRequest, Provider, RetryEvent } from '@freechat/core';
import { createControlEscaper } from './escape-controls.js';
import type { CliIO } from './io.js';
import { retryStatus } from './retry-status.js';
import { startSpinner } from './spinner.js';

/**
 * Streams one reply to stdout as it arrives, with a spinner on stderr until the first text (which,
 * after a failed attempt, says what failed, how long until the next attempt and its number), and ends
 * it with a newline (unless the reply did). When the reply fails or is cancelled part way, the text
 * already written is ended with a newline too, so that an error or the prompt starts on its own line.
 * On a terminal, the reply's control characters are shown escaped (`\x1b`), so that a site cannot
 * set the window title, write the clipboard or clear the screen; through a pipe the reply passes
 * unchanged, since a pipe carries data.
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
  const escaper = io.stdout.isTTY === true ? createControlEscaper() : undefined;
  const write = (piece: string) => {
    const shown = escaper === undefined ? piece : escaper.write(piece);
    if (shown !== '') io.stdout.write(shown);
  };
  const finish = (newline: boolean) => {
    const rest = escaper?.end() ?? '';
    if (rest !== '' || newline) io.stdout.write(`${rest}${newline ? '\n' : ''}`);
  };
  const onRetry = (event: RetryEvent) =>
    spinner.update(retryStatus(waitingText, provider.id, event));
  let text = '';
  try {
    for await (const piece of provider.stream({ ...request, onRetry })) {
      spinner.stop();
      write(piece);
      text += piece;
    }
  } catch (error) {
    spinner.stop();
    finish(text !== '' && !text.endsWith('\n'));
    throw error;
  }
  spinner.stop();
  finish(!text.endsWith('\n'));
  return text;
}
