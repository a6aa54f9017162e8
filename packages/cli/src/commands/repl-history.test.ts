import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@freechat/emulator';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { createTerminalIO } from '../../test/test-terminal-io.js';
import { MAX_HISTORY_BYTES } from '../connection/bounded-read.js';
import { runCli } from '../main.js';
import { historyPath, loadHistory, MAX_HISTORY_LINES, saveHistory } from './repl-history.js';

const directory = mkdtempSync(join(tmpdir(), 'freechat-history-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the REPL history', () => {
  it('lives in $XDG_STATE_HOME/freechat, else ~/.local/state/freechat', () => {
    expect(historyPath({ XDG_STATE_HOME: '/state' }, '/home/ada')).toBe('/state/freechat/history');
    expect(historyPath({}, '/home/ada')).toBe('/home/ada/.local/state/freechat/history');
  });

  it(`keeps the newest ${MAX_HISTORY_LINES} lines, private to the user, and reads them back`, () => {
    const path = join(directory, 'bounded', 'history');
    const typed = Array.from({ length: MAX_HISTORY_LINES + 20 }, (_, index) => `line ${index}`);
    expect(saveHistory(path, [...typed].reverse(), createTestIO().io)).toBe(true);
    const saved = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(saved).toHaveLength(MAX_HISTORY_LINES);
    expect(saved.at(-1)).toBe(typed.at(-1));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadHistory(path)[0]).toBe(typed.at(-1));
    expect(loadHistory(join(directory, 'missing'))).toEqual([]);
  });

  it('reads only the last 1 MiB of a larger file: the newest lines, no line cut in two', () => {
    expect(MAX_HISTORY_BYTES).toBe(1024 * 1024);
    const path = join(directory, 'large', 'history');
    mkdirSync(join(directory, 'large'));
    const pasted = 'p'.repeat(MAX_HISTORY_BYTES);
    writeFileSync(path, `oldest\n${pasted}\nnewer\nnewest\n`);
    expect(loadHistory(path)).toEqual(['newest', 'newer']);
  });

  it('saves the lines typed at a terminal, ends Ctrl-D with a newline, and offers them next time', async () => {
    const emulator = await startEmulator();
    try {
      const env = { XDG_STATE_HOME: join(directory, 'state') };
      const first = createTerminalIO(env);
      const exit = runCli(
        ['repl', '--base-url', emulator.sites.free2gpt, '--provider', 'free2gpt'],
        first.io,
      );
      await first.prompted(1);
      first.stdin.write('/help\n');
      // Ctrl-D at the next prompt: the end of input.
      await first.prompted(2);
      first.stdin.end();
      const code = await exit;
      expect(first.stderr()).not.toContain('freechat:');
      expect(code).toBe(0);
      // readline ends with the prompt and a cursor move (ESC[6G); the REPL adds the newline.
      const ESC = String.fromCharCode(27);
      expect(first.output()).toMatch(new RegExp(`you> (${ESC}\\[\\d+G)?\n$`));
      expect(readFileSync(join(env.XDG_STATE_HOME, 'freechat', 'history'), 'utf8')).toBe('/help\n');
    } finally {
      await emulator.close();
    }
  });
});

describe('REPL models', () => {
  it('refuses -m with a model the provider does not serve, before the prompt', async () => {
    const test = createTestIO({ input: 'hi\n' });
    expect(await runCli(['repl', '--emulator', '-p', 'freegpt', '-m', 'gpt-4o'], test.io)).toBe(2);
    expect(test.stderr()).toContain('freegpt does not serve the model "gpt-4o"; choose from');
    expect(test.stdout()).toBe('');
  });

  it('refuses /model with an unknown model at once and keeps the one before', async () => {
    const test = createTestIO({ input: '/model gpt-4o\n' });
    expect(await runCli(['repl', '--emulator', '-p', 'freegpt'], test.io)).toBe(0);
    expect(test.stderr()).toContain('freegpt does not serve the model "gpt-4o"');
    expect(test.stderr()).not.toContain('(now');
  });
});
