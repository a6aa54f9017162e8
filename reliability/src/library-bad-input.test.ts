import {
  type ChatRequest,
  InvalidRequestError,
  InvalidSettingError,
  type Message,
  type Provider,
  type ProviderSettings,
  ReplyTooLargeError,
  TimeoutError,
} from '@freechat/core';
import { type Emulator, emulatedReplyText, startEmulator } from '@freechat/emulator';
import fc from 'fast-check';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RELIABILITY_SITES, type ReliabilitySite } from './reliability-sites.js';
import { settleWithin } from './test-bounds.js';

const messages: Message[] = [{ role: 'user', content: 'Is this input good?' }];
/** Runs per property, per provider. */
const NUM_RUNS = 100;
/** How long one accepted request may take. */
const REQUEST_BOUND = 3000;

let emulator: Emulator;
const agent = new Agent();

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await agent.close();
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

/** Whether `path` is `field` or lies inside it. */
function isWithin(path: string, field: string): boolean {
  return path === field || path.startsWith(`${field}[`) || path.startsWith(`${field}.`);
}

/** Whether `error` is an InvalidRequestError (bad request input) naming `field` or a part of it. */
function namesField(error: unknown, field: string): boolean {
  return InvalidRequestError.isInstance(error) && isWithin(error.field, field);
}

/** Whether `error` is an InvalidSettingError (bad provider setting) naming `field` or a part of it. */
function namesSetting(error: unknown, field: string): boolean {
  return InvalidSettingError.isInstance(error) && isWithin(error.field, field);
}

/** What a call threw, or undefined. */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Settings that work against the emulator, for `site`. */
function goodSettings(site: ReliabilitySite): ProviderSettings {
  return { baseURL: emulator.sites[site.site], maxRetries: 0, timeout: 2000, idleTimeout: 2000 };
}

/** Whether String() can describe `value` (values it cannot are covered by the regression tests below). */
function printable(value: unknown): boolean {
  try {
    String(value);
    JSON.stringify(value);
    return true;
  } catch {
    return false;
  }
}

/** Sends one request on `provider` and checks it is answered, or ends in one of the allowed errors. */
async function expectAnswered(
  provider: Provider,
  site: ReliabilitySite,
  request: ChatRequest,
  allowed: (error: unknown) => boolean,
): Promise<void> {
  const reply = provider.complete(request).then(
    (text) => ({ text, error: undefined }),
    (error: unknown) => ({ text: undefined, error }),
  );
  const { text, error } = await settleWithin(reply, REQUEST_BOUND, 'an accepted request');
  if (error === undefined) expect(text).toBe(emulatedReplyText(site.site, messages));
  else expect(allowed(error), String(error)).toBe(true);
}

const BAD_SETTINGS: ReadonlyArray<readonly [string, string, unknown]> = [
  ['settings that are not an object', 'settings', null],
  ['an empty baseURL list', 'baseURL', { baseURL: [] }],
  ['a baseURL that is not a URL', 'baseURL', { baseURL: 'not a url' }],
  ['a baseURL with another scheme', 'baseURL', { baseURL: 'ftp://127.0.0.1/' }],
  ['a baseURL with a query', 'baseURL', { baseURL: 'http://127.0.0.1/?x=1' }],
  ['a baseURL with credentials', 'baseURL', { baseURL: 'http://user:pass@127.0.0.1' }],
  ['a bad mirror in a list', 'baseURL[1]', { baseURL: ['http://127.0.0.1', 'nope'] }],
  ['a mirror that is not a string', 'baseURL[1]', { baseURL: ['http://127.0.0.1', 5] }],
  ['a proxy that is not a URL', 'proxy', { proxy: 'not a proxy' }],
  ['a proxy with an unsupported scheme', 'proxy', { proxy: 'ftp://127.0.0.1:21' }],
  ['a socks4 proxy', 'proxy', { proxy: 'socks4://127.0.0.1:1080' }],
  ['a proxy that is not a string', 'proxy', { proxy: 8080 }],
  ['a proxy and a dispatcher', 'proxy', { proxy: 'http://127.0.0.1:8080', dispatcher: agent }],
  ['a negative timeout', 'timeout', { timeout: -1 }],
  ['a zero timeout', 'timeout', { timeout: 0 }],
  ['a NaN timeout', 'timeout', { timeout: Number.NaN }],
  ['a timeout past the timer limit', 'timeout', { timeout: 2 ** 31 }],
  ['a timeout given as a string', 'timeout', { timeout: '100' }],
  ['an infinite idleTimeout', 'idleTimeout', { idleTimeout: Number.POSITIVE_INFINITY }],
  ['a fractional idleTimeout', 'idleTimeout', { idleTimeout: 1.5 }],
  ['negative maxRetries', 'maxRetries', { maxRetries: -1 }],
  ['maxRetries over 10', 'maxRetries', { maxRetries: 11 }],
  ['NaN maxRetries', 'maxRetries', { maxRetries: Number.NaN }],
  ['a negative retryDelay', 'retryDelay', { retryDelay: -5 }],
  ['a NaN maxRetryAfter', 'maxRetryAfter', { maxRetryAfter: Number.NaN }],
  ['a secret that is not a string', 'secret', { secret: 42 }],
  ['an unknown mirrorOrder', 'mirrorOrder', { mirrorOrder: 'shuffled' }],
  ['a clock that is not a function', 'now', { now: 1 }],
  ['zero maxConnections', 'maxConnections', { maxConnections: 0 }],
  ['a fractional maxConnections', 'maxConnections', { maxConnections: 2.5 }],
  ['a negative maxReplyBytes', 'maxReplyBytes', { maxReplyBytes: -1 }],
  ['a NaN maxReplyBytes', 'maxReplyBytes', { maxReplyBytes: Number.NaN }],
  ['a proxy without a scheme', 'proxy', { proxy: 'alice:pw@127.0.0.1:8080' }],
  ['a proxy with a path', 'proxy', { proxy: 'http://127.0.0.1:8080/x' }],
  ['headers that are not an object', 'headers', { headers: 'x-a: 1' }],
  ['a header value that is not a string', 'headers.x-a', { headers: { 'x-a': 1 } }],
];

/** The settings fields, and for those whose accepted values can be used safely, the errors allowed then. */
const SETTINGS_FIELDS: ReadonlyArray<readonly [string, ((error: unknown) => boolean) | undefined]> =
  [
    ['baseURL', undefined],
    ['headers', undefined],
    ['proxy', undefined],
    ['dispatcher', undefined],
    ['timeout', (error) => TimeoutError.isInstance(error)],
    ['idleTimeout', (error) => TimeoutError.isInstance(error)],
    ['maxRetries', () => false],
    ['retryDelay', () => false],
    ['maxRetryAfter', () => false],
    ['secret', (error) => (error as { name?: unknown }).name === 'AuthRejectedError'],
    ['mirrorOrder', () => false],
    ['now', undefined],
    ['maxConnections', () => false],
    ['maxReplyBytes', (error) => ReplyTooLargeError.isInstance(error)],
  ];

describe.each(RELIABILITY_SITES)("$site's factory", (site) => {
  it.each(BAD_SETTINGS)('refuses %s, naming %s, before any traffic', (_what, field, settings) => {
    const patch = settings === null ? null : { ...goodSettings(site), ...(settings as object) };
    const error = thrownBy(() => site.create(patch as ProviderSettings));
    expect(namesSetting(error, field), String(error)).toBe(true);
    expect((error as InvalidSettingError).field).toBe(field);
    expect(emulator.requests).toHaveLength(0);
  });

  it.each(SETTINGS_FIELDS)(
    'takes fc.anything() as %s: a typed error naming it, or a working provider',
    async (field, allowed) => {
      await fc.assert(
        fc.asyncProperty(fc.anything().filter(printable), async (value) => {
          emulator.reset();
          let provider: Provider | undefined;
          const error = thrownBy(() => {
            provider = site.create({ ...goodSettings(site), [field]: value });
          });
          expect(emulator.requests).toHaveLength(0);
          if (provider === undefined) {
            expect(namesSetting(error, field), String(error)).toBe(true);
            return;
          }
          if (allowed !== undefined) await expectAnswered(provider, site, { messages }, allowed);
          await provider.close();
        }),
        { numRuns: NUM_RUNS },
      );
    },
  );
});

/** A request's fields, and the errors allowed when fc.anything() happens to give a usable value. */
const REQUEST_FIELDS: ReadonlyArray<readonly [keyof ChatRequest, (error: unknown) => boolean]> = [
  ['messages', () => false],
  ['model', () => false],
  ['signal', () => false],
  ['timeout', (error) => TimeoutError.isInstance(error)],
  ['idleTimeout', (error) => TimeoutError.isInstance(error)],
  ['maxReplyBytes', (error) => ReplyTooLargeError.isInstance(error)],
];

const BAD_REQUESTS: ReadonlyArray<readonly [string, string, unknown]> = [
  ['a request that is not an object', 'request', null],
  ['no messages', 'messages', {}],
  ['an empty conversation', 'messages', { messages: [] }],
  ['a message that is not an object', 'messages[0]', { messages: ['hi'] }],
  ['an unknown role', 'messages[0].role', { messages: [{ role: 'robot', content: 'hi' }] }],
  [
    'content that is not a string',
    'messages[0].content',
    { messages: [{ role: 'user', content: 1 }] },
  ],
  [
    'a last message not from the user',
    'messages[0].role',
    { messages: [{ role: 'assistant', content: 'hi' }] },
  ],
  ['an unknown model', 'model', { messages, model: 'gpt-5' }],
  ['a model that is not a string', 'model', { messages, model: 5 }],
  ['a signal that is not an AbortSignal', 'signal', { messages, signal: { aborted: false } }],
  ['a negative timeout', 'timeout', { messages, timeout: -1 }],
  ['a NaN idleTimeout', 'idleTimeout', { messages, idleTimeout: Number.NaN }],
  ['a zero maxReplyBytes', 'maxReplyBytes', { messages, maxReplyBytes: 0 }],
];

/** The first step of `stream(request)`, as the caller sees it: what it throws, if anything. */
async function firstStepError(provider: Provider, request: unknown): Promise<unknown> {
  const stream = provider.stream(request as ChatRequest);
  try {
    await settleWithin(stream.next(), REQUEST_BOUND, 'the first step of a stream');
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await stream.return();
  }
}

describe.each(RELIABILITY_SITES)("$site's stream()", (site) => {
  let provider: Provider;
  beforeAll(() => {
    provider = site.create(goodSettings(site));
  });
  afterAll(async () => {
    await provider.close();
  });

  it.each(BAD_REQUESTS)(
    'refuses %s, naming %s, before any traffic',
    async (_what, field, request) => {
      const error = await firstStepError(provider, request);
      expect((error as InvalidRequestError).field, String(error)).toBe(field);
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect(emulator.requests).toHaveLength(0);
    },
  );

  it.each(REQUEST_FIELDS)(
    'takes fc.anything() as %s: a typed error naming it, or an answer',
    async (field, allowed) => {
      await fc.assert(
        fc.asyncProperty(fc.anything().filter(printable), async (value) => {
          emulator.reset();
          const request = { messages, [field]: value };
          const error = await firstStepError(provider, request);
          if (InvalidRequestError.isInstance(error)) {
            expect(namesField(error, field), String(error)).toBe(true);
            expect(emulator.requests).toHaveLength(0);
          } else {
            await expectAnswered(provider, site, request, allowed);
          }
        }),
        { numRuns: NUM_RUNS },
      );
    },
  );

  it('takes fc.anything() as the whole request, or as each message: a typed error, no traffic', async () => {
    const message = fc.record({ role: fc.anything(), content: fc.anything() });
    const request = fc.oneof(
      fc.anything(),
      fc.record({ messages: fc.anything() }),
      fc.record({ messages: fc.array(fc.oneof(message, fc.anything()), { minLength: 1 }) }),
    );
    await fc.assert(
      fc.asyncProperty(request.filter(printable), async (value) => {
        emulator.reset();
        const error = await firstStepError(provider, value);
        expect(InvalidRequestError.isInstance(error), String(error)).toBe(true);
        expect(emulator.requests).toHaveLength(0);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('input checks at the edges of JavaScript values', () => {
  const site = RELIABILITY_SITES[0]!;

  // A message about a value must be built without String(value), which throws a TypeError ("Cannot
  // convert object to primitive value") for an object without a prototype.
  it('refuses a null-prototype timeout with an InvalidSettingError naming it', () => {
    const error = thrownBy(() =>
      site.create({ ...goodSettings(site), timeout: Object.create(null) }),
    );
    expect(namesSetting(error, 'timeout'), String(error)).toBe(true);
  });

  // The same holds for a request's own timeout.
  it('refuses a null-prototype request timeout with an InvalidRequestError naming it', async () => {
    const provider = site.create(goodSettings(site));
    const error = await firstStepError(provider, { messages, timeout: Object.create(null) });
    await provider.close();
    expect(namesField(error, 'timeout'), String(error)).toBe(true);
  });

  // A message must not be built with JSON.stringify(value), which throws a TypeError ("Do not know how to
  // serialize a BigInt") for a bigint.
  it('refuses a bigint mirrorOrder with an InvalidSettingError naming it', () => {
    const error = thrownBy(() => site.create({ ...goodSettings(site), mirrorOrder: 1n as never }));
    expect(namesSetting(error, 'mirrorOrder'), String(error)).toBe(true);
  });

  // `dispatcher` is checked at creation: `{}` would make every request fail as a retryable ConnectionError
  // ("dispatcher.request is not a function").
  it('refuses a dispatcher that is not one, at creation', () => {
    const error = thrownBy(() => site.create({ ...goodSettings(site), dispatcher: {} as never }));
    expect(namesSetting(error, 'dispatcher'), String(error)).toBe(true);
  });

  // Header names and values that undici refuses are an InvalidSettingError at creation, not a retryable
  // ConnectionError per request (UND_ERR_INVALID_ARG, "invalid header key" / "invalid x-a header").
  it.each([
    ['a name with a space', { 'a b': 'x' }, 'headers.a b'],
    ['an empty name', { '': 'x' }, 'headers.'],
    ['a value with CR LF', { 'x-a': 'a\r\nb' }, 'headers.x-a'],
  ])('refuses a header with %s at creation', (_what, headers, field) => {
    const error = thrownBy(() => site.create({ ...goodSettings(site), headers }));
    expect(namesSetting(error, field), String(error)).toBe(true);
    expect((error as InvalidSettingError).field, String(error)).toBe(field);
  });

  // A clock that returns NaN is an InvalidSettingError naming `now` before any traffic; sent, it would be
  // `"time": null` and the site's 400.
  it('refuses a clock that returns NaN, before any traffic', async () => {
    const provider = site.create({ ...goodSettings(site), now: () => Number.NaN });
    const error = await firstStepError(provider, { messages });
    await provider.close();
    expect(namesSetting(error, 'now'), String(error)).toBe(true);
    expect(emulator.requests).toHaveLength(0);
  });

  // A sparse messages array is refused before any traffic: messages.map() skips its holes, so `[, message]`
  // would reach Free2GPT as `"messages":[null,…]` (the site's 400) and GPROChat's formatPrompt as a TypeError.
  it.each(RELIABILITY_SITES)(
    '$site refuses a sparse messages array before any traffic',
    async (sparseSite) => {
      const provider = sparseSite.create(goodSettings(sparseSite));
      // biome-ignore lint/suspicious/noSparseArray: the hole is the input under test.
      const error = await firstStepError(provider, { messages: [, messages[0]] });
      await provider.close();
      expect(namesField(error, 'messages[0]'), String(error)).toBe(true);
      expect(emulator.requests).toHaveLength(0);
    },
  );
});
