// Proves that a provider installs and works alone: packs @freechat/core and one provider, installs the two
// tarballs with npm into an empty project in a temp folder, streams an answer from the emulator through
// it, checks that no other provider is in node_modules, and prints the install size.
// Usage: node scripts/pack-test.mjs [provider]   (default free2gpt; run `pnpm build` first)
import {
  createPackedProject,
  installedFreechatPackages,
  installSize,
  runInProject,
  startEmulatorProcess,
} from './packed-project.mjs';

const provider = process.argv[2] ?? 'free2gpt';
// Settings a factory needs besides its base URL: @freechat/site talks to the emulator's free2gpt site,
// which speaks chatgpt-demo's form.
const SETTINGS = { site: { template: 'chatgpt-demo' } };
const EMULATED_SITE = { site: 'free2gpt' };
const { project, cleanup } = createPackedProject(['core', provider]);
const emulator = await startEmulatorProcess(EMULATED_SITE[provider] ?? provider);
try {
  const installed = installedFreechatPackages(project);
  if (installed.join() !== ['core', provider].sort().join()) {
    throw new Error(
      `expected only core and ${provider} in node_modules/@freechat, found ${installed}`,
    );
  }
  const text = runInProject(
    project,
    'stream.mjs',
    `import * as provider from '@freechat/${provider}';
const create = Object.values(provider).find((value) => typeof value === 'function' && value.name.startsWith('create'));
const chat = create({ baseURL: process.argv[2], ...JSON.parse(process.argv[3]) });
let text = '';
for await (const piece of chat.stream({ messages: [{ role: 'user', content: 'Hello from a packed install' }] })) text += piece;
await chat.close();
process.stdout.write(text);
`,
    [emulator.baseURL, JSON.stringify(SETTINGS[provider] ?? {})],
  );
  if (!text.includes('Hello from a packed install')) throw new Error(`unexpected reply: ${text}`);
  console.log(
    `pack test: @freechat/${provider} + @freechat/core installed alone (${installed.join(', ')})`,
  );
  console.log(
    `pack test: node_modules is ${installSize(project)}; streamed ${text.length} characters`,
  );
} finally {
  await emulator.stop();
  cleanup();
}
