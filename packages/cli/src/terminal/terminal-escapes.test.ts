import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidRequestError } from '@freechat/core';
import type { Emulator } from '@freechat/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { runCli as runCliProcess } from '../../test/test-cli-process.js';
import { useEmulator } from '../../test/test-emulator.js';
import { runChat } from '../commands/chat-command.js';
import { runRepl } from '../commands/repl-command.js';
import { runCli } from '../main.js';
import { shortReason } from './error-format.js';
import { createControlEscaper, escapeControls } from './escape-controls.js';

/** A reply that sets the window title, writes the clipboard, clears the screen and hides in C1 and CR. */
const HOSTILE =
  'title\u001b]0;pwned\u0007 clip\u001b]52;c;cHduZWQ=\u0007 clear\u001b[2J csi\u009b31m del\u007f' +
  ' crlf\r\nlone\rcr tab\tend\r';
const HOSTILE_SHOWN =
  'title\\x1b]0;pwned\\x07 clip\\x1b]52;c;cHduZWQ=\\x07 clear\\x1b[2J csi\\x9b31m del\\x7f' +
  ' crlf\r\nlone\\x0dcr tab\tend\\x0d';

let emulator: Emulator;

useEmulator((started) => {
  emulator = started;
});

describe('escapeControls', () => {
  it('shows every control character but newline, tab and CRLF as \\xHH', () => {
    expect(escapeControls(HOSTILE)).toBe(HOSTILE_SHOWN);
    const controls = [
      ...Array.from({ length: 0x20 }, (_, code) => code),
      ...Array.from({ length: 0x21 }, (_, index) => 0x7f + index),
    ];
    for (const code of controls) {
      const character = String.fromCharCode(code);
      const expected =
        character === '\n' || character === '\t'
          ? character
          : `\\x${code.toString(16).padStart(2, '0')}`;
      expect(escapeControls(`a${character}b`)).toBe(`a${expected}b`);
    }
    expect(escapeControls('plain text, é 👋 \u00a0 \\x1b')).toBe('plain text, é 👋 \u00a0 \\x1b');
  });

  it('gives the same text however a streamed reply is cut into two or three pieces', () => {
    const expected = escapeControls(HOSTILE);
    for (let first = 0; first <= HOSTILE.length; first++) {
      for (let second = first; second <= HOSTILE.length; second++) {
        const escaper = createControlEscaper();
        const pieces = [
          HOSTILE.slice(0, first),
          HOSTILE.slice(first, second),
          HOSTILE.slice(second),
        ];
        const shown = pieces.map((piece) => escaper.write(piece)).join('') + escaper.end();
        expect(shown).toBe(expected);
      }
    }
  });
});

describe('a reply with terminal escapes', () => {
  // Paced, so that the pieces reach the CLI one by one (a CRLF split between two of them).
  for (const chunkSize of [1, 3, 64]) {
    it(`is shown escaped by chat on a terminal, in chunks of ${chunkSize} bytes`, async () => {
      const site = emulator.mirrors.freegpt[0]!;
      emulator.scenario(site, { text: HOSTILE, chunkSize, delayMs: 1 });
      const test = createTestIO({ terminal: true });
      const code = await runChat(['hi'], { provider: 'freegpt', baseUrl: [site] }, test.io);
      expect(test.stderr()).toBe('');
      expect(code).toBe(0);
      expect(test.stdout()).toBe(`${HOSTILE_SHOWN}\n`);
    });
  }

  it('is shown escaped by the REPL on a terminal, and kept as it came in the conversation', async () => {
    const site = emulator.mirrors.freegpt[1]!;
    emulator.scenario(site, { text: HOSTILE, chunkSize: 2 });
    const test = createTestIO({ terminal: true, input: 'hi\nagain\n' });
    const code = await runRepl({ provider: 'freegpt', baseUrl: [site] }, test.io);
    expect(test.stderr()).toBe('');
    expect(code).toBe(0);
    expect(test.stdout().startsWith(`${HOSTILE_SHOWN}\n`)).toBe(true);
    const bodies = emulator.requests
      .filter((request) => request.baseURL === site)
      .map((request) => request.body as { messages: unknown[] });
    expect(bodies).toHaveLength(2);
    expect(bodies[1]!.messages[1]).toEqual({
      role: 'assistant',
      content: HOSTILE,
    });
  });

  it('passes byte for byte through a pipe', async () => {
    const site = emulator.mirrors.freegpt[2]!;
    emulator.scenario(site, { text: HOSTILE, chunkSize: 5 });
    const result = await runCliProcess(['chat', '-p', 'freegpt', '--base-url', site, 'hi']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${HOSTILE}\n`);
  });
});

describe('an error line with terminal escapes', () => {
  let site: string;
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(500, { 'content-type': 'text/plain' }).end(HOSTILE);
  });
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });

  it("is shown escaped, quoting a site's error body, on stderr even through a pipe", async () => {
    const result = await runCliProcess(['chat', '--max-retries', '0', '--base-url', site, 'hi']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^freechat: free2gpt: ResponseStatusError: HTTP 500 .*\n$/);
    expect(result.stderr).toContain('title\\x1b]0;pwned\\x07 clip\\x1b]52;c;cHduZWQ=\\x07');
    expect(escapeControls(result.stderr)).toBe(result.stderr);
  });

  it("is shown escaped in a check table's reason", () => {
    const error = new InvalidRequestError({ provider: 'x', field: 'reply', message: HOSTILE });
    expect(shortReason(error)).toBe(`invalid reply: ${HOSTILE_SHOWN}`);
  });

  it('is shown escaped in the REPL, and for a mistyped option', async () => {
    const repl = createTestIO({ input: 'hi\n' });
    expect(await runRepl({ maxRetries: '0', baseUrl: [site] }, repl.io)).toBe(1);
    expect(repl.stderr()).toContain('clear\\x1b[2J');
    expect(repl.stderr()).not.toContain('\u001b');
    const usage = createTestIO();
    expect(await runCli(['chat', '--title\u001b]0;pwned\u0007', 'hi'], usage.io)).toBe(2);
    expect(usage.stderr()).toContain("unknown option '--title\\x1b]0;pwned\\x07'");
    expect(usage.stderr()).not.toContain('\u001b');
  });
});
