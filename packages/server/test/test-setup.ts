import { createAIChatFree } from '@freechat/aichatfree';
import type { Provider, ProviderSettings } from '@freechat/core';
import { type Emulator, startEmulator } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import { createFreeGpt } from '@freechat/freegpt';
import { createGPROChat } from '@freechat/gprochat';
import OpenAI from 'openai';
import { createServer, type FreechatServer } from '../src/create-server.js';
import type { ServerOptions } from '../src/options.js';

/** An emulator, a server in front of it, and an OpenAI client pointed at the server. */
export interface TestServer {
  emulator: Emulator;
  server: FreechatServer;
  /** The server's base URL, without `/v1`. */
  url: string;
  /** The official client, `maxRetries: 0`, with the server's API key when it has one. */
  openai: OpenAI;
  /** The JSON log lines written so far (when the server logs). */
  logs: string[];
  /** Closes the server, then the emulator. */
  close(): Promise<void>;
}

/** The four providers pointed at the emulator, with a short retry delay. */
export function emulatedProviders(emulator: Emulator, settings: ProviderSettings = {}): Provider[] {
  const common: ProviderSettings = { retryDelay: 1, ...settings };
  return [
    createFree2GPT({ ...common, baseURL: emulator.sites.free2gpt }),
    createAIChatFree({ ...common, baseURL: emulator.sites.aichatfree }),
    createGPROChat({ ...common, baseURL: emulator.sites.gprochat }),
    createFreeGpt({ ...common, baseURL: emulator.sites.freegpt }),
  ];
}

/** Starts an emulator and a server in front of it, on free local ports. */
export async function startTestServer(
  options: { server?: ServerOptions; providers?: ProviderSettings } = {},
): Promise<TestServer> {
  const emulator = await startEmulator();
  const logs: string[] = [];
  const server = createServer({
    providers: emulatedProviders(emulator, options.providers),
    logDestination: { write: (line) => void logs.push(line) },
    ...options.server,
  });
  const url = await server.listen();
  const openai = new OpenAI({
    baseURL: `${url}/v1`,
    apiKey: firstKey(options.server?.apiKey),
    maxRetries: 0,
  });
  return {
    emulator,
    server,
    url,
    openai,
    logs,
    async close() {
      await server.close();
      await emulator.close();
    },
  };
}

/** The first key of the server's `apiKey` option, or `unused` when it has none. */
export function firstKey(apiKey: ServerOptions['apiKey']): string {
  const first = [apiKey ?? 'unused'].flat()[0]!;
  return typeof first === 'string' ? first : first.key;
}

/** A field of an object that the official client's types do not declare (a Response's `store`). */
export function fieldOf(object: object | undefined, field: string): unknown {
  return (object as Record<string, unknown> | undefined)?.[field];
}

/** The rejection of a promise, which must be the official client's APIError, for assertions on its fields. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof OpenAI.APIError)) {
    throw new Error(`expected the OpenAI client's APIError, got ${String(error)}`);
  }
  return error;
}
