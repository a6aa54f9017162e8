import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthRejectedError } from '../errors/auth-rejected-error.js';
import { CloudflareError } from '../errors/cloudflare-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { EmptyReplyError } from '../errors/empty-reply-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { ModelFailedMidReplyError } from '../errors/model-failed-mid-reply-error.js';
import { ModelNotFoundError } from '../errors/model-not-found-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { ResponseStatusError } from '../errors/response-status-error.js';
import { SiteMisconfiguredError } from '../errors/site-misconfigured-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { UnexpectedReplyError } from '../errors/unexpected-reply-error.js';
import type { Message } from '../messages/message.js';
import type { Provider } from '../provider/provider.js';
import type { ProviderSettings } from '../settings/provider-settings.js';
import type { ConformanceEmulator } from './conformance-emulator.js';

/** What a provider package gives the conformance suite. */
export interface ConformanceOptions {
  /** The emulator's site id for this provider (`free2gpt`, …). */
  site: string;
  /** The package's factory (`createFree2GPT`, …). */
  createProvider: (settings: ProviderSettings) => Provider;
  /**
   * Starts an emulator on port 0: `startEmulator` from `@freechat/emulator`, in strict mode
   * (`() => startEmulator({ strict: true })`) to check the client's exact request.
   */
  startEmulator: () => Promise<ConformanceEmulator>;
  /** How the site shows a spent quota: a status error, a reply text, or no known sign. */
  quota: 'status' | 'reply-text' | 'none';
  /** The provider's `lastKnownUp` flag: whether the real site answered when it was last checked. */
  lastKnownUp: boolean;
  /** The bytes of the emulator's `invalid-utf8` fault (`invalidUtf8ReplyBytes` from the emulator). */
  invalidUtf8ReplyBytes: () => Uint8Array;
}

const conversation: Message[] = [
  { role: 'system', content: 'Answer briefly.' },
  { role: 'user', content: 'Привет, 世界! 🌍' },
  { role: 'assistant', content: 'Hello.' },
  { role: 'user', content: 'Say something with ünïcödé.' },
];
const question: Message[] = [{ role: 'user', content: 'Hello there' }];
const multibyte = 'Ответ: 你好, мир! 🌍🚀 — done.';

/**
 * Registers the behaviours every freechat provider must show, as vitest tests against the emulator:
 * exact streaming, input checks, cancellation, both timeouts, the error mapping and retries. A
 * provider package runs it in a few lines:
 *
 * @example
 * import { describeProviderConformance } from '@freechat/core/testing';
 * import { invalidUtf8ReplyBytes, startEmulator } from '@freechat/emulator';
 * import { createFree2GPT } from './index.js';
 *
 * describeProviderConformance({
 *   site: 'free2gpt',
 *   createProvider: createFree2GPT,
 *   startEmulator: () => startEmulator({ strict: true }),
 *   quota: 'status',
 *   lastKnownUp: false,
 *   invalidUtf8ReplyBytes,
 * });
 */
export function describeProviderConformance(options: ConformanceOptions): void {
  const { site } = options;
  let emulator: ConformanceEmulator;
  let provider: Provider;
  const make = (settings: ProviderSettings = {}): Provider =>
    options.createProvider({ baseURL: emulator.sites[site]!, retryDelay: 1, ...settings });

  describe(`${site}: provider conformance`, () => {
    beforeAll(async () => {
      emulator = await options.startEmulator();
    });
    afterAll(async () => {
      await emulator.close();
    });
    beforeEach(() => {
      emulator.reset();
      provider = make();
    });
    afterEach(async () => {
      await provider.close();
    });

    it('describes itself consistently', () => {
      expect(provider.id).toBe(site);
      expect(provider.models).toContain(provider.defaultModel);
      expect(provider.lastKnownUp).toBe(options.lastKnownUp);
    });

    it('streams the reply exactly, characters split across chunks included', async () => {
      emulator.scenario(site, { text: multibyte, chunkSize: 1 });
      const pieces: string[] = [];
      for await (const text of provider.stream({ messages: question })) pieces.push(text);
      expect(pieces.join('')).toBe(multibyte);
      expect(emulator.requests[0]!.verdict).toBe('ok');
    });

    it('sends a whole conversation that the site accepts, and complete() returns the reply', async () => {
      emulator.scenario(site, { text: 'fine' });
      expect(await provider.complete({ messages: conversation })).toBe('fine');
      expect(emulator.requests[0]).toMatchObject({ verdict: 'ok' });
    });

    it('accepts a base URL with a trailing slash and every listed model, which only selects', async () => {
      const slashed = make({ baseURL: `${emulator.sites[site]}/` });
      const unnamed = await slashed.complete({ messages: question });
      for (const model of provider.models) {
        expect(await slashed.complete({ messages: question, model })).toBe(unnamed);
      }
      await slashed.close();
      const requests = emulator.requests;
      expect(requests).toHaveLength(provider.models.length + 1);
      for (const request of requests) {
        expect(request.verdict).toBe('ok');
        expect(request.path.endsWith('/api/generate') && !request.path.includes('//')).toBe(true);
        for (const model of provider.models) expect(request.rawBody).not.toContain(model);
      }
    });

    it('rejects bad input and unknown models before any traffic', async () => {
      const bad = [
        { messages: [] },
        { messages: [{ role: 'robot', content: 'x' }] },
        { messages: [{ role: 'user', content: 1 }] },
      ] as never[];
      for (const request of bad) {
        const error = await provider.complete(request).catch((caught: unknown) => caught);
        expect(InvalidRequestError.isInstance(error)).toBe(true);
      }
      const unknown = await provider
        .complete({ messages: question, model: 'no-such-model' })
        .catch((caught: unknown) => caught);
      expect(ModelNotFoundError.isInstance(unknown)).toBe(true);
      expect(emulator.requests).toHaveLength(0);
    });

    it('closes the request when aborted mid-stream, rejecting with AbortError', async () => {
      emulator.scenario(site, { fault: 'stall-mid-reply' });
      const controller = new AbortController();
      const stream = provider.stream({ messages: question, signal: controller.signal });
      await stream.next();
      controller.abort();
      await expect(stream.next()).rejects.toMatchObject({ name: 'AbortError' });
      await emulator.requests[0]!.closed;
      expect(emulator.requests[0]!.clientClosed).toBe(true);
    });

    it('closes the request when the caller breaks out of the loop', async () => {
      emulator.scenario(site, { fault: 'stall-mid-reply' });
      for await (const _text of provider.stream({ messages: question })) break;
      await emulator.requests[0]!.closed;
      expect(emulator.requests[0]!.clientClosed).toBe(true);
    });

    it('times out a response that never starts, and a reply that goes silent', async () => {
      // Each provider arms only the timeout under test (the other is a minute), so a loaded machine
      // that is slow to send the headers cannot turn the idle case into a response timeout.
      const noResponse = make({ timeout: 80, idleTimeout: 60_000, maxRetries: 0 });
      const noText = make({ timeout: 60_000, idleTimeout: 80, maxRetries: 0 });
      emulator.scenario(site, { fault: 'stall-before-headers' }, { fault: 'stall-mid-reply' });
      const never = await noResponse
        .complete({ messages: question })
        .catch((caught: unknown) => caught);
      expect(TimeoutError.isInstance(never) && never.phase).toBe('response');
      const silent = await noText
        .complete({ messages: question })
        .catch((caught: unknown) => caught);
      expect(TimeoutError.isInstance(silent) && silent.phase).toBe('idle');
      await noResponse.close();
      await noText.close();
    });

    it("maps the site's failures to typed errors naming provider, URL and status", async () => {
      const once = make({ maxRetries: 0 });
      emulator.scenario(
        site,
        { fault: 'invalid-signature' },
        { fault: 'cloudflare' },
        { fault: 'server-error' },
        { fault: 'reset-before-headers' },
      );
      const failures = [];
      for (let index = 0; index < 4; index++) {
        failures.push(
          await once.complete({ messages: question }).catch((caught: unknown) => caught),
        );
      }
      const [auth, cloudflare, server, reset] = failures;
      expect(AuthRejectedError.isInstance(auth) && auth.credential).toBe('signature');
      expect(CloudflareError.isInstance(cloudflare)).toBe(true);
      expect(ResponseStatusError.isInstance(server) && server.status).toBe(500);
      expect(ConnectionError.isInstance(reset)).toBe(true);
      const url = `${emulator.sites[site]}/api/generate`;
      expect((server as Error).message).toContain(`[${site}] HTTP 500 from POST ${url}`);
      await once.close();
    });

    it('takes a page served with 200 for a typed error, never for text, and asks once', async () => {
      emulator.scenario(site, { fault: 'cloudflare-200' }, { fault: 'html-page' });
      const challenge = await provider
        .complete({ messages: question })
        .catch((caught: unknown) => caught);
      const page = await provider
        .complete({ messages: question })
        .catch((caught: unknown) => caught);
      expect(CloudflareError.isInstance(challenge)).toBe(true);
      expect(challenge).toMatchObject({ status: 200, isRetryable: false });
      expect(UnexpectedReplyError.isInstance(page)).toBe(true);
      expect(page).toMatchObject({ status: 200, isRetryable: false });
      expect(emulator.requests).toHaveLength(2);
    });

    it('reports a deployment whose model API key is refused as misconfigured, and asks once', async () => {
      emulator.scenario(site, { fault: 'invalid-api-key' });
      const error = await provider
        .complete({ messages: question })
        .catch((caught: unknown) => caught);
      expect(SiteMisconfiguredError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ isRetryable: false });
      expect(emulator.requests).toHaveLength(1);
    });

    it('takes an empty reply for an EmptyReplyError, and asks again', async () => {
      const once = make({ maxRetries: 0 });
      emulator.scenario(
        site,
        { fault: 'empty-reply' },
        { fault: 'empty-reply' },
        { text: 'at last' },
      );
      const error = await once.complete({ messages: question }).catch((caught: unknown) => caught);
      await once.close();
      expect(EmptyReplyError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status: 200, isRetryable: true });
      expect(await provider.complete({ messages: question })).toBe('at last');
      expect(emulator.requests).toHaveLength(3);
    });

    it('retries a 429 after its Retry-After and then streams', async () => {
      emulator.scenario(
        site,
        { fault: 'rate-limit', retryAfterMs: 20 },
        { text: 'after the wait' },
      );
      expect(await provider.complete({ messages: question })).toBe('after the wait');
      expect(emulator.requests).toHaveLength(2);
    });

    it("recognises the site's spent quota", async () => {
      emulator.scenario(site, { fault: 'quota', chunkSize: 2 });
      const once = make({ maxRetries: 0 });
      const error = await once.complete({ messages: question }).catch((caught: unknown) => caught);
      await once.close();
      if (options.quota === 'none') {
        // No known sign of a spent quota: a plain 500, not mistaken for a rate limit.
        expect(ResponseStatusError.isInstance(error)).toBe(true);
        expect(RateLimitError.isInstance(error)).toBe(false);
        expect(error).toMatchObject({ name: 'ResponseStatusError', status: 500 });
      } else {
        expect(RateLimitError.isInstance(error) && error.quotaExhausted).toBe(true);
      }
    });

    it('ends a reply whose model failed mid-reply with ModelFailedMidReplyError, split anywhere', async () => {
      const reply = 'Partial answer. Internal server error';
      const once = make({ maxRetries: 0 });
      for (let chunkSize = 1; chunkSize < reply.length; chunkSize++) {
        emulator.scenario(site, { text: reply, chunkSize });
        let received = '';
        const error = await (async () => {
          for await (const text of once.stream({ messages: question })) received += text;
        })().catch((caught: unknown) => caught);
        expect(received, `${chunkSize}-byte chunks`).toBe('Partial answer. ');
        expect(ModelFailedMidReplyError.isInstance(error), `${chunkSize}-byte chunks`).toBe(true);
      }
      await once.close();
    });

    it("a Node deployment's mid-reply failure: the partial text, then ModelFailedMidReplyError, not retried", async () => {
      const reply = 'An answer the model could not finish.';
      emulator.scenario(site, { fault: 'internal-error-mid-reply', text: reply });
      let received = '';
      const error = await (async () => {
        for await (const text of provider.stream({ messages: question })) received += text;
      })().catch((caught: unknown) => caught);
      expect(ModelFailedMidReplyError.isInstance(error)).toBe(true);
      expect(received).not.toBe('');
      expect(reply.startsWith(received)).toBe(true);
      expect(emulator.requests).toHaveLength(1);
    });

    it('takes a reply with no content type as a normal reply', async () => {
      emulator.scenario(site, { fault: 'no-content-type', text: multibyte, chunkSize: 5 });
      expect(await provider.complete({ messages: question })).toBe(multibyte);
    });

    it('passes the failure words mid-text as an ordinary reply', async () => {
      const reply = 'An Internal server error is what the log said.';
      emulator.scenario(site, { text: reply, chunkSize: 3 });
      expect(await provider.complete({ messages: question })).toBe(reply);
    });

    it('decodes invalid UTF-8 to U+FFFD exactly as the WHATWG decoder does, instead of failing', async () => {
      emulator.scenario(site, { fault: 'invalid-utf8' });
      const expected = new TextDecoder().decode(options.invalidUtf8ReplyBytes());
      expect(expected).toContain('\uFFFD');
      expect(await provider.complete({ messages: question })).toBe(expected);
    });

    it('reuses pooled connections across a conversation', async () => {
      for (let turn = 0; turn < 6; turn++) await provider.complete({ messages: question });
      expect(emulator.openConnections()).toBeLessThanOrEqual(2);
    });
  });
}
