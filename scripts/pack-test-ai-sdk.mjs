// Proves that @freechat/ai-sdk installs and works in a fresh project next to `ai`: packs core, free2gpt
// and ai-sdk, installs them with `ai` of the given major from the registry, and streams with ai's own
// streamText from the emulator. `ai` 6 and 7 are both peers of @freechat/ai-sdk; CI runs this with each.
// Usage: node scripts/pack-test-ai-sdk.mjs [ai major, default 6]   (run `pnpm build` first)
import {
  createPackedProject,
  installSize,
  runInProject,
  startEmulatorProcess,
} from './packed-project.mjs';

const aiMajor = process.argv[2] ?? '6';
const { project, cleanup } = createPackedProject(
  ['core', 'free2gpt', 'ai-sdk'],
  [`ai@^${aiMajor}`],
);
const emulator = await startEmulatorProcess('free2gpt');
try {
  const text = runInProject(
    project,
    'stream-text.mjs',
    `import { freechat } from '@freechat/ai-sdk';
import { createFree2GPT } from '@freechat/free2gpt';
import { streamText } from 'ai';
globalThis.AI_SDK_LOG_WARNINGS = false;
const provider = createFree2GPT({ baseURL: process.argv[2] });
const result = streamText({ model: freechat(provider)('gemini-1.5-pro'), prompt: 'Hello from ai' });
let text = '';
for await (const piece of result.textStream) text += piece;
await provider.close();
process.stdout.write(text);
`,
    [emulator.baseURL],
  );
  if (!text.includes('Hello from ai')) throw new Error(`unexpected reply: ${text}`);
  console.log(
    `pack test: @freechat/ai-sdk streams through ai ${aiMajor}'s streamText in a fresh project`,
  );
  console.log(
    `pack test: node_modules is ${installSize(project)} with ai; ${text.length} characters`,
  );
} finally {
  await emulator.stop();
  cleanup();
}
