import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { EmptyReplyError } from '../errors/empty-reply-error.js';
import { FallbackError } from '../errors/fallback-error.js';
import { ModelNotFoundError } from '../errors/model-not-found-error.js';
import { ProviderError } from '../errors/provider-error.js';
import { createProvider } from '../provider/create-provider.js';
import { createFallback } from './fallback.js';

let server: TestServer;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  server = await startTestServer();
  server.handle((request, response) => {
    if (request.url!.startsWith('/empty/')) response.end();
    else response.end('from full');
  });
});
afterAll(async () => {
  await server.close();
});

function site(name: string, models = ['model-a']) {
  return createProvider(
    { ...testDefinition, id: name, label: name, models, defaultModel: models[0]! },
    { baseURL: `${server.url}/${name}`, maxRetries: 0 },
  );
}

/** The FallbackError a request to `chain` ends with. */
async function failure(run: Promise<string>): Promise<FallbackError> {
  const error = await run.catch((caught: unknown) => caught);
  expect(FallbackError.isInstance(error)).toBe(true);
  return error as FallbackError;
}

describe("a fallback chain's errors", () => {
  it('moves past an empty reply, and lists it as one when nothing else answers', async () => {
    expect(await createFallback([site('empty'), site('full')]).complete({ messages })).toBe(
      'from full',
    );
    const { attempts } = await failure(createFallback([site('empty')]).complete({ messages }));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.provider).toBe('empty');
    expect(EmptyReplyError.isInstance(attempts[0]!.error)).toBe(true);
    expect(attempts[0]!.error).toMatchObject({ provider: 'empty', status: 200 });
  });

  it('lists a provider of its own that ends without text as an empty reply', async () => {
    const silent = { ...site('silent'), async *stream() {} };
    const { attempts } = await failure(createFallback([silent]).complete({ messages }));
    expect(ProviderError.isInstance(attempts[0]!.error)).toBe(true);
    expect(attempts[0]!.error).toMatchObject({ provider: 'silent', reason: 'the reply was empty' });
  });

  it('lists each member that does not serve the named model, with the models it does serve', async () => {
    const chain = createFallback([site('one', ['model-a']), site('two', ['model-b'])]);
    const { attempts } = await failure(chain.complete({ messages, model: 'model-c' }));
    expect(attempts.map((attempt) => attempt.provider)).toEqual(['one', 'two']);
    expect(ModelNotFoundError.isInstance(attempts[0]!.error)).toBe(true);
    expect(attempts[1]!.error).toMatchObject({ model: 'model-c', models: ['model-b'] });
  });
});
