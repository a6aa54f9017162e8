// Shared by the pack tests: pack workspace packages, install the tarballs with npm into an empty project
// in a temp folder, and run the emulator's command line to stream from.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(import.meta.dirname, '..');

/** Runs a command and returns its stdout; its stderr goes to ours. */
export function run(command, args, cwd) {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/**
 * Packs the named workspace packages (`core`, `free2gpt`, …) and installs their tarballs, with any
 * registry packages in `extra`, into a new empty ESM project. Returns the project's folder and a
 * cleanup function.
 */
export function createPackedProject(names, extra = []) {
  const folder = mkdtempSync(join(tmpdir(), 'freechat-pack-'));
  const tarballs = names.map((name) => {
    const output = run(
      'pnpm',
      ['pack', '--pack-destination', folder],
      join(root, 'packages', name),
    );
    return output.trim().split('\n').at(-1);
  });
  const project = join(folder, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'pack-test', private: true, type: 'module' }),
  );
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, ...extra],
    project,
  );
  return { project, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

/** The `@freechat/*` packages installed in a project, sorted. */
export function installedFreechatPackages(project) {
  return readdirSync(join(project, 'node_modules/@freechat')).sort();
}

/** The size of a project's node_modules, as `du -sh` prints it. */
export function installSize(project) {
  return run('du', ['-sh', 'node_modules'], project).split('\t')[0];
}

/** Starts the workspace's `freechat-emulator` on port 0 and resolves with the base URL of `site`. */
export async function startEmulatorProcess(site) {
  const child = spawn(process.execPath, [
    join(root, 'packages/emulator/bin/freechat-emulator.js'),
    '--port',
    '0',
  ]);
  for await (const line of createInterface({ input: child.stdout })) {
    const match = new RegExp(`^\\s+${site}\\s+(http\\S+)`).exec(line);
    if (match) {
      return {
        baseURL: match[1],
        async stop() {
          child.kill();
          await once(child, 'exit');
        },
      };
    }
  }
  throw new Error('the emulator printed no base URL');
}

/** Writes `source` as `file` in the project and runs it with node, passing `args`; returns its stdout. */
export function runInProject(project, file, source, args) {
  writeFileSync(join(project, file), source);
  return run(process.execPath, [file, ...args], project);
}
