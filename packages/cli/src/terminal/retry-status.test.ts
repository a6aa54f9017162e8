import { TimeoutError } from '@freechat/core';
import { createFree2GPT } from '@freechat/free2gpt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { type SilentHost, startSilentHost } from '../../test/test-silent-host.js';
import type { CliIO, CliOutput } from './io.js';
import { retryStatus } from './retry-status.js';
import { startSpinner } from './spinner.js';
import { streamReply } from './stream-reply.js';

const URL = 'http://127.0.0.1:1/api/generate';
const timeout = new TimeoutError({
  provider: 'free2gpt',
  url: URL,
  phase: 'response',
  timeout: 60_000,
});

/** A test IO whose stderr claims to be a terminal wide enough for a whole status line. */
function terminalIO() {
  const test = createTestIO();
  const stderr: CliOutput = Object.assign(test.io.stderr, { isTTY: true, columns: 200 });
  const io: CliIO = { ...test.io, stderr };
  return { io, stderr: test.stderr };
}

let host: SilentHost;
beforeAll(async () => {
  host = await startSilentHost();
});
afterAll(async () => {
  await host.close();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('retryStatus', () => {
  it('counts down the wait with what failed, then names the attempt running', () => {
    vi.useFakeTimers();
    const event = { provider: 'free2gpt', attempt: 2, of: 3, delayMs: 1_500, error: timeout };
    const status = retryStatus('Asking free2gpt…', 'free2gpt', event);
    expect(status()).toBe(
      'Asking free2gpt… no response in 60000 ms, retrying in 2 s (attempt 2 of 3)',
    );
    vi.advanceTimersByTime(600);
    expect(status()).toBe(
      'Asking free2gpt… no response in 60000 ms, retrying in 1 s (attempt 2 of 3)',
    );
    vi.advanceTimersByTime(900);
    expect(status()).toBe('Asking free2gpt… attempt 2 of 3');
  });

  it("names a fallback chain's member", () => {
    const event = { provider: 'freegpt', attempt: 3, of: 3, delayMs: 0, error: timeout };
    expect(retryStatus('Asking free2gpt, freegpt…', 'fallback', event)()).toBe(
      'Asking free2gpt, freegpt… freegpt: attempt 3 of 3',
    );
  });
});

describe('the spinner of a reply tried again', () => {
  it('redraws at once with a new text, and reads a function on every frame', () => {
    vi.useFakeTimers();
    const test = terminalIO();
    const spinner = startSpinner(test.io, 'Asking…');
    let count = 0;
    spinner.update(() => `tick ${++count}`);
    expect(test.stderr().endsWith('\r\u001b[K⠙ tick 1')).toBe(true);
    vi.advanceTimersByTime(80);
    expect(test.stderr().endsWith('\r\u001b[K⠹ tick 2')).toBe(true);
    spinner.stop();
    spinner.update('after the end');
    expect(test.stderr()).not.toContain('after the end');
  });

  it('shows each attempt against a host that accepts and never answers, and the error counts them', async () => {
    const test = terminalIO();
    const provider = createFree2GPT({ baseURL: host.url, timeout: 50, retryDelay: 100 });
    const messages = [{ role: 'user' as const, content: 'hi' }];
    const error = await streamReply(provider, { messages }, test.io, 'Asking free2gpt…').catch(
      (caught: unknown) => caught,
    );
    await provider.close();
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ attemptsMade: 3 });
    expect(test.stderr()).toContain(
      'Asking free2gpt… no response in 50 ms, retrying in 1 s (attempt 2 of 3)',
    );
    expect(test.stderr()).toContain(
      'Asking free2gpt… no response in 50 ms, retrying in 1 s (attempt 3 of 3)',
    );
  });
});
