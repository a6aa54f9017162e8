import { type Emulator, startEmulator } from '@freechat/emulator';
import { createServer, type FreechatServer } from '@freechat/server';
import fc from 'fast-check';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RELIABILITY_SITES } from './reliability-sites.js';
import { expectOpenAIError, type HttpCall, type HttpReply, send } from './test-http.js';

const CHAT = '/v1/chat/completions';
const JSON_TYPE = { 'content-type': 'application/json' };
const NUM_RUNS = 100;
const valid = { model: 'free2gpt', messages: [{ role: 'user', content: 'hi' }] };

let emulator: Emulator;
let server: FreechatServer;
let baseURL: string;
const agent = new Agent({ connections: 8 });

beforeAll(async () => {
  emulator = await startEmulator();
  const providers = RELIABILITY_SITES.map((site) =>
    site.create({ baseURL: emulator.sites[site.site], maxRetries: 0 }),
  );
  server = createServer({ providers, apiKey: undefined });
  baseURL = await server.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await agent.close();
  await server.close();
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

const call = (request: HttpCall): Promise<HttpReply> => send(agent, baseURL, request);

/** The JSON type of a value, as a JSON schema names it. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The request fields, and the JSON types each accepts ('number' includes integers). */
const FIELD_TYPES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['model', ['string']],
  ['messages', ['array']],
  ['messages[0]', ['object']],
  ['messages[0].role', ['string']],
  ['messages[0].content', ['string', 'array', 'null']],
  ['stream', ['boolean', 'null']],
  ['stream_options', ['object', 'null']],
  ['stop', ['string', 'array', 'null']],
  ['n', ['integer', 'null']],
  ['temperature', ['number', 'integer', 'null']],
  ['top_p', ['number', 'integer', 'null']],
  ['max_tokens', ['integer', 'null']],
  ['user', ['string']],
  ['tools', ['array']],
  ['tool_choice', ['string', 'object']],
  ['response_format', ['object']],
  ['logprobs', ['boolean', 'null']],
];

/** A valid body with `value` put at `field` (a top-level name, or inside the first message). */
function withField(field: string, value: unknown): Record<string, unknown> {
  const message: Record<string, unknown> = { ...valid.messages[0] };
  if (field === 'messages[0]') return { ...valid, messages: [value] };
  if (field.startsWith('messages[0].')) {
    message[field.slice('messages[0].'.length)] = value;
    return { ...valid, messages: [message] };
  }
  return { ...valid, [field]: value };
}

describe(`POST ${CHAT}`, () => {
  it('answers any JSON that is not a chat request with a 4xx in OpenAI shape, never reaching a site', async () => {
    const notAChat = fc
      .jsonValue()
      .filter((value) => !(typeof value === 'object' && value !== null && 'messages' in value));
    await fc.assert(
      fc.asyncProperty(notAChat, async (value) => {
        expectOpenAIError(await call({ path: CHAT, body: JSON.stringify(value) }));
      }),
      { numRuns: NUM_RUNS },
    );
    expect(emulator.requests).toHaveLength(0);
  });

  it.each(FIELD_TYPES)(
    'answers a wrong type at %s with a 400 naming it',
    async (field, accepted) => {
      // Keys that could poison a prototype make the whole body a 400 with no param (the JSON parser
      // refuses them); the property above covers them.
      const wrong = fc
        .jsonValue()
        .filter(
          (value) =>
            !accepted.includes(jsonType(value)) &&
            !/"(__proto__|constructor)"/.test(JSON.stringify(value)),
        );
      await fc.assert(
        fc.asyncProperty(wrong, async (value) => {
          const reply = await call({ path: CHAT, body: JSON.stringify(withField(field, value)) });
          expect(reply.status).toBe(400);
          const { param } = expectOpenAIError(reply);
          expect(param?.startsWith(field), `param ${param}`).toBe(true);
        }),
        { numRuns: NUM_RUNS / 4 },
      );
      expect(emulator.requests).toHaveLength(0);
    },
  );

  it('answers bodies that are not JSON, invalid UTF-8 included, with a 4xx in OpenAI shape', async () => {
    const text = fc.string({ unit: 'binary' }).map((value) => Buffer.from(value));
    const bytes = fc.uint8Array({ maxLength: 200 }).map((value) => Buffer.from(value));
    const broken = fc.oneof(text, bytes).filter((body) => !isJson(body));
    await fc.assert(
      fc.asyncProperty(broken, async (body) => {
        expectOpenAIError(await call({ path: CHAT, body }));
      }),
      { numRuns: NUM_RUNS },
    );
    expect(emulator.requests).toHaveLength(0);
  });

  it('answers a valid body under any content type but JSON with a 415 in OpenAI shape', async () => {
    const token = fc.stringMatching(/^[a-z0-9!#$&^_.+-]{1,12}$/);
    const type = fc.oneof(
      fc.constantFrom(
        'text/plain',
        'text/plain;charset=UTF-8',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/jsonx',
        'application/xml',
      ),
      fc.tuple(token, token).map(([major, minor]) => `${major}/${minor}`),
    );
    await fc.assert(
      fc.asyncProperty(
        type.filter((value) => !/^application\/json\s*(;|$)/i.test(value)),
        async (contentType) => {
          const reply = await call({
            path: CHAT,
            body: JSON.stringify(valid),
            headers: { 'content-type': contentType },
          });
          expect(reply.status).toBe(415);
          expectOpenAIError(reply);
        },
      ),
      { numRuns: NUM_RUNS },
    );
    const untyped = await call({ path: CHAT, body: JSON.stringify(valid), headers: {} });
    expect(untyped.status).toBe(415);
    expectOpenAIError(untyped);
    expect(emulator.requests).toHaveLength(0);
  });

  it('answers huge strings with a 413 past the body limit, and a 404 for a huge model name', async () => {
    const tooBig = withField('messages[0].content', 'x'.repeat(2 * 1024 * 1024));
    const reply = await call({ path: CHAT, body: JSON.stringify(tooBig) });
    expect(reply.status).toBe(413);
    expectOpenAIError(reply);
    const hugeModel = await call({
      path: CHAT,
      body: JSON.stringify(withField('model', 'm'.repeat(900_000))),
    });
    expect(hugeModel.status).toBe(404);
    expectOpenAIError(hugeModel);
    expect(emulator.requests).toHaveLength(0);
  });

  it('answers bodies nested 100 000 deep with a 400, or ignores the depth where the field is free-form', async () => {
    const deep = (open: string, close: string, inner = '') =>
      `${open.repeat(100_000)}${inner}${close.repeat(100_000)}`;
    const refused = [
      deep('[', ']'),
      deep('{"a":', '}', '1'),
      `{"model":"free2gpt","messages":${deep('[', ']')}}`,
      `{"model":"free2gpt","messages":[{"role":"user","content":${deep('[', ']')}}]}`,
    ];
    for (const body of refused) expectOpenAIError(await call({ path: CHAT, body }));
    expect(emulator.requests).toHaveLength(0);
    const ignored = `{"model":"free2gpt","messages":[{"role":"user","content":"hi"}],"metadata":{"a":${deep('{"a":', '}', '1')}}}`;
    expect((await call({ path: CHAT, body: ignored })).status).toBe(200);
  });

  it('passes invalid UTF-8 inside a message on as U+FFFD (a 200, not an error)', async () => {
    const body = Buffer.concat([
      Buffer.from('{"model":"free2gpt","messages":[{"role":"user","content":"a'),
      Buffer.from([0xff, 0xc0, 0x80, 0xe2, 0x82]),
      Buffer.from('b"}]}'),
    ]);
    expect((await call({ path: CHAT, body })).status).toBe(200);
    const sent = emulator.requests[0]!.body as { messages: Array<{ content: string }> };
    expect(sent.messages[0]!.content).toMatch(/^a\uFFFD+b$/);
  });
});

/** Whether a body parses as JSON (such bodies belong to the other properties). */
function isJson(body: Buffer): boolean {
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

describe('every endpoint', () => {
  const endpoints = ['/v1/models', '/v1/models/free2gpt', '/v1/providers', '/healthz', CHAT];

  it('answers any other method with a 4xx in OpenAI shape', async () => {
    const method = fc.constantFrom('PUT', 'DELETE', 'PATCH') as fc.Arbitrary<
      'PUT' | 'DELETE' | 'PATCH'
    >;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        method,
        fc.jsonValue(),
        async (path, verb, value) => {
          expectOpenAIError(await call({ method: verb, path, body: JSON.stringify(value) }));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('answers a GET carrying any body or content type with a 200 or a 4xx in OpenAI shape, never a 5xx', async () => {
    const body = fc.oneof(
      fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value))),
      fc.uint8Array({ maxLength: 100 }).map((value) => Buffer.from(value)),
    );
    const type = fc.constantFrom('application/json', 'text/plain', 'x/y', 'multipart/form-data');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints.slice(0, 4)),
        body,
        type,
        async (path, content, contentType) => {
          const reply = await call({
            method: 'GET',
            path,
            body: content,
            headers: { 'content-type': contentType },
          });
          if (reply.status !== 200) expectOpenAIError(reply);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('answers any unknown path, and any unknown model id, with a 404 in OpenAI shape', async () => {
    const segment = fc.webSegment().filter((value) => value.length > 0);
    const path = fc.oneof(
      segment.map((value) => `/v1/${value}`),
      segment.map((value) => `/${value}`),
      segment.map((value) => `/v1/models/unknown-${value}`),
    );
    await fc.assert(
      fc.asyncProperty(path, async (target) => {
        const reply = await call({ method: 'GET', path: target, headers: {} });
        expect(reply.status, target).toBe(404);
        expectOpenAIError(reply);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('is still up after all of it', async () => {
    expect((await call({ method: 'GET', path: '/healthz', headers: {} })).status).toBe(200);
    const reply = await call({ path: CHAT, body: JSON.stringify(valid), headers: JSON_TYPE });
    expect(reply.status).toBe(200);
  });
});

describe('with an API key', () => {
  it('answers any other Authorization with a 401 in OpenAI shape', async () => {
    const guarded = createServer({
      providers: [RELIABILITY_SITES[0]!.create({ baseURL: emulator.sites.free2gpt })],
      apiKey: 'sk-reliability',
    });
    const guardedURL = await guarded.listen({ port: 0, host: '127.0.0.1' });
    const header = fc
      .stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,60}$/)
      .filter((value) => value !== 'Bearer sk-reliability');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v1/models', '/v1/providers', CHAT),
        header,
        async (path, authorization) => {
          const reply = await send(agent, guardedURL, {
            method: path === CHAT ? 'POST' : 'GET',
            path,
            body: path === CHAT ? JSON.stringify(valid) : undefined,
            headers: { ...JSON_TYPE, authorization },
          });
          expect(reply.status).toBe(401);
          expectOpenAIError(reply);
        },
      ),
      { numRuns: NUM_RUNS },
    );
    await guarded.close();
    expect(emulator.requests).toHaveLength(0);
  });
});
