import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import type { CliIO, CliOutput } from './io.js';
import { startSpinner } from './spinner.js';

/** A test IO whose stderr (and, when asked, stdout) claims to be a terminal of `columns`. */
function terminalIO(options: {
  stdoutTTY?: boolean;
  columns?: number;
  env?: Record<string, string>;
}) {
  const test = createTestIO(options.env === undefined ? {} : { env: options.env });
  const stderr: CliOutput = Object.assign(test.io.stderr, {
    isTTY: true,
    columns: options.columns ?? 80,
  });
  const stdout: CliOutput = Object.assign(test.io.stdout, { isTTY: options.stdoutTTY === true });
  const io: CliIO = { ...test.io, stderr, stdout };
  return { io, stderr: test.stderr };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('startSpinner', () => {
  it('spins on a terminal stderr even when stdout is a file or a pipe', () => {
    vi.useFakeTimers();
    const test = terminalIO({ stdoutTTY: false });
    const spinner = startSpinner(test.io, 'Asking free2gpt…');
    expect(test.stderr()).toBe('\u001b[?25l\r\u001b[K⠋ Asking free2gpt…');
    vi.advanceTimersByTime(80);
    expect(test.stderr().endsWith('\r\u001b[K⠙ Asking free2gpt…')).toBe(true);
    spinner.stop();
    expect(test.stderr().endsWith('⠙ Asking free2gpt…\r\u001b[K\u001b[?25h')).toBe(true);
  });

  it('stops for good: no frame after stop(), and a second stop() writes nothing', () => {
    vi.useFakeTimers();
    const test = terminalIO({ stdoutTTY: true });
    const spinner = startSpinner(test.io, 'Thinking…');
    spinner.stop();
    const written = test.stderr();
    vi.advanceTimersByTime(1_000);
    spinner.stop();
    expect(test.stderr()).toBe(written);
  });

  it('cuts the text to the terminal width so that the line can be erased', () => {
    const test = terminalIO({ columns: 10 });
    startSpinner(test.io, 'Checking 7 base URLs…').stop();
    expect(test.stderr()).toContain('⠋ Checkin\r');
  });

  it('stays off when stderr is not a terminal, has no width, or CI is set', () => {
    const piped = createTestIO();
    startSpinner(piped.io, 'Thinking…').stop();
    expect(piped.stderr()).toBe('');
    const narrow = terminalIO({ columns: 0 });
    startSpinner(narrow.io, 'Thinking…').stop();
    expect(narrow.stderr()).toBe('');
    const ci = terminalIO({ env: { CI: 'true' } });
    startSpinner(ci.io, 'Thinking…').stop();
    expect(ci.stderr()).toBe('');
  });
});
