import { SCENARIO_HEADER } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import type { BenchClient, BenchClientOptions } from './bench-client-kind.js';
import { BENCH_MESSAGES } from './signed-request.js';

/**
 * The freechat Free2GPT provider with its defaults: its own pooled keep-alive dispatcher, its streaming
 * decoder, `complete()` collecting the streamed text.
 */
export function createFreechatClient(options: BenchClientOptions, http2 = false): BenchClient {
  const provider = createFree2GPT({
    baseURL: options.baseURL,
    headers: { [SCENARIO_HEADER]: options.scenarioHeader },
    maxRetries: 0,
    http2,
  });
  return {
    complete: () => provider.complete({ messages: [...BENCH_MESSAGES] }),
    close: () => provider.close(),
  };
}

/** The same provider with `http2: true`, against the emulator over TLS (S5): streams share connections. */
export function createFreechatHttp2Client(options: BenchClientOptions): BenchClient {
  return createFreechatClient(options, true);
}
