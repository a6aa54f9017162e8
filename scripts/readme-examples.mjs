// `pnpm test:readme`: runs every example of every README (the root one and packages/*/README.md) as
// written, from the clone. Run `pnpm build` first.
//
// - A fenced ts, js or sh block runs unless `<!-- not run: <reason> -->` precedes it.
// - Every published package is packed once into a fresh folder and installed, with the registry
//   packages the examples import (at the ranges the workspace uses), into one new project.
// - TypeScript and JavaScript blocks run there with node (TypeScript by Node's type stripping), each
//   from its own file (a block that imports vitest or @freechat/core/testing is a test file, run by
//   vitest); they must exit with 0. Examples that would reach a real site are marked not run,
//   or talk to the emulator.
// - Shell blocks run with bash from the clone's root, with PROJECT naming that project (the
//   pack-and-install loops install into it) and `freechat` on PATH (the clone's command, as
//   `pnpm link --global` makes it).
// - A running shell block may not leave a process in the background (`cmd &`).
// - Each README's pack-and-install loops must pack, into a folder made with `mktemp -d`, every
//   `@freechat` package its running examples import, and the workspace packages those depend on.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createPackedProject } from './packed-project.mjs';
import {
  importedModules,
  packedFolders,
  packsIntoFreshFolder,
  readmeExamples,
} from './readme-blocks.mjs';

const root = resolve(import.meta.dirname, '..');
const LIMIT_MS = { ts: 60_000, js: 60_000, sh: 180_000 };

/** Every workspace package: its folder name, manifest, and README's examples. */
function workspacePackages() {
  return readdirSync(join(root, 'packages')).map((folder) => {
    const directory = join(root, 'packages', folder);
    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
    return { folder, directory, manifest };
  });
}

/** The examples of the root README and of each package's README. */
function allExamples(packages) {
  const readmes = [
    join(root, 'README.md'),
    ...packages.map(({ directory }) => join(directory, 'README.md')),
  ];
  return readmes.flatMap((path) =>
    readmeExamples(readFileSync(path, 'utf8'), relative(root, path)),
  );
}

/** The workspace packages `folder` depends on, directly or not (by folder name). */
function workspaceClosure(folder, byName, byFolder, seen = new Set()) {
  if (seen.has(folder)) return seen;
  seen.add(folder);
  const { dependencies = {}, peerDependencies = {} } = byFolder.get(folder).manifest;
  for (const name of Object.keys({ ...dependencies, ...peerDependencies })) {
    const dependency = byName.get(name);
    if (dependency !== undefined) workspaceClosure(dependency.folder, byName, byFolder, seen);
  }
  return seen;
}

/**
 * What can be told of the running examples before running them: a shell block that leaves a process
 * in the background, and each README's pack-and-install loops that pack into a shared folder or leave
 * out a package that its examples import (or that a packed package needs).
 */
function staticProblems(examples, packages) {
  const byName = new Map(packages.map((entry) => [entry.manifest.name, entry]));
  const byFolder = new Map(packages.map((entry) => [entry.folder, entry]));
  const problems = [];
  for (const file of new Set(examples.map((example) => example.file))) {
    const own = examples.filter((example) => example.file === file && example.notRun === undefined);
    const packed = new Set();
    for (const example of own.filter(({ kind }) => kind === 'sh')) {
      if (/(^|[^&])&\s*(#.*)?$/m.test(example.code)) {
        problems.push(
          `${file}:${example.line}: starts a process in the background (\`&\`): mark it not run`,
        );
      }
      const folders = packedFolders(example.code);
      if (!packsIntoFreshFolder(example.code)) {
        problems.push(
          `${file}:${example.line}: pack into a new folder (tarballs=$(mktemp -d)), not a shared one`,
        );
      }
      for (const folder of folders ?? []) {
        packed.add(folder);
        for (const needed of workspaceClosure(folder, byName, byFolder)) {
          if (!folders.includes(needed)) {
            problems.push(
              `${file}:${example.line}: packs ${folder} but not ${needed}, which it depends on`,
            );
          }
        }
      }
    }
    for (const example of own.filter(({ kind }) => kind !== 'sh')) {
      for (const name of importedModules(example.code)) {
        const entry = byName.get(name);
        if (entry !== undefined && !packed.has(entry.folder)) {
          problems.push(
            `${file}:${example.line}: imports ${name}, which no pack-and-install loop of ${file} packs`,
          );
        }
      }
    }
  }
  return problems;
}

/** The registry packages the running examples import, at the range a workspace package uses. */
function registryPackages(examples, packages) {
  const workspace = new Set(packages.map(({ manifest }) => manifest.name));
  const ranges = new Map();
  for (const { manifest } of packages) {
    for (const [name, range] of Object.entries({
      ...manifest.devDependencies,
      ...manifest.dependencies,
    })) {
      if (!String(range).startsWith('workspace:')) ranges.set(name, range);
    }
  }
  const wanted = new Set();
  for (const example of examples.filter(
    ({ kind, notRun }) => kind !== 'sh' && notRun === undefined,
  )) {
    for (const name of importedModules(example.code)) if (!workspace.has(name)) wanted.add(name);
  }
  return [...wanted].map((name) => {
    const range = ranges.get(name);
    if (range === undefined)
      throw new Error(`an example imports ${name}, which no workspace package depends on`);
    return `${name}@${range}`;
  });
}

/** A folder holding a `freechat` command that runs the clone's CLI. */
function commandFolder(project) {
  const folder = join(project, '.bin');
  mkdirSync(folder);
  const command = join(folder, 'freechat');
  writeFileSync(
    command,
    `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'packages/cli/bin/freechat.js')}" "$@"\n`,
  );
  chmodSync(command, 0o755);
  return folder;
}

/** Runs a command in a process group of its own; resolves with its exit code and output. */
function runCommand(command, args, options, limitMs) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, {
      ...options,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    let timedOut = false;
    const limit = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid, 'SIGKILL');
    }, limitMs);
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      resolveRun({ code, signal, output, timedOut });
    });
  });
}

/** Runs one example: a shell block from the clone's root, any other in the project. */
function runExample(example, project) {
  const env = {
    ...process.env,
    PROJECT: project,
    PATH: `${join(project, '.bin')}:${process.env.PATH}`,
  };
  for (const name of Object.keys(env)) if (name.startsWith('FREECHAT_')) delete env[name];
  if (example.kind === 'sh') {
    return runCommand(
      'bash',
      ['-e', '-o', 'pipefail', '-c', example.code],
      { cwd: root, env },
      LIMIT_MS.sh,
    );
  }
  // A block that imports vitest or the conformance suite (a vitest suite) is a test file.
  const test = /\bfrom\s+['"](vitest|@freechat\/core\/testing)['"]/.test(example.code);
  const extension = `${test ? '.test' : ''}.${example.kind === 'ts' ? 'ts' : 'mjs'}`;
  const file = join('examples', `${example.file.replace(/\W+/g, '-')}-${example.line}${extension}`);
  writeFileSync(join(project, file), example.code);
  const args = test ? [join('node_modules', 'vitest', 'vitest.mjs'), 'run', file] : [file];
  return runCommand(process.execPath, args, { cwd: project, env }, LIMIT_MS[example.kind]);
}

const packages = workspacePackages();
const examples = allExamples(packages);
const problems = staticProblems(examples, packages);
if (problems.length > 0) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  process.exit(1);
}
const running = examples.filter(({ notRun }) => notRun === undefined);
console.log(
  `${examples.length} examples in ${new Set(examples.map(({ file }) => file)).size} READMEs: ${running.length} run, ${examples.length - running.length} marked not run`,
);
const { project, cleanup } = createPackedProject(
  packages.map(({ folder }) => folder),
  registryPackages(examples, packages),
);
let failed = 0;
try {
  mkdirSync(join(project, 'examples'));
  commandFolder(project);
  for (const example of examples) {
    const where = `${example.file}:${example.line} (${example.kind})`;
    if (example.notRun !== undefined) {
      console.log(`- ${where}: not run: ${example.notRun}`);
      continue;
    }
    const started = Date.now();
    const result = await runExample(example, project);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    // A block that leaves a process behind (`cmd &`) holds its output open: it runs out of time.
    if (result.code === 0 && !result.timedOut) {
      console.log(`✓ ${where} ${seconds} s`);
    } else {
      failed++;
      const why = result.timedOut
        ? 'still running after its time limit'
        : `exit ${result.code ?? result.signal}`;
      console.error(
        `✗ ${where}: ${why} after ${seconds} s\n${result.output.trimEnd().replace(/^/gm, '    ')}`,
      );
    }
  }
} finally {
  cleanup();
}
console.log(
  failed === 0
    ? `all ${running.length} examples ran`
    : `${failed} of ${running.length} examples failed`,
);
process.exitCode = failed === 0 ? 0 : 1;
