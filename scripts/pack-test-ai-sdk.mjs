// Proves that @freechat/ai-sdk installs and works in a fresh project next to `ai`: packs core, free2gpt
// and ai-sdk, installs them with `ai` of the given major from the registry, streams with ai's own
// streamText from the emulator, and runs a tool loop (generateText and streamText with a tool and
// stopWhen) against the emulator's tool model. `ai` 6 and 7 are both peers of @freechat/ai-sdk; CI runs this with each.
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
  const answer = runInProject(
    project,
    'tool-loop.mjs',
    `import { freechat } from '@freechat/ai-sdk';
import { createFree2GPT } from '@freechat/free2gpt';
import { generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
globalThis.AI_SDK_LOG_WARNINGS = false;
const provider = createFree2GPT({ baseURL: process.argv[2] });
const weather = tool({
  description: 'The current weather in a city.',
  inputSchema: jsonSchema({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
  execute: async () => ({ temperature: 21 }),
});
const call = { model: freechat(provider)(), prompt: 'What is the weather in Paris?', tools: { weather }, stopWhen: stepCountIs(3) };
const generated = await generateText(call);
const streamed = streamText(call);
const steps = await streamed.steps;
await provider.close();
const loop = (steps, text) => [steps.map((step) => step.finishReason).join(','), text].join(' ');
process.stdout.write(JSON.stringify([loop(generated.steps, generated.text), loop(steps, await streamed.text)]));
`,
    [emulator.baseURL],
  );
  const loops = JSON.parse(answer);
  const expected = 'tool-calls,stop The tool weather returned: "{"temperature":21}"';
  if (loops.length !== 2 || !loops.every((loop) => loop.startsWith(expected))) {
    throw new Error(`unexpected tool loops: ${answer}`);
  }
  console.log(
    `pack test: @freechat/ai-sdk streams through ai ${aiMajor}'s streamText in a fresh project`,
  );
  console.log(
    `pack test: a tool loop runs through ai ${aiMajor}'s generateText and streamText (a call, its result, the answer)`,
  );
  console.log(
    `pack test: node_modules is ${installSize(project)} with ai; ${text.length} characters`,
  );
} finally {
  await emulator.stop();
  cleanup();
}
