import { inspect } from 'node:util';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startHttpProxy, startSocks5Proxy } from '../../test/test-proxies.js';
import { InvalidSettingError } from '../errors/invalid-setting-error.js';
import { ProviderError } from '../errors/provider-error.js';
import { createProvider } from '../provider/create-provider.js';
import type { Provider } from '../provider/provider.js';
import { redactCredentials } from './redact-credentials.js';

const messages = [{ role: 'user' as const, content: 'hi' }];
let closedProxyHost: string;

beforeAll(async () => {
  const proxy = await startHttpProxy();
  await proxy.close();
  closedProxyHost = new URL(proxy.url).host;
});

const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 6, maxLength: 6 });
const passwordCharacter = fc.constantFrom(
  ...'abcXYZ0189/@:%?#&=+ ~!$*;,[]'.split(''),
  '%2F',
  '%40',
);
/** A credential in every shape a user might type: raw or percent-encoded, with `/`, `@`, `:`, `%`. */
const credentials = fc.record({
  username: hex.map((text) => `u${text}`),
  password: fc
    .array(passwordCharacter, { minLength: 4, maxLength: 16 })
    .map((characters) => `Pw${characters.join('')}`),
  encode: fc.boolean(),
  scheme: fc.constantFrom(
    '',
    'http://',
    'https://',
    'socks5://',
    'HTTP://',
    'ftp://',
    'socks4://',
    '//',
  ),
  withUsername: fc.boolean(),
  suffix: fc.constantFrom('', '/', '/path?query=1', '#fragment', ':'),
});

type Credentials = typeof credentials extends fc.Arbitrary<infer T> ? T : never;

function urlOf(shape: Credentials, host: string): string {
  const password = shape.encode ? encodeURIComponent(shape.password) : shape.password;
  const userinfo = shape.withUsername ? `${shape.username}:${password}` : password;
  return `${shape.scheme}${userinfo}@${host}${shape.suffix}`;
}

/** Every way the error or the provider could be shown: none may carry the credential. */
function expectNoCredential(shape: Credentials, shown: unknown): void {
  const texts = [String(shown), inspect(shown, { depth: 10, showHidden: true })];
  if (shown instanceof Error) texts.push(shown.message, shown.stack ?? '');
  for (const text of texts) {
    for (const secret of [shape.password, encodeURIComponent(shape.password), shape.username]) {
      expect(text).not.toContain(secret);
    }
  }
}

async function showAll(shape: Credentials, create: () => Provider): Promise<void> {
  let provider: Provider;
  try {
    provider = create();
  } catch (error) {
    expect(InvalidSettingError.isInstance(error)).toBe(true);
    expectNoCredential(shape, error);
    return;
  }
  expectNoCredential(shape, provider);
  const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
  expect(ProviderError.isInstance(error)).toBe(true);
  expectNoCredential(shape, error);
  await provider.close();
}

describe('credentials are never shown', () => {
  it('in any error or inspect() of a provider given a proxy of any shape (property)', async () => {
    await fc.assert(
      fc.asyncProperty(credentials, (shape) =>
        showAll(shape, () =>
          createProvider(testDefinition, {
            baseURL: 'http://127.0.0.1:9/',
            proxy: urlOf(shape, closedProxyHost),
            maxRetries: 0,
          }),
        ),
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('in any error of a base URL of any shape that carries them (property)', async () => {
    await fc.assert(
      fc.asyncProperty(credentials, (shape) =>
        showAll(shape, () =>
          createProvider(testDefinition, { baseURL: urlOf(shape, 'site.example') }),
        ),
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('by redactCredentials, whatever the text around them (property)', () => {
    fc.assert(
      fc.property(credentials, fc.string(), (shape, host) => {
        const shown = redactCredentials(urlOf(shape, host.replaceAll('@', '')));
        expect(shown).not.toContain(shape.password);
        expect(shown).not.toContain(shape.username);
      }),
    );
  });

  it('masks only the userinfo, keeping the scheme and host to go by', () => {
    expect(redactCredentials('alice:pw@127.0.0.1:8080')).toBe('***@127.0.0.1:8080');
    expect(redactCredentials('http://alice:p@ss/w@127.0.0.1:8080')).toBe(
      'http://***@127.0.0.1:8080',
    );
    expect(redactCredentials('socks5://alice:p%2Fw@proxy:1080')).toBe('socks5://***@proxy:1080');
    expect(redactCredentials('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
  });

  for (const [name, start] of [
    ['an http:// proxy', startHttpProxy],
    ['a socks5:// proxy', startSocks5Proxy],
  ] as const) {
    it(`in the error of ${name} that rejects them`, async () => {
      const proxy = await start({ username: 'alice', password: 'right' });
      const shape: Credentials = {
        username: 'alice',
        password: 'Pw/wr@ng:%41',
        encode: true,
        scheme: '',
        withUsername: true,
        suffix: '',
      };
      const url = proxy.url.replace('://', `://alice:${encodeURIComponent(shape.password)}@`);
      const provider = createProvider(testDefinition, {
        baseURL: 'http://127.0.0.1:9',
        proxy: url,
      });
      const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'ProxyError', authFailed: true });
      expectNoCredential({ ...shape, username: 'alice:' }, error);
      await provider.close();
      await proxy.close();
    });
  }
});
