import { expect } from 'vitest';
import {
  type Exchange,
  type ExchangeRecorder,
  startExchangeRecorder,
} from './exchange-recorder.js';
import { type FreechatServe, startFreechatServe } from './freechat-serve.js';
import { readToolRoundTrip, type SeenToolCall } from './tool-round-trip.js';

/** `freechat serve --emulator` with a recorder in front: what an agent under test talks to. */
export interface AgentServer {
  /** The base URL to give the agent (the recorder's); add `/v1` for OpenAI clients. */
  url: string;
  /** The exchanges the server answered so far. */
  exchanges: readonly Exchange[];
  /** One line per exchange and the server's output, for a failure's message. */
  report(): string;
  /** Stops the recorder and the server. */
  close(): Promise<void>;
}

/** Starts `freechat serve --emulator --port 0 ...args` and a recorder in front of it. */
export async function startAgentServer(args: readonly string[] = []): Promise<AgentServer> {
  const serve: FreechatServe = await startFreechatServe(args);
  let recorder: ExchangeRecorder;
  try {
    recorder = await startExchangeRecorder(serve.url);
  } catch (error) {
    await serve.stop();
    throw error;
  }
  return {
    url: recorder.url,
    exchanges: recorder.exchanges,
    report: () =>
      [
        ...recorder.exchanges.map(
          ({ method, path, status, response }) =>
            `${method} ${path} → ${status} ${response.slice(0, 300)}`,
        ),
        serve.output(),
      ].join('\n'),
    close: async () => {
      await recorder.close();
      await serve.stop();
    },
  };
}

/** The round trip a test expects: a call to `tool` on `path`, answered with a result holding `result`. */
export interface ExpectedRoundTrip {
  /** The route the agent's requests went to (`/v1/messages`, `/v1/responses`, `/v1/chat/completions`). */
  path: string;
  /** The tool the server called. */
  tool: string;
  /** Words the agent's result for that call holds (the file's secret, the tool's answer). */
  result: string;
}

/**
 * Asserts that, on `expected.path`, the server answered with a call of `expected.tool` and the agent
 * sent back a result for that very call (by its id) holding `expected.result`. Returns the call.
 */
export function expectToolRoundTrip(
  server: AgentServer,
  expected: ExpectedRoundTrip,
  context = '',
): SeenToolCall {
  const onPath = server.exchanges.filter(({ path }) => path.split('?')[0] === expected.path);
  const { calls, results } = readToolRoundTrip(onPath);
  const message = `${context}\n${server.report()}`;
  const call = calls.find(({ name }) => name === expected.tool);
  expect(call, `no call of ${expected.tool} on ${expected.path}\n${message}`).toBeDefined();
  const result = results.find(({ id }) => id === call!.id);
  expect(result, `no result for ${call!.id}\n${message}`).toBeDefined();
  expect(result!.content, message).toContain(expected.result);
  return call!;
}
