// `pnpm freechat …` in the clone: builds the CLI and the workspace packages it uses only when one of
// their sources is newer than its build, then runs packages/cli/bin/freechat.js with the same
// arguments, the same terminal and its exit code.
//
// Signals: the terminal's Ctrl-C reaches the CLI directly (it runs in the terminal's foreground
// process group), so this launcher ignores SIGINT; pnpm sends its own copy to the script it runs,
// which would stop a server a second time, "at once". SIGTERM and SIGHUP are passed on. The root
// script runs it with `exec`, so that no shell sits between pnpm and the CLI: a shell that receives
// SIGINT ends by SIGINT however its command ended, and pnpm reports that as a failure.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const packagesFolder = join(root, 'packages');

/** Each workspace package, by its name: its folder and manifest. */
function workspacePackages() {
  const packages = new Map();
  for (const entry of readdirSync(packagesFolder, { withFileTypes: true })) {
    const folder = join(packagesFolder, entry.name);
    const manifest = join(folder, 'package.json');
    if (entry.isDirectory() && existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8'));
      packages.set(parsed.name, { name: parsed.name, folder, manifest: parsed });
    }
  }
  return packages;
}

/** `name` and every workspace package it depends on, directly or not, each after its dependencies. */
function closure(name, packages, seen = new Map()) {
  const entry = packages.get(name);
  if (entry === undefined || seen.has(name)) return seen;
  seen.set(name, undefined);
  for (const [dependency, range] of Object.entries(entry.manifest.dependencies ?? {})) {
    if (String(range).startsWith('workspace:')) closure(dependency, packages, seen);
  }
  seen.delete(name);
  seen.set(name, entry);
  return seen;
}

/** Test files and fixtures: in src, but left out of every package's build (its tsconfig.json). */
const NOT_BUILT = /(\.test\.ts|\.fixture\.ts|^test-.*\.ts)$/;

/**
 * The newest modification time of the files under `path` (a file or a folder) that its build reads,
 * 0 when there are none. Folders' own times are left out: adding a test file changes its folder.
 */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (!NOT_BUILT.test(entry)) latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

/**
 * Whether a package's build is missing or older than what it is built from: its sources,
 * tsconfig.json and, for the Vite page, index.html. Every build writes to dist (tsc -b at least its
 * .tsbuildinfo, Vite the whole folder), so a build newer than every input is up to date.
 */
function isStale(folder) {
  const built = newest(join(folder, 'dist'));
  const inputs = ['src', 'tsconfig.json', 'index.html'];
  return built === 0 || Math.max(...inputs.map((input) => newest(join(folder, input)))) > built;
}

/** Runs a build step with its output held back; on failure prints it and exits with its code. */
function build(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (result.status === 0) return;
  process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.error !== undefined) process.stderr.write(`${result.error.message}\n`);
  process.exit(result.status ?? 1);
}

const stale = [...closure('@freechat/cli', workspacePackages()).values()].filter(({ folder }) =>
  isStale(folder),
);
if (stale.length > 0) {
  const names = stale.map(({ name }) => name).join(', ');
  process.stderr.write(`freechat: building ${names} (sources changed since the last build)…\n`);
  // A package built by more than `tsc -b` (the chat page: Vite) runs its own build script first.
  for (const { name, manifest } of stale) {
    if (manifest.scripts?.build !== 'tsc -b') build('pnpm', ['--filter', name, 'run', 'build']);
  }
  build(process.execPath, [
    join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-b',
    'packages/cli',
  ]);
}

const child = spawn(
  process.execPath,
  [join(packagesFolder, 'cli', 'bin', 'freechat.js'), ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.on('SIGINT', () => {});
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal === null) process.exit(code ?? 1);
  // Ended by a signal: end the same way, so that the shell reports it as such.
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
});
