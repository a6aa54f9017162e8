import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

let strict: TestServer;
let dropping: TestServer;
beforeAll(async () => {
  [strict, dropping] = await Promise.all([
    startTestServer(),
    startTestServer({ server: { logger: true, dropParams: true } }),
  ]);
});
afterAll(() => Promise.all([strict.close(), dropping.close()]));

const hello = [{ role: 'user', content: 'Hello!' }];
const tool = { type: 'function', function: { name: 'weather', parameters: { type: 'object' } } };
const custom = { type: 'custom', custom: { name: 'grammar' } };

function post(test: TestServer, extra: Record<string, unknown>) {
  return request(`${test.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'free2gpt', messages: hello, ...extra }),
  });
}

/** Each parameter no provider can honour, and the parameter a request with it names. */
const UNSUPPORTED: ReadonlyArray<readonly [string, Record<string, unknown>, string]> = [
  ['a tool of another type than function', { tools: [tool, custom] }, 'tools[1].type'],
  [
    'an allowed_tools tool choice',
    {
      tools: [tool],
      tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [] } },
    },
    'tool_choice',
  ],
  ['response_format json_object', { response_format: { type: 'json_object' } }, 'response_format'],
  [
    'response_format json_schema',
    { response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } },
    'response_format',
  ],
];

describe('without dropParams, what no provider can honour is refused', () => {
  for (const [name, extra, param] of UNSUPPORTED) {
    it(`${name} → 400 naming ${param}, before any traffic`, async () => {
      strict.emulator.reset();
      const response = await post(strict, extra);
      expect(response.statusCode).toBe(400);
      const { error } = (await response.body.json()) as {
        error: { param: string; message: string };
      };
      expect(error.param).toBe(param);
      expect(error.message).toContain('dropParams');
      expect(strict.emulator.requests).toHaveLength(0);
    });
  }
});

describe('with dropParams, they are ignored, and the response header and the log say so', () => {
  for (const [name, extra, param] of UNSUPPORTED) {
    it(name, async () => {
      const response = await post(dropping, extra);
      expect(response.statusCode).toBe(200);
      const dropped = String(response.headers['x-freechat-dropped-params']).split(', ');
      expect(dropped).toEqual([param]);
      const requestId = String(response.headers['x-request-id']);
      await response.body.dump();
      const logged = dropping.logs
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((entry) => entry.reqId === requestId && entry.msg === 'parameters dropped');
      expect(logged?.droppedParams).toEqual(dropped);
    });
  }

  it('a streaming reply carries the header too', async () => {
    const response = await post(dropping, { tools: [tool, custom], stream: true });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-freechat-dropped-params']).toBe('tools[1].type');
    expect(await response.body.text()).toContain('data: [DONE]');
  });
});
