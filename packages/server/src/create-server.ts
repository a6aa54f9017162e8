import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { DROPPED_PARAMS_HEADER, registerChatRoute } from './chat/chat-route.js';
import { requireApiKey } from './http/api-key.js';
import { clientErrorHandler } from './http/client-error.js';
import { ServerConnections } from './http/connections.js';
import { answerFrameworkError, installErrorHandlers } from './http/error-handler.js';
import { checkHostHeader } from './http/host-header.js';
import { httpServerOptions } from './http/http-options.js';
import { redactSecrets, serializeLoggedRequest } from './http/log-redaction.js';
import { requestId } from './http/request-id.js';
import { closeOnUnreadBody } from './http/unread-body.js';
import { registerHealthRoute } from './monitoring/health-route.js';
import { ServerMetrics } from './monitoring/metrics.js';
import { registerMetricsRoute } from './monitoring/metrics-route.js';
import { resolveServerOptions, type ServerOptions } from './options.js';
import { ModelCatalog } from './providers/model-catalog.js';
import { registerModelsRoutes } from './providers/models-route.js';
import { ProviderCooldowns } from './providers/provider-cooldowns.js';
import { ProviderStatusBoard } from './providers/provider-status.js';
import { registerProvidersRoute } from './providers/providers-route.js';
import { ActiveCompletions } from './reply/active-completions.js';
import { registerResponsesRoute } from './responses/responses-route.js';
import { createState } from './state/create-state.js';
import { KeyLimiter } from './state/key-limiter.js';
import { KeyMetrics } from './state/key-metrics.js';
import { SharedCooldowns } from './state/shared-cooldowns.js';
import { StoredResponses } from './state/stored-responses.js';
import { registerStoredResponsesRoutes } from './state/stored-responses-route.js';
import { registerWebPage } from './web/web-page.js';

/** OpenAI's rate limit headers, which cross-origin pages may read. */
const RATE_LIMIT_HEADERS = ['limit', 'remaining', 'reset'].flatMap((what) =>
  ['requests', 'tokens'].map((kind) => `x-ratelimit-${what}-${kind}`),
);

/** How long responses may still be written once every completion is over. */
const LAST_WRITES_TIME = 1000;

/** Where {@link FreechatServer.listen} binds. */
export interface ListenOptions {
  /** Port, `0` (default) for a free one. */
  port?: number;
  /** Interface (default `127.0.0.1`: this machine only). */
  host?: string;
}

/** A running (or ready to run) OpenAI-compatible server. */
export interface FreechatServer {
  /** Starts listening; resolves with the base URL, e.g. `http://127.0.0.1:8787`. */
  listen(options?: ListenOptions): Promise<string>;
  /**
   * Stops accepting requests, lets open completions finish within `shutdownGracePeriod`, cuts off the
   * rest (a stream gets an error event and `[DONE]`), then closes every connection and the providers'
   * connection pools. Idempotent.
   */
  close(): Promise<void>;
  /** The underlying Fastify instance, to add routes, hooks or plugins before `listen`. */
  readonly fastify: FastifyInstance;
}

/**
 * Creates an OpenAI-compatible HTTP server in front of the freechat providers:
 * `POST /v1/chat/completions` and `POST /v1/responses` (streaming or not), the stored Responses
 * (`GET` and `DELETE /v1/responses/{id}`, `GET /v1/responses/{id}/input_items`), `GET /v1/models`,
 * `GET /v1/providers`, `GET /healthz`, `GET /metrics` (Prometheus), and with `ui: true` the web chat
 * page at `/`.
 * Nothing is bound until `listen()`.
 *
 * @throws TypeError for a bad option.
 *
 * @example
 * const server = createServer({ apiKey: process.env.FREECHAT_API_KEY });
 * const url = await server.listen({ port: 8787 });
 * // OpenAI clients: baseURL `${url}/v1`
 */
export function createServer(options?: ServerOptions): FreechatServer {
  const resolved = resolveServerOptions(options);
  const fastify = Fastify({
    logger: resolved.logger
      ? {
          level: 'info',
          serializers: { req: serializeLoggedRequest },
          ...(resolved.logDestination === undefined ? {} : { stream: resolved.logDestination }),
        }
      : false,
    bodyLimit: resolved.bodyLimit,
    ...httpServerOptions(resolved.requestTimeout),
    clientErrorHandler: clientErrorHandler(resolved.requestTimeout),
    frameworkErrors: answerFrameworkError,
    genReqId: requestId,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allowUnionTypes: true } },
  });
  // JSON only: any other body (Fastify also parses text/plain by default) is a 415.
  fastify.removeContentTypeParser('text/plain');
  const state = createState({ ...resolved, log: fastify.log });
  const cooldowns = new ProviderCooldowns(
    {
      time: resolved.cooldownTime,
      afterFailures: resolved.cooldownAfterFailures,
      clock: resolved.clock,
    },
    {
      started(cooldown) {
        metrics.cooldownStarted(cooldown);
        sharedCooldowns.started(cooldown);
        fastify.log.warn(
          {
            ...cooldown,
            until: new Date(cooldown.until).toISOString(),
            error: redactSecrets(cooldown.error),
          },
          'provider cooling down',
        );
      },
      ended(cooldown) {
        fastify.log.info({ provider: cooldown.provider }, 'provider cooldown over');
      },
    },
  );
  const ids = resolved.providers.map((provider) => provider.id);
  const sharedCooldowns = new SharedCooldowns({
    store: state.cooldowns,
    cooldowns,
    providers: ids,
    log: fastify.log,
  });
  const metrics = new ServerMetrics(ids, (id) => cooldowns.get(id) !== undefined);
  const keyMetrics = new KeyMetrics(metrics.registry, () => state.status());
  // First of the hooks, so that requests refused by the others are counted too.
  if (resolved.metrics) metrics.observe(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // Before CORS, whose hook answers preflights itself: a Host not allowed gets no CORS headers.
  checkHostHeader(fastify, resolved.allowedHosts);
  closeOnUnreadBody(fastify, resolved.bodyLimit);
  if (resolved.cors !== false) {
    fastify.register(cors, {
      origin:
        resolved.cors === true
          ? '*'
          : typeof resolved.cors === 'string'
            ? resolved.cors
            : [...resolved.cors],
      methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      exposedHeaders: [
        'x-request-id',
        'retry-after',
        'retry-after-ms',
        DROPPED_PARAMS_HEADER,
        ...RATE_LIMIT_HEADERS,
      ],
      maxAge: 600,
    });
  }
  if (resolved.apiKeys !== undefined) requireApiKey(fastify, resolved.apiKeys);
  installErrorHandlers(fastify);

  const board = new ProviderStatusBoard({
    cooldowns,
    observers: [cooldowns, metrics, sharedCooldowns],
    clock: resolved.clock,
  });
  const providers = resolved.providers.map((provider) => board.track(provider));
  const catalog = new ModelCatalog(providers, cooldowns);
  const routeOptions = {
    catalog,
    active: new ActiveCompletions(),
    metrics,
    logContents: resolved.logContents,
    writeTimeout: resolved.writeTimeout,
    maxReplyBytes: resolved.maxReplyBytes,
    dropParams: resolved.dropParams,
    limiter: new KeyLimiter(state.limits, keyMetrics, resolved.clock),
    responses: new StoredResponses(state.responses, {
      ttl: resolved.storedResponseTtl,
      clock: resolved.clock,
    }),
  };
  registerChatRoute(fastify, routeOptions);
  registerResponsesRoute(fastify, routeOptions);
  registerStoredResponsesRoutes(fastify, routeOptions.responses);
  if (resolved.metrics) registerMetricsRoute(fastify, metrics, resolved.publicMetrics);
  registerModelsRoutes(fastify, catalog);
  registerProvidersRoute(fastify, resolved.providers, board);
  registerHealthRoute(fastify, () => state.status());
  if (resolved.ui) fastify.register(registerWebPage);
  fastify.addHook('onClose', async () => {
    await Promise.all([...resolved.providers.map((provider) => provider.close()), state.close()]);
  });

  const connections = new ServerConnections(fastify.server, resolved.maxConnections);
  let closing: Promise<void> | undefined;
  const shutdown = async () => {
    const deadline = performance.now() + resolved.shutdownGracePeriod;
    const closed = fastify.close();
    await routeOptions.active.drain(resolved.shutdownGracePeriod);
    connections.closeIdle();
    // Responses still being written get until the deadline (at least a second after a cut-off).
    const wait = Math.max(deadline - performance.now(), LAST_WRITES_TIME);
    const timer = setTimeout(() => connections.closeAll(), wait);
    await closed;
    clearTimeout(timer);
  };
  return {
    fastify,
    async listen(listenOptions = {}) {
      await state.ready();
      return fastify.listen({
        port: listenOptions.port ?? 0,
        host: listenOptions.host ?? '127.0.0.1',
      });
    },
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}
