// Tests of how `pnpm test:readme` reads a README (scripts/readme-blocks.mjs), run by
// `pnpm test:scripts`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  importedModules,
  packedFolders,
  packsIntoFreshFolder,
  readmeExamples,
} from './readme-blocks.mjs';

const README = [
  '# A package',
  '',
  '```ts',
  "import { startEmulator } from '@freechat/emulator';",
  '```',
  '',
  '<!-- not run: reaches the real site -->',
  '',
  '```sh',
  'freechat chat "Hi"',
  '```',
  '',
  '- a list item:',
  '',
  '  ```js',
  '  console.log(1);',
  '  ```',
  '',
  '```yaml',
  'port: 8787',
  '```',
].join('\n');

test('finds the ts, js and sh blocks, dedented, each with its line and whether it runs', () => {
  assert.deepEqual(readmeExamples(README, 'README.md'), [
    {
      file: 'README.md',
      line: 3,
      kind: 'ts',
      code: "import { startEmulator } from '@freechat/emulator';\n",
      notRun: undefined,
    },
    {
      file: 'README.md',
      line: 9,
      kind: 'sh',
      code: 'freechat chat "Hi"\n',
      notRun: 'reaches the real site',
    },
    { file: 'README.md', line: 15, kind: 'js', code: 'console.log(1);\n', notRun: undefined },
  ]);
});

test('refuses a marker without a reason, one followed by text or another block, and an open fence', () => {
  const cases = [
    ['<!-- not run: -->\n```sh\nls\n```', /README.md:1: "not run" needs a reason/],
    ['<!-- not run: old -->\nSome text.\n```sh\nls\n```', /README.md:1: "not run" is not followed/],
    [
      '<!-- not run: old -->\n```yaml\na: 1\n```',
      /README.md:1: "not run" is followed by a yaml block/,
    ],
    ['```ts\nconst a = 1;\n', /README.md:1: the fence is never closed/],
  ];
  for (const [markdown, message] of cases) {
    assert.throws(() => readmeExamples(markdown, 'README.md'), message);
  }
});

test('names the packages an example imports, without node: ones and subpaths', () => {
  const code = [
    "import { readdir } from 'node:fs/promises';",
    "import { describeProviderConformance } from '@freechat/core/testing';",
    "import OpenAI from 'openai';",
    "import 'ai';",
  ].join('\n');
  assert.deepEqual([...importedModules(code)], ['@freechat/core', 'openai', 'ai']);
});

test('reads which folders a pack-and-install loop packs, and whether into a fresh folder', () => {
  const fresh = [
    'tarballs=$(mktemp -d)',
    'for p in core free2gpt emulator; do (cd packages/$p && pnpm pack --pack-destination "$tarballs"); done',
    '(cd "$PROJECT" && npm install "$tarballs"/*.tgz)',
  ].join('\n');
  assert.deepEqual(packedFolders(fresh), ['core', 'free2gpt', 'emulator']);
  assert.equal(packsIntoFreshFolder(fresh), true);
  const shared = [
    'for p in core site; do (cd packages/$p && pnpm pack --pack-destination /tmp/freechat); done',
    'npm install /tmp/freechat/*.tgz',
  ].join('\n');
  assert.deepEqual(packedFolders(shared), ['core', 'site']);
  assert.equal(packsIntoFreshFolder(shared), false);
  assert.equal(packedFolders('pnpm freechat chat --emulator "Hello"'), undefined);
  assert.equal(packsIntoFreshFolder('pnpm freechat chat --emulator "Hello"'), true);
});
