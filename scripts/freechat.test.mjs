// Tests of the clone's `pnpm freechat` (scripts/freechat.mjs), run by `pnpm test:scripts` with
// node's own test runner: it builds only when a source changed, and a server it runs stops cleanly
// on the terminal's Ctrl-C.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '..');

/**
 * Starts `command` in a process group of its own, as a shell starts a job in the foreground: a
 * signal sent to the group is what the terminal sends on Ctrl-C. Collects its output.
 */
function startJob(command, args) {
  const child = spawn(command, args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk;
  });
  const limit = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 60_000);
  const exit = once(child, 'close').then(([code, signal]) => {
    clearTimeout(limit);
    return { code, signal, stdout, stderr };
  });
  /** Resolves once stdout holds `marker`; rejects if the job ends first. */
  const printed = (marker) =>
    new Promise((resolvePrinted, reject) => {
      const check = () => {
        if (!stdout.includes(marker)) return;
        child.stdout.off('data', check);
        resolvePrinted();
      };
      child.stdout.on('data', check);
      exit.then(() => reject(new Error(`ended before printing ${marker}: ${stderr}`)));
      check();
    });
  return { child, exit, printed };
}

/** Runs `node scripts/freechat.mjs ...args` to its end. */
function freechat(args) {
  return startJob(process.execPath, [join(root, 'scripts', 'freechat.mjs'), ...args]).exit;
}

test('builds only when a source is newer than its build, quietly otherwise', async () => {
  // Brings the build up to date first, whatever state the clone is in.
  await freechat(['--version']);
  const quiet = await freechat(['--version']);
  assert.equal(quiet.code, 0);
  assert.match(quiet.stdout, /^\d+\.\d+\.\d+\n$/);
  assert.equal(quiet.stderr, '');
  const source = join(root, 'packages', 'core', 'src', 'index.ts');
  const later = new Date();
  utimesSync(source, later, later);
  const rebuilt = await freechat(['--version']);
  assert.equal(rebuilt.code, 0);
  assert.match(rebuilt.stderr, /^freechat: building @freechat\/core \(sources changed/);
});

test('passes the exit code on', async () => {
  const result = await freechat(['chat', '-p', 'nope', 'hi']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /unknown provider "nope"/);
});

test("`pnpm freechat serve` stops with 0 on the terminal's Ctrl-C, and pnpm reports no failure", async () => {
  const job = startJob('pnpm', ['freechat', 'serve', '--emulator', '--port', '0']);
  await job.printed('Press Ctrl+C to stop.');
  process.kill(-job.child.pid, 'SIGINT');
  const result = await job.exit;
  assert.match(result.stderr, /freechat server stopped\./);
  assert.doesNotMatch(`${result.stdout}${result.stderr}`, /ELIFECYCLE|Command failed/);
  assert.equal(result.code, 0);
});
