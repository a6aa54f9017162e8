// Proves that a provider installs and works alone: packs @freechat/core and one provider, installs the two
// tarballs with npm into an empty project in a temp folder, streams an answer from the emulator through
// it, checks that no other provider is in node_modules, and prints the install size.
// Usage: node scripts/pack-test.mjs [provider]   (default free2gpt; run `pnpm build` first)
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const provider = process.argv[2] ?? 'free2gpt';
const root = resolve(import.meta.dirname, '..');
const folder = mkdtempSync(join(tmpdir(), 'freechat-pack-'));
const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

function pack(name) {
  const output = run('pnpm', ['pack', '--pack-destination', folder], join(root, 'packages', name));
  return output.trim().split('\n').at(-1);
}

async function startEmulator() {
  const child = spawn(process.execPath, [
    join(root, 'packages/emulator/bin/freechat-emulator.js'),
    '--port',
    '0',
  ]);
  for await (const line of createInterface({ input: child.stdout })) {
    const match = new RegExp(`^\\s+${provider}\\s+(http\\S+)`).exec(line);
    if (match) return { child, baseURL: match[1] };
  }
  throw new Error('the emulator printed no base URL');
}

const tarballs = [pack('core'), pack(provider)];
const project = join(folder, 'project');
run('mkdir', ['-p', project]);
writeFileSync(
  join(project, 'package.json'),
  JSON.stringify({ name: 'pack-test', private: true, type: 'module' }),
);
run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], project);

const installed = readdirSync(join(project, 'node_modules/@freechat')).sort();
if (installed.join() !== ['core', provider].sort().join()) {
  throw new Error(
    `expected only core and ${provider} in node_modules/@freechat, found ${installed}`,
  );
}

const emulator = await startEmulator();
try {
  writeFileSync(
    join(project, 'stream.mjs'),
    `import * as provider from '@freechat/${provider}';
const create = Object.values(provider).find((value) => typeof value === 'function' && value.name.startsWith('create'));
const chat = create({ baseURL: process.argv[2] });
let text = '';
for await (const piece of chat.stream({ messages: [{ role: 'user', content: 'Hello from a packed install' }] })) text += piece;
await chat.close();
process.stdout.write(text);
`,
  );
  const text = run(process.execPath, ['stream.mjs', emulator.baseURL], project);
  if (!text.includes('Hello from a packed install')) throw new Error(`unexpected reply: ${text}`);
  const size = run('du', ['-sh', 'node_modules'], project).split('\t')[0];
  console.log(
    `pack test: @freechat/${provider} + @freechat/core installed alone (${installed.join(', ')})`,
  );
  console.log(
    `pack test: node_modules is ${size}; streamed ${text.length} characters from the emulator`,
  );
} finally {
  emulator.child.kill();
  await once(emulator.child, 'exit');
  rmSync(folder, { recursive: true, force: true });
}
