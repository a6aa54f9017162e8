import type { Dispatcher } from 'undici';
import { closeWhenCollected, type StreamHandle } from './abandoned-stream.js';
import { Attempt } from './attempt.js';
import { collectText } from './collect-text.js';
import { describeValue } from './describe-value.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import { ProviderError } from './errors/provider-error.js';
import { checkByteCount, checkDuration } from './number-check.js';
import type { ChatRequest, Provider } from './provider.js';
import type { ProviderDefinition } from './provider-definition.js';
import type { ProviderSettings } from './provider-settings.js';
import { inAttemptOrder } from './random-order.js';
import { ReplyFilter } from './reply-filter.js';
import { buildRequestBody } from './request-body.js';
import { DEFAULT_MAX_REPLY_BYTES, resolveSettings } from './resolve-settings.js';
import { retryDelay, shouldTryNextMirror } from './retry-policy.js';
import { sleep } from './sleep.js';
import { validateRequest } from './validate-request.js';

/**
 * Makes a provider from its declarative definition: the one streaming base every provider package
 * stands on. Settings are checked here, so a bad base URL or proxy fails at creation, not at the first
 * request. Creating a provider opens no connection.
 *
 * @throws InvalidRequestError for a bad setting, naming it.
 */
export function createProvider<MODEL extends string>(
  definition: ProviderDefinition<MODEL>,
  settings: ProviderSettings = {},
): Provider<MODEL> {
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
    const generator = streamAttempts(request, handle, replyBound);
    closeWhenCollected(generator, handle);
    return generator;
  }

  async function* streamAttempts(
    request: ChatRequest<MODEL>,
    handle: StreamHandle,
    replyBound: number,
  ): AsyncGenerator<string, void, undefined> {
    const { messages } = validateRequest(definition, request);
    const signal = request.signal;
    const maxReplyBytes = checkByteCount(
      id,
      'maxReplyBytes',
      request.maxReplyBytes,
      config.maxReplyBytes ?? replyBound,
    );
    const requestTimeout = checkDuration(id, 'timeout', request.timeout, config.timeout);
    const requestIdleTimeout = checkDuration(
      id,
      'idleTimeout',
      request.idleTimeout,
      config.idleTimeout,
    );
    const order = inAttemptOrder(config.endpoints, config.mirrorOrder);
    let index = 0;
    let retries = 0;
    let delivered = false;
    for (;;) {
      signal?.throwIfAborted();
      const endpoint = order[index]!;
      const attempt = new Attempt({
        provider: id,
        dispatcher: dispatcher(),
        endpoint,
        headers: endpoint.headers,
        rateLimit: definition.rateLimit,
        signal,
        timeout: requestTimeout,
        idleTimeout: requestIdleTimeout,
        maxReplyBytes,
        proxy: config.proxy,
      });
      handle.attempt = attempt;
      try {
        const reader = await attempt.open(
          buildRequestBody(definition, config, messages, readClock(id, config.now)),
        );
        const filter = new ReplyFilter(definition, endpoint);
        for (let text = await reader.read(); text !== undefined; text = await reader.read()) {
          text = filter.accept(text);
          if (text === '') continue;
          delivered = true;
          yield text;
        }
        const end = filter.finish();
        if (end.text !== '') {
          delivered = true;
          yield end.text;
        }
        if (end.error !== undefined) throw end.error;
        return;
      } catch (error) {
        const failure = attempt.classify(error);
        if (delivered || signal?.aborted || !ProviderError.isInstance(failure)) throw failure;
        if (shouldTryNextMirror(failure) && index + 1 < order.length) {
          index++;
          continue;
        }
        if (!failure.isRetryable || retries >= config.maxRetries) throw failure;
        retries++;
        const delay = retryDelay(failure, retries, config.retryDelay, config.maxRetryAfter);
        if (delay === undefined) throw failure;
        await sleep(delay, signal);
        index = 0;
      } finally {
        attempt.dispose();
      }
    }
  }

  return {
    id,
    label: definition.label,
    url: definition.url,
    working: definition.working,
    supportsStream: definition.supportsStream,
    supportsMessageHistory: definition.supportsMessageHistory,
    supportsSystemMessage: definition.supportsSystemMessage,
    defaultModel: definition.defaultModel,
    models: definition.models,
    baseURLs: config.endpoints.map((endpoint) => endpoint.baseURL),
    stream: (request) => stream(request),
    complete: (request) => collectText(stream(request, DEFAULT_MAX_REPLY_BYTES)),
    async close() {
      const closing = ownDispatcher;
      ownDispatcher = undefined;
      await closing?.destroy();
    },
  };
}

/** The clock's reading in milliseconds; a clock that returns no finite number is bad input. */
function readClock(provider: string, now: () => number): number {
  const time = now();
  if (typeof time !== 'number' || !Number.isFinite(time)) {
    throw new InvalidRequestError({
      provider,
      field: 'now',
      message: `the clock returned ${describeValue(time)}, not a finite number of milliseconds`,
    });
  }
  return time;
}
