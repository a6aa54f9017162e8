import { SCENARIO_HEADER } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import type { BenchClient, BenchClientOptions } from './bench-client-kind.js';
import { BENCH_MESSAGES } from './signed-request.js';

/**
 * The freechat Free2GPT provider with its defaults: its own pooled keep-alive dispatcher, its streaming
 * decoder, `complete()` collecting the streamed text. Three defaults are raised to raw undici's: no
 * bound on the reply (`complete()` stops at 16 MiB; S3's replies are 64 MiB), no cap on sockets per
 * origin (freechat's `maxConnections` is 128, the rest queued), so that S5's thousands of streams are
 * all open at once, and 300 s for a response to start (undici's `headersTimeout`; freechat's `timeout`
 * is 60 s, which S5's 4 000 connects on a loaded machine can exceed).
 */
export function createFreechatClient(options: BenchClientOptions, http2 = false): BenchClient {
  const provider = createFree2GPT({
    baseURL: options.baseURL,
    headers: { [SCENARIO_HEADER]: options.scenarioHeader },
    maxRetries: 0,
    maxReplyBytes: Number.POSITIVE_INFINITY,
    maxConnections: 65_535,
    timeout: 300_000,
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
