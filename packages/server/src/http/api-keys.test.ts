import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';
import { createServer } from '../create-server.js';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ server: { apiKey: ['sk-first-key', 'sk-second-key'] } });
});
afterAll(() => test.close());

function models(key: string) {
  return request(`${test.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
}

describe('several API keys', () => {
  it('accepts each key of the list', async () => {
    for (const key of ['sk-first-key', 'sk-second-key']) {
      const response = await models(key);
      expect(response.statusCode).toBe(200);
      await response.body.dump();
    }
  });

  it('refuses a key that is not in the list', async () => {
    const response = await models('sk-third-key');
    expect(response.statusCode).toBe(401);
    expect(await response.body.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
  });

  it('refuses an empty list or an empty key at creation', () => {
    expect(() => createServer({ apiKey: [] })).toThrow(
      '[server] invalid apiKey: expected a key or a non-empty list of keys',
    );
    expect(() => createServer({ apiKey: ['sk-ok', ''] })).toThrow(
      '[server] invalid apiKey[1]: expected a non-empty string',
    );
  });
});
