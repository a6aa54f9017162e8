import type { Dispatcher } from 'undici';
import { ProviderError, recordAttempts } from '../errors/provider-error.js';
import { inAttemptOrder } from '../policy/random-order.js';
import { decideRetry } from '../policy/retry-policy.js';
import { describeValue } from '../settings/describe-value.js';
import { createOptionChecker } from '../settings/option-check.js';
import type { ProviderSettings } from '../settings/provider-settings.js';
import { DEFAULT_MAX_REPLY_BYTES, resolveSettings } from '../settings/resolve-settings.js';
import type { ProviderDefinition } from '../sites/provider-definition.js';
import { buildRequestBody } from '../sites/request-body.js';
import {
  closeWhenCollected,
  forgetEndedStream,
  type StreamHandle,
} from '../transport/abandoned-stream.js';
import { onAbort } from '../transport/abort-listeners.js';
import { Attempt } from '../transport/attempt.js';
import { NOT_YET } from '../transport/response-reader.js';
import type { ChatRequest } from './provider.js';
import { type ProviderWithTools, withTools } from './provider-with-tools.js';
import { validateRequest } from './validate-request.js';

/**
 * Makes a provider from its declarative definition: the one streaming base every provider package
 * stands on. Settings are checked here, so a bad base URL or proxy fails at creation, not at the first
 * request. Creating a provider opens no connection.
 *
 * @throws InvalidSettingError for a bad setting, naming it.
 */
export function createProvider<MODEL extends string>(
  definition: ProviderDefinition<MODEL>,
  settings: ProviderSettings = {},
): ProviderWithTools<MODEL> {
  const id = definition.id;
  const config = resolveSettings(definition, settings);

  let ownDispatcher: Dispatcher | undefined;
  const dispatcher = (): Dispatcher => {
    if (config.createDispatcher === undefined) return settings.dispatcher!;
    ownDispatcher ??= config.createDispatcher();
    return ownDispatcher;
  };

  /** Streams `request`; `replyBound` is the bound on the reply when neither request nor settings set one. */
  function stream(
    request: ChatRequest<MODEL>,
    replyBound = Number.POSITIVE_INFINITY,
  ): AsyncGenerator<string, void, undefined> {
    const handle: StreamHandle = { attempt: undefined };
    const generator = streamAttempts(request, handle, replyBound, () =>
      closeWhenCollected(generator, handle),
    );
    return generator;
  }

  /**
   * The attempts of one stream. `watchForDrop` registers the stream with the finalizer that closes the
   * request of a dropped stream; it is called only when the stream hands out text while its response
   * is still open, the one moment a caller that stops pulling would leave a socket behind. A reply that
   * arrived whole (most small ones) never registers, and a stream that ended is unregistered: each
   * registration costs the garbage collector work, ~30 % of a gateway's CPU per request when every
   * stream registered and none unregistered (bench S6).
   */
  async function* streamAttempts(
    request: ChatRequest<MODEL>,
    handle: StreamHandle,
    replyBound: number,
    watchForDrop: () => void,
  ): AsyncGenerator<string, void, undefined> {
    const { messages, timeout, idleTimeout, maxReplyBytes } = validateRequest(definition, request, {
      timeout: config.timeout,
      idleTimeout: config.idleTimeout,
      maxReplyBytes: config.maxReplyBytes ?? replyBound,
    });
    const { signal, onRetry } = request;
    const order = inAttemptOrder(config.endpoints, config.mirrorOrder);
    const mostAttempts = order.length * (config.maxRetries + 1);
    let index = 0;
    let retries = 0;
    let attempts = 0;
    let delivered = false;
    let watched = false;
    try {
      for (;;) {
        signal?.throwIfAborted();
        const endpoint = order[index]!;
        const body = buildRequestBody(definition, config, messages, readClock(id, config.now));
        const attempt = new Attempt({
          definition,
          dispatcher: dispatcher(),
          endpoint,
          signal,
          timeout,
          idleTimeout,
          maxReplyBytes,
          proxy: config.proxy,
        });
        handle.attempt = attempt;
        attempts++;
        try {
          await attempt.open(body);
          // One await per wait for the network, straight on the reader's promise: no async call per text.
          for (;;) {
            const text = attempt.take();
            if (text === NOT_YET) await attempt.ready();
            else if (text === undefined) return;
            else {
              delivered = true;
              if (!watched && !attempt.settled) {
                watched = true;
                watchForDrop();
              }
              yield text;
            }
          }
        } catch (error) {
          const decision = decideRetry(error, {
            delivered,
            aborted: signal?.aborted === true,
            mirrorsLeft: order.length - index - 1,
            retriesDone: retries,
            maxRetries: config.maxRetries,
            retryDelay: config.retryDelay,
            maxRetryAfter: config.maxRetryAfter,
          });
          if (decision.kind === 'fail') {
            if (ProviderError.isInstance(error) && !signal?.aborted)
              recordAttempts(error, attempts);
            throw error;
          }
          onRetry?.({
            provider: id,
            attempt: attempts + 1,
            of: mostAttempts,
            delayMs: decision.kind === 'retry' ? decision.delayMs : 0,
            // decideRetry tries again only after a freechat error.
            error: error as ProviderError,
          });
          switch (decision.kind) {
            case 'next-mirror':
              index++;
              break;
            case 'retry':
              retries++;
              await sleep(decision.delayMs, signal);
              index = 0;
              break;
          }
        } finally {
          attempt.dispose();
        }
      }
    } finally {
      if (watched) forgetEndedStream(handle);
    }
  }

  const info = {
    id,
    label: definition.label,
    url: definition.url,
    lastKnownUp: definition.lastKnownUp,
    supportsSystemMessage: definition.supportsSystemMessage,
    defaultModel: definition.defaultModel,
    models: definition.models,
    baseURLs: config.endpoints.map((endpoint) => endpoint.baseURL),
    async close() {
      const closing = ownDispatcher;
      ownDispatcher = undefined;
      await closing?.destroy();
    },
  };
  return withTools(info, {
    stream: (request) => stream(request),
    completeStream: (request) => stream(request, DEFAULT_MAX_REPLY_BYTES),
  });
}

/** The clock's reading in milliseconds; a clock that returns no finite number is a bad setting. */
function readClock(provider: string, now: () => number): number {
  const time = now();
  if (typeof time !== 'number' || !Number.isFinite(time)) {
    createOptionChecker(provider).fail(
      'now',
      `the clock returned ${describeValue(time)}, not a finite number of milliseconds`,
    );
  }
  return time;
}

/** Waits `milliseconds`; if `signal` aborts first, rejects with the signal's reason. */
function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const stop =
      signal === undefined
        ? undefined
        : onAbort(signal, () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
    const timer = setTimeout(() => {
      stop?.();
      resolve();
    }, milliseconds);
  });
}
