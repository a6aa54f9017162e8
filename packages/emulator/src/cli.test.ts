import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runEmulatorCommand } from './cli.js';
import { emulatedReplyText } from './emulated-reply.js';
import { postGenerate, signedBody } from './test-client.js';

const BIN = fileURLToPath(new URL('../bin/freechat-emulator.js', import.meta.url));
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
    expect(stderr.text()).toContain("--port must be an integer from 0 to 65535, got 'eighty'");
    expect(stderr.text()).toContain('--colour');
  });

  it('serves with the given options until its signal aborts', async () => {
    const stdout = collector();
    const controller = new AbortController();
    const args = ['--port', '0', '--chunk-size', '5', '--delay', '0'];
    const done = runEmulatorCommand(args, { stdout, signal: controller.signal });
    const banner = await stdout.until('Press Ctrl+C');
    const base = /^ {2}free2gpt +(\S+)$/m.exec(banner)?.[1];
    expect(banner).toMatch(/ {2}freegpt +\S+\/freegpt\/s\n +\S+\/freegpt\/v {2}\(mirror\)/);
    expect(banner).toContain(`curl -N ${base}/api/generate`);
    const reply = await postGenerate(base!, signedBody('free2gpt', HELLO, Date.now()));
    expect(reply.text).toBe(emulatedReplyText('free2gpt', HELLO));
    controller.abort();
    expect(await done).toBe(0);
    expect(stdout.text()).toContain('freechat emulator stopped.');
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
