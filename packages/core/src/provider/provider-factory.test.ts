import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { InvalidSettingError } from '../errors/invalid-setting-error.js';
import { providerFactory } from './provider-factory.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('providerFactory', () => {
  const createTest = providerFactory(testDefinition);

  it("makes a factory whose providers are the definition's and stream from its settings' base URL", async () => {
    server.handle((_request, response) => response.end('from the factory'));
    const provider = createTest({ baseURL: server.url });
    expect(provider.id).toBe('test');
    expect(provider.models).toEqual(['model-a', 'model-b']);
    expect(provider.baseURLs).toEqual([server.url]);
    const pieces: string[] = [];
    for await (const text of provider.stream({ messages: [{ role: 'user', content: 'hi' }] })) {
      pieces.push(text);
    }
    expect(pieces.join('')).toBe('from the factory');
    await provider.close();
  });

  it("is named after the definition's label, as a hand-written factory would be", () => {
    expect(createTest.name).toBe('createTest');
  });

  it("uses the definition's base URL without settings, and checks settings at creation", () => {
    expect(createTest().baseURLs).toEqual([testDefinition.baseURL]);
    expect(() => createTest({ timeout: 0 })).toThrow(InvalidSettingError);
  });
});
