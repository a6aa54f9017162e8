import { createAIChatFree } from '@freechat/aichatfree';
import { type Message, type Provider, ProviderError } from '@freechat/core';
import { startEmulator } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import { createFreeGpt } from '@freechat/freegpt';
import { createGPROChat } from '@freechat/gprochat';
import { createServer } from '@freechat/server';

const bold = (text: string): string => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[22m` : text);

const conversation: Message[] = [
  { role: 'system', content: 'You are a friendly assistant. Answer in one sentence.' },
  { role: 'user', content: 'Привет! What is freechat?' },
];

async function streamTo(provider: Provider, messages: Message[]): Promise<void> {
  process.stdout.write(`${bold(`${provider.label} (${provider.defaultModel})`)}\n  `);
  for await (const text of provider.stream({ messages })) process.stdout.write(text);
  process.stdout.write('\n\n');
}

/** Streams one answer through the OpenAI-compatible server, reading its SSE chunks as they arrive. */
async function streamThroughServer(providers: Provider[]): Promise<void> {
  const server = createServer({ providers });
  const url = await server.listen();
  try {
    process.stdout.write(
      `${bold(`POST ${url}/v1/chat/completions (model "freegpt", stream: true)`)}\n  `,
    );
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'freegpt', stream: true, messages: conversation }),
    });
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const bytes of response.body!) {
      buffered += decoder.decode(bytes, { stream: true });
      const events = buffered.split('\n\n');
      buffered = events.pop()!;
      for (const event of events) {
        const data = event.replace(/^data: /, '');
        if (data === '[DONE]') continue;
        process.stdout.write(JSON.parse(data).choices[0]?.delta?.content ?? '');
      }
    }
    process.stdout.write('\n\n');
  } finally {
    await server.close();
  }
}

/**
 * The offline demo: starts the emulator in this process, streams one conversation through each of the
 * four providers and once through the OpenAI-compatible server, then shows one failure and the error
 * a user would see.
 */
async function main(): Promise<void> {
  const emulator = await startEmulator({ chunkSize: 6, delayMs: 12 });
  const settings = (baseURL: string | string[]) => ({ baseURL, retryDelay: 50 });
  const providers = [
    createFree2GPT(settings(emulator.sites.free2gpt)),
    createAIChatFree(settings(emulator.sites.aichatfree)),
    createGPROChat(settings(emulator.sites.gprochat)),
    createFreeGpt(settings(emulator.mirrors.freegpt)),
  ];
  try {
    console.log(`freechat demo: four providers against the local emulator at ${emulator.url}\n`);
    for (const provider of providers) await streamTo(provider, conversation);
    await streamThroughServer(providers);

    console.log(bold('And when a site has spent its quota:'));
    emulator.scenario('free2gpt', { fault: 'quota' });
    try {
      await providers[0]!.complete({ messages: conversation });
    } catch (error) {
      if (!ProviderError.isInstance(error)) throw error;
      console.log(`  ${error.name}: ${error.message}`);
      console.log(
        `  retryable: ${error.isRetryable}. A fallback chain would move on to the next site.`,
      );
    }
  } finally {
    await Promise.all(providers.map((provider) => provider.close()));
    await emulator.close();
  }
}

await main();
