import { type Emulator, emulatedReplyText, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { runCli } from '../main.js';

let emulator: Emulator<string>;

beforeAll(async () => {
  emulator = await startEmulator({
    sites: { locked: { template: 'gemini-pro-chat', password: 'alpha,beta' } },
  });
});
afterAll(async () => {
  await emulator.close();
});

const question = [{ role: 'user' as const, content: 'hello deployment' }];

// The emulator's aichatfree site is a GeminiProChat deployment: --site reaches it by URL and template.
describe('freechat chat --site', () => {
  it('streams the reply of a deployment given by URL and template', async () => {
    const test = createTestIO();
    const site = emulator.sites.aichatfree!;
    const code = await runCli(
      ['chat', '--site', site, '--template', 'gemini-pro-chat', 'hello deployment'],
      test.io,
    );
    expect(test.stderr()).toBe('');
    expect(code).toBe(0);
    expect(test.stdout()).toBe(`${emulatedReplyText('aichatfree', question)}\n`);
    expect(emulator.requests.at(-1)).toMatchObject({ baseURL: site, verdict: 'ok' });
  });

  it('refuses --site without --template, with -p or --base-url, and --password with two providers', async () => {
    const cases: [string[], string][] = [
      [['chat', '--site', 'http://127.0.0.1:1', 'hi'], '--site needs --template'],
      [
        ['chat', '--site', 'http://127.0.0.1:1', '--template', 'gemini', 'hi'],
        'invalid --template: expected one of "gemini-pro-chat", "chatgpt-demo", got "gemini"',
      ],
      [
        [
          'chat',
          '--site',
          'http://127.0.0.1:1',
          '--template',
          'chatgpt-demo',
          '-p',
          'freegpt',
          'hi',
        ],
        '--site replaces -p',
      ],
      [
        [
          'chat',
          '--site',
          'http://x',
          '--template',
          'chatgpt-demo',
          '--base-url',
          'http://y',
          'hi',
        ],
        '--site replaces the providers',
      ],
      [['chat', '--template', 'chatgpt-demo', 'hi'], '--template goes with --site'],
      [
        ['chat', '-p', 'free2gpt,freegpt', '--password', 'pw-value', 'hi'],
        '--secret and --password need exactly one provider or --site',
      ],
      [['serve', '--site-id', 'mine'], '--site-id and --site-models go with --site'],
      [
        ['check', '--site', 'http://127.0.0.1:1', '--template', 'chatgpt-demo'],
        'check probes the built-in providers',
      ],
    ];
    for (const [args, message] of cases) {
      const test = createTestIO();
      expect(await runCli(args, test.io), args.join(' ')).toBe(2);
      expect(test.stderr()).toContain(message);
      expect(test.stderr()).not.toContain('pw-value');
    }
    expect(emulator.requests.filter((request) => request.site !== 'locked')).toHaveLength(1);
  });
});

describe('freechat chat --site with the wrong --template', () => {
  it('is told to try the other template, not another provider', async () => {
    // aichatfree is a GeminiProChat deployment, free2gpt a chatgpt-demo one.
    const cases = [
      [emulator.sites.aichatfree!, 'chatgpt-demo', 'gemini-pro-chat'],
      [emulator.sites.free2gpt!, 'gemini-pro-chat', 'chatgpt-demo'],
    ] as const;
    for (const [site, wrong, right] of cases) {
      const test = createTestIO();
      const args = ['chat', '--site', site, '--template', wrong, '--max-retries', '0', 'hi'];
      expect(await runCli(args, test.io)).toBe(1);
      expect(test.stderr()).toContain(
        `check --template: a deployment of ${right} needs --template ${right}`,
      );
      expect(test.stderr()).not.toContain('-p freegpt');
    }
  });
});

describe('freechat chat --site with a site password', () => {
  it('streams with --password, and with FREECHAT_PASSWORD', async () => {
    const site = emulator.sites.locked!;
    for (const [args, env] of [
      [['--password', 'alpha'], {}],
      [[], { FREECHAT_PASSWORD: 'alpha' }],
    ] as const) {
      const test = createTestIO({ env });
      const code = await runCli(
        ['chat', '--site', site, '--template', 'gemini-pro-chat', ...args, 'hello deployment'],
        test.io,
      );
      expect(test.stderr()).toBe('');
      expect(code).toBe(0);
      expect(test.stdout()).toBe(`${emulatedReplyText('locked', question)}\n`);
    }
  });

  it('a wrong password: exit 1, a line naming AuthRejectedError and --password, the password never shown', async () => {
    const test = createTestIO();
    const code = await runCli(
      [
        'chat',
        '--site',
        emulator.sites.locked!,
        '--template',
        'gemini-pro-chat',
        '--password',
        'gamma-wrong',
        'hi',
      ],
      test.io,
    );
    expect(code).toBe(1);
    expect(test.stderr()).toContain('AuthRejectedError');
    expect(test.stderr()).toContain('--password');
    expect(test.stderr()).not.toContain('gamma-wrong');
  });
});
