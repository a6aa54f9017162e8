import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidSettingError } from '@freechat/core';
import { describe, expect, it } from 'vitest';
import { postGenerate, signedBody } from '../../test/test-client.js';
import { sign } from '../../test/test-template-table.js';
import { selfSignedCertificate } from '../http/self-signed-certificate.js';
import { emulatedReplyText } from '../replies/emulated-reply.js';
import { startEmulator } from '../start-emulator.js';
import { runEmulatorCommand } from './cli.js';

const BIN = fileURLToPath(new URL('../../bin/freechat-emulator.js', import.meta.url));
const HELLO = [{ role: 'user' as const, content: 'Hello from the command line' }];

/** A writable that collects text and can wait for a marker to appear in it. */
function collector() {
  let text = '';
  let onWrite = () => {};
  return {
    write(chunk: string) {
      text += chunk;
      onWrite();
      return true;
    },
    text: () => text,
    until(marker: string): Promise<string> {
      return new Promise((resolve) => {
        onWrite = () => {
          if (text.includes(marker)) resolve(text);
        };
        onWrite();
      });
    },
  };
}

describe('runEmulatorCommand', () => {
  it('prints the usage, the version, and refuses bad arguments', async () => {
    const stdout = collector();
    const stderr = collector();
    expect(await runEmulatorCommand(['--help'], { stdout, stderr })).toBe(0);
    expect(stdout.text()).toContain('--chunk-size <n>');
    expect(await runEmulatorCommand(['-v'], { stdout, stderr })).toBe(0);
    expect(stdout.text()).toMatch(/^\d+\.\d+\.\d+/m);
    expect(await runEmulatorCommand(['--port', 'eighty'], { stdout, stderr })).toBe(2);
    expect(await runEmulatorCommand(['--colour'], { stdout, stderr })).toBe(2);
    expect(stderr.text()).toMatch(
      /^freechat-emulator: invalid --port: expected a whole number from 0 to 65535, got "eighty"\n\nUsage: freechat-emulator \[options\]\n/,
    );
    expect(stderr.text()).toContain('--colour');
  });

  it('serves with the given options until its signal aborts', async () => {
    const stdout = collector();
    const controller = new AbortController();
    const args = ['--port', '0', '--chunk-size', '5', '--delay', '0'];
    const done = runEmulatorCommand(args, { stdout, signal: controller.signal });
    const banner = await stdout.until('Press Ctrl+C');
    const base = /^ {2}free2gpt +(\S+) {2}\(chatgpt-demo\)$/m.exec(banner)?.[1];
    expect(banner).toMatch(
      / {2}freegpt +\S+\/freegpt\/s {2}\(chatgpt-demo\)\n +\S+\/freegpt\/v {2}\(mirror\)/,
    );
    expect(banner).toContain('answering as the site templates do');
    expect(banner).toContain(`curl -N ${base}/api/generate`);
    const reply = await postGenerate(base!, signedBody('free2gpt', HELLO, Date.now()));
    expect(reply.text).toBe(emulatedReplyText('free2gpt', HELLO));
    controller.abort();
    expect(await done).toBe(0);
    expect(stdout.text()).toContain('freechat emulator stopped.');
  });

  it('serves HTTPS with --tls-key and --tls-cert, and refuses one without the other', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'emulator-tls-'));
    const { key, cert } = selfSignedCertificate('127.0.0.1');
    const keyFile = join(directory, 'key.pem');
    const certFile = join(directory, 'cert.pem');
    writeFileSync(keyFile, key);
    writeFileSync(certFile, cert);
    const stdout = collector();
    const stderr = collector();
    expect(await runEmulatorCommand(['--tls-key', keyFile], { stdout, stderr })).toBe(2);
    expect(stderr.text()).toContain('--tls-key and --tls-cert go together');
    const controller = new AbortController();
    const args = ['--port', '0', '--tls-key', keyFile, '--tls-cert', certFile];
    const done = runEmulatorCommand(args, { stdout, signal: controller.signal });
    const banner = await stdout.until('Press Ctrl+C');
    expect(/^ {2}free2gpt +(\S+) /m.exec(banner)?.[1]).toMatch(
      /^https:\/\/127\.0\.0\.1:\d+\/free2gpt$/,
    );
    controller.abort();
    expect(await done).toBe(0);
  });
});

describe("the command line's numbers read as startEmulator's options do", () => {
  it.each([
    [['--port', 'eighty'], '--port', 'a whole number from 0 to 65535, got "eighty"'],
    [['--port', '65536'], '--port', 'a whole number from 0 to 65535, got 65536'],
    [['--port', ''], '--port', 'a whole number from 0 to 65535, got ""'],
    [['--delay=-1'], '--delay', 'a whole number of milliseconds from 0 to 2147483647, got -1'],
    [['--delay', '2.5'], '--delay', 'a whole number of milliseconds from 0 to 2147483647, got 2.5'],
    [
      ['--chunk-size', '0'],
      '--chunk-size',
      'a whole number of bytes from 1 to 9007199254740991, got 0',
    ],
    [
      ['--chunk-size', 'big'],
      '--chunk-size',
      'a whole number of bytes from 1 to 9007199254740991, got "big"',
    ],
    [['--host', ''], '--host', 'a non-empty string, got ""'],
  ])('%j: exit 2, naming %s', async (argv, field, expected) => {
    const stdout = collector();
    const stderr = collector();
    expect(await runEmulatorCommand(argv, { stdout, stderr })).toBe(2);
    expect(stderr.text().split('\n', 1)[0]).toBe(
      `freechat-emulator: invalid ${field}: expected ${expected}`,
    );
    expect(stdout.text()).toBe('');
  });

  it("words a bad value as startEmulator's checker does for the same number", async () => {
    const stderr = collector();
    expect(await runEmulatorCommand(['--chunk-size', '1.5'], { stderr })).toBe(2);
    const library = await startEmulator({ chunkSize: 1.5 }).catch(
      (error: InvalidSettingError) => error,
    );
    expect(InvalidSettingError.isInstance(library)).toBe(true);
    const summary = (library as InvalidSettingError).summary.replace('chunkSize', '--chunk-size');
    expect(stderr.text().split('\n', 1)[0]).toBe(`freechat-emulator: ${summary}`);
  });

  it('takes another name and default port, as `freechat emulate` does', async () => {
    const stdout = collector();
    const stderr = collector();
    const options = { stdout, stderr, name: 'freechat emulate', defaultPort: 0 };
    expect(await runEmulatorCommand(['--help'], options)).toBe(0);
    expect(stdout.text()).toMatch(/^Usage: freechat emulate \[options\]$/m);
    expect(stdout.text()).toMatch(
      /^ {2}--port <n> +port to listen on, 0 for any free one \(default 0\)$/m,
    );
    expect(await runEmulatorCommand(['--delay', 'x'], options)).toBe(2);
    expect(stderr.text()).toMatch(/^freechat emulate: invalid --delay: /);
    expect(stdout.text() + stderr.text()).not.toContain('freechat-emulator');
    const controller = new AbortController();
    const done = runEmulatorCommand([], { ...options, signal: controller.signal });
    const banner = await stdout.until('Press Ctrl+C');
    // Port 0 picked a free port: the default given, not 8787.
    expect(banner).toMatch(/listening on http:\/\/127\.0\.0\.1:(?!8787\b)\d+/);
    controller.abort();
    expect(await done).toBe(0);
  });
});

describe('deployments and strict mode on the command line', () => {
  it('serves deployments from a JSON file and flags, marks passwords without printing them', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'freechat-emulator-'));
    const file = join(directory, 'sites.json');
    writeFileSync(
      file,
      JSON.stringify({ mine: { template: 'gemini-pro-chat', secret: 's3cret' } }),
    );
    const stdout = collector();
    const controller = new AbortController();
    const args = ['--port', '0', '--sites', file, '--password', 'mine=alpha,beta'];
    args.push('--site', 'demo=chatgpt-demo', '--secret', 'demo=d', '--password', 'free2gpt=x9');
    const done = runEmulatorCommand(args, { stdout, signal: controller.signal });
    const banner = await stdout.until('Press Ctrl+C');
    expect(banner).toMatch(/^ {2}mine +\S+\/mine {2}\(gemini-pro-chat, site password\)$/m);
    expect(banner).toMatch(/^ {2}free2gpt +\S+ {2}\(chatgpt-demo, site password\)$/m);
    expect(banner).not.toMatch(/alpha|x9/);
    const mine = /^ {2}mine +(\S+)/m.exec(banner)![1]!;
    const body = (pass: string) => ({
      messages: [{ role: 'user', parts: [{ text: 'hi' }] }],
      time: 1,
      pass,
      sign: sign(1, 'hi', 's3cret'),
    });
    expect((await postGenerate(mine, body('beta'))).status).toBe(200);
    expect((await postGenerate(mine, body('gamma'))).status).toBe(401);
    // The example asks the first site without a password, signed with its secret.
    const example = /curl -N (\S+)\/api\/generate .*--data-raw '(.*)'$/m.exec(banner)!;
    expect(example[1]).toMatch(/\/aichatfree$/);
    expect((await postGenerate(example[1]!, example[2]!)).status).toBe(200);
    controller.abort();
    expect(await done).toBe(0);
  });

  it('runs in strict mode with --strict, and refuses a bad deployment with exit code 2', async () => {
    const stdout = collector();
    const controller = new AbortController();
    const done = runEmulatorCommand(['--port', '0', '--strict'], {
      stdout,
      signal: controller.signal,
    });
    const banner = await stdout.until('Press Ctrl+C');
    expect(banner).toContain('strict mode');
    const base = /^ {2}free2gpt +(\S+)/m.exec(banner)![1]!;
    const body = { ...signedBody('free2gpt', HELLO, Date.now()), model: 'x' };
    expect((await postGenerate(base, body)).status).toBe(400);
    controller.abort();
    expect(await done).toBe(0);

    const stderr = collector();
    const bad = ['--port', '0', '--site', 'mine=next-chat'];
    expect(await runEmulatorCommand(bad, { stdout, stderr })).toBe(2);
    expect(stderr.text()).toContain('invalid sites.mine.template: expected one of');
    expect(await runEmulatorCommand(['--password', 'nobody'], { stdout, stderr })).toBe(2);
    expect(stderr.text()).toContain("--password takes <id>=<value>, got 'nobody'");
  });
});

describe('the freechat-emulator bin', () => {
  it('starts on port 0, prints its URLs and a working curl body, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      errors += chunk;
    });
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${errors}`)));
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        if (output.includes('Press Ctrl+C')) resolve();
      });
    });
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    expect(url).toBeDefined();
    const body = /--data-raw '(.*)'$/m.exec(output)?.[1];
    const reply = await postGenerate(`${url}/free2gpt`, body!);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('Free2GPT (emulated) here. You said: "Hello, emulator!".');
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(errors).toBe('');
    expect(code).toBe(0);
    expect(output).toContain('freechat emulator stopped.');
  });
});
