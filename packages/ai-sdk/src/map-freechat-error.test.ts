import {
  APICallError,
  InvalidArgumentError,
  InvalidPromptError,
  LoadSettingError,
  NoSuchModelError,
} from '@ai-sdk/provider';
import {
  AuthRejectedError,
  CloudflareError,
  ConnectionError,
  EmptyReplyError,
  InvalidRequestError,
  InvalidSettingError,
  ModelFailedMidReplyError,
  ModelNotFoundError,
  ProviderError,
  type ProviderSettings,
  ProxyError,
  RateLimitError,
  ReplyEncodingError,
  ReplyTooLargeError,
  ResponseStatusError,
  SiteMisconfiguredError,
  TimeoutError,
  UnexpectedReplyError,
} from '@freechat/core';
import { type Emulator, type ScenarioStep, startEmulator } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import { generateText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freechat } from './freechat-provider.js';
import { mapFreechatError } from './map-freechat-error.js';

/**
 * A proxy that is down: nothing listens on port 1, and the kernel never gives a port below 1024 to a
 * socket that asks for any port, so no test server can take it. (A port freed by closing a server can
 * be given to the next server anywhere on the machine before the test connects to it.)
 */
const DOWN_PROXY_URL = 'http://127.0.0.1:1';

let emulator: Emulator;

beforeAll(async () => {
  globalThis.AI_SDK_LOG_WARNINGS = false;
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
});

type ErrorClass = { isInstance(error: unknown): boolean; name: string };

/** One failure a site can produce, and the APICallError `ai` must see for it. */
interface SocketRow {
  /** What the emulator plays for the one request. */
  step: ScenarioStep;
  /** Extra provider settings (a short timeout, a small reply bound, a proxy). */
  settings?: ProviderSettings;
  /** The freechat class the APICallError's cause must be. */
  cause: ErrorClass;
  /** The HTTP status, or undefined when no response came (or its status is not the failure). */
  statusCode: number | undefined;
  /** freechat's verdict, passed on because `aiRetries` is on. */
  isRetryable: boolean;
  /** Whether the response's headers and body come with it. */
  withResponse: boolean;
}

const SOCKET_ROWS: [string, SocketRow][] = [
  [
    'a spent quota (RateLimitError)',
    {
      step: { fault: 'quota' },
      cause: RateLimitError,
      statusCode: 500,
      isRetryable: false,
      withResponse: true,
    },
  ],
  [
    'a 429 (RateLimitError)',
    {
      step: { fault: 'rate-limit' },
      cause: RateLimitError,
      statusCode: 429,
      isRetryable: true,
      withResponse: true,
    },
  ],
  [
    'a 502 (ResponseStatusError)',
    {
      step: { fault: 'bad-gateway' },
      cause: ResponseStatusError,
      statusCode: 502,
      isRetryable: true,
      withResponse: true,
    },
  ],
  [
    'a Cloudflare challenge (CloudflareError)',
    {
      step: { fault: 'cloudflare' },
      cause: CloudflareError,
      statusCode: 403,
      isRetryable: false,
      withResponse: true,
    },
  ],
  [
    'a Cloudflare challenge served with 200 (CloudflareError)',
    {
      step: { fault: 'cloudflare-200' },
      cause: CloudflareError,
      statusCode: 200,
      isRetryable: false,
      withResponse: true,
    },
  ],
  [
    'an HTML page served with 200 (UnexpectedReplyError)',
    {
      step: { fault: 'html-page' },
      cause: UnexpectedReplyError,
      statusCode: 200,
      isRetryable: false,
      withResponse: true,
    },
  ],
  [
    "the deployment's own model API key refused (SiteMisconfiguredError)",
    {
      step: { fault: 'invalid-api-key' },
      cause: SiteMisconfiguredError,
      statusCode: 401,
      isRetryable: false,
      withResponse: true,
    },
  ],
  [
    'an empty reply (EmptyReplyError)',
    {
      step: { fault: 'empty-reply' },
      cause: EmptyReplyError,
      statusCode: 200,
      isRetryable: true,
      withResponse: true,
    },
  ],
  [
    'a refused signature (AuthRejectedError)',
    {
      step: { fault: 'invalid-signature' },
      cause: AuthRejectedError,
      statusCode: 401,
      isRetryable: false,
      withResponse: true,
    },
  ],
  [
    "the model's failure after some text (ModelFailedMidReplyError)",
    {
      step: { fault: 'internal-error-mid-reply' },
      cause: ModelFailedMidReplyError,
      statusCode: 200,
      isRetryable: true,
      withResponse: true,
    },
  ],
  [
    'a reset before the headers (ConnectionError)',
    {
      step: { fault: 'reset-before-headers' },
      cause: ConnectionError,
      statusCode: undefined,
      isRetryable: true,
      withResponse: false,
    },
  ],
  [
    'a proxy that is down (ProxyError)',
    {
      step: {},
      settings: { proxy: DOWN_PROXY_URL },
      cause: ProxyError,
      statusCode: undefined,
      isRetryable: true,
      withResponse: false,
    },
  ],
  [
    'no response within the timeout (TimeoutError)',
    {
      step: { fault: 'stall-before-headers' },
      settings: { timeout: 200 },
      cause: TimeoutError,
      statusCode: undefined,
      isRetryable: true,
      withResponse: false,
    },
  ],
  [
    'a reply over maxReplyBytes (ReplyTooLargeError)',
    {
      step: {},
      settings: { maxReplyBytes: 8 },
      cause: ReplyTooLargeError,
      statusCode: undefined,
      isRetryable: false,
      withResponse: false,
    },
  ],
];

describe('every failure a site can produce reaches ai as an APICallError', () => {
  it.each(SOCKET_ROWS)('%s', async (_name, row) => {
    emulator.scenario('free2gpt', row.step);
    const provider = createFree2GPT({
      baseURL: emulator.sites.free2gpt,
      maxRetries: 0,
      ...row.settings,
    });
    const error = await generateText({
      model: freechat(provider, { aiRetries: true })(),
      prompt: 'Hi',
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    await provider.close();
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(row.cause.isInstance(apiError.cause)).toBe(true);
    expect((apiError.cause as Error).name).toBe(row.cause.name);
    expect(apiError).toMatchObject({
      message: (apiError.cause as Error).message,
      url: `${emulator.sites.free2gpt}/api/generate`,
      statusCode: row.statusCode,
      isRetryable: row.isRetryable,
      requestBodyValues: { messages: [{ role: 'user', content: 'Hi' }] },
    });
    if (row.withResponse) {
      expect(apiError.responseHeaders).toEqual({
        ...(apiError.cause as ResponseStatusError).headers,
      });
      expect(apiError.responseBody).toBe((apiError.cause as ResponseStatusError).body);
    } else {
      expect(apiError.responseHeaders).toBeUndefined();
      expect(apiError.responseBody).toBeUndefined();
    }
  });

  it('a conversation the provider refuses is an InvalidPromptError, before any traffic', async () => {
    const provider = createFree2GPT({ baseURL: emulator.sites.free2gpt });
    const error = await generateText({
      model: freechat(provider)(),
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'the last turn is not the user' },
      ],
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    await provider.close();
    expect(InvalidPromptError.isInstance(error)).toBe(true);
    expect(InvalidRequestError.isInstance((error as InvalidPromptError).cause)).toBe(true);
    expect(emulator.requests).toEqual([]);
  });
});

describe('mapFreechatError, for the errors no site can be made to produce', () => {
  const call = {
    requestBodyValues: { messages: [] },
    url: 'http://fallback.example',
    aiRetries: true,
  };
  const owner = { provider: 'free2gpt' };
  const siteURL = 'http://site.example/api/generate';
  const undecodable = new ReplyEncodingError({ ...owner, url: siteURL, encoding: 'zstd' });
  const unknownModel = new ModelNotFoundError({ ...owner, model: 'gpt-9', models: ['a'] });
  const badArgument = new InvalidRequestError({ ...owner, field: 'timeout', message: 'x' });
  const badSetting = new InvalidSettingError({ owner: 'free2gpt', field: 'now', message: 'x' });
  const badTurn = new InvalidRequestError({ ...owner, field: 'messages[0].content', message: 'x' });

  it.each([
    [
      'a reply that cannot be decoded (ReplyEncodingError): a never-retryable APICallError',
      undecodable,
      APICallError,
      {
        message: undecodable.message,
        url: siteURL,
        statusCode: undefined,
        isRetryable: false,
        cause: undecodable,
      },
    ],
    [
      'a model the provider does not serve (ModelNotFoundError): a NoSuchModelError',
      unknownModel,
      NoSuchModelError,
      { modelId: 'gpt-9', modelType: 'languageModel', message: unknownModel.message },
    ],
    [
      'a bad argument (an InvalidRequestError outside messages): an InvalidArgumentError naming it',
      badArgument,
      InvalidArgumentError,
      { argument: 'timeout', message: badArgument.message, cause: badArgument },
    ],
    [
      "a provider's setting found wrong at request time (InvalidSettingError): a LoadSettingError",
      badSetting,
      LoadSettingError,
      { message: '[free2gpt] invalid now: x' },
    ],
    [
      'a bad conversation (an InvalidRequestError on messages): an InvalidPromptError',
      badTurn,
      InvalidPromptError,
      { prompt: call.requestBodyValues, cause: badTurn },
    ],
  ] as const)('%s', (_name, error, aiClass, fields) => {
    const mapped = mapFreechatError(error, call);
    expect(aiClass.isInstance(mapped)).toBe(true);
    expect(mapped).toMatchObject(fields);
  });

  it('passes anything that is not a freechat error through unchanged', () => {
    const abort = new DOMException('stopped', 'AbortError');
    expect(mapFreechatError(abort, call)).toBe(abort);
    expect(ProviderError.isInstance(abort)).toBe(false);
  });
});
