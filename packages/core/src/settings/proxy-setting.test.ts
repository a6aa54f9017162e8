import { describe, expect, it } from 'vitest';
import { InvalidSettingError } from '../errors/invalid-setting-error.js';
import { createOptionChecker } from './option-check.js';
import { proxySetting } from './proxy-setting.js';

const { fail } = createOptionChecker('owner');

describe('proxySetting', () => {
  it.each([
    ['http://127.0.0.1:8080'],
    ['HTTPS://alice:pw@proxy.example:443/'],
    ['socks5://alice:p%40ss@127.0.0.1:1080'],
  ])('takes %s as given', (proxy) => {
    expect(proxySetting.check(proxy, 'proxy', fail)).toBe(proxy);
  });

  it.each([
    [5, 'expected a URL starting with http://, https:// or socks5://, got a number'],
    [
      'alice:S3cr3t@127.0.0.1:1',
      'expected a URL starting with http://, https:// or socks5://, got one without a scheme',
    ],
    [
      'ftp://alice:S3cr3t@x',
      'expected a URL starting with http://, https:// or socks5://, got ftp://…',
    ],
    [
      'http://alice:S3cr3t@[::1',
      'expected http://[user:password@]host:port, got a text that is not a URL',
    ],
    [
      'http://alice:S3cr3t@x:1/path',
      'expected only a scheme, credentials and host:port, got a path or a query',
    ],
    [
      'socks5://alice:S3cr3t%zz@x:1',
      'expected credentials with well-formed percent-escapes (write % as %25), got a malformed one',
    ],
  ])('refuses %j, never showing its text', (proxy, detail) => {
    let error: unknown;
    try {
      proxySetting.check(proxy, 'proxy', fail);
    } catch (caught) {
      error = caught;
    }
    expect(InvalidSettingError.isInstance(error)).toBe(true);
    expect((error as InvalidSettingError).detail).toBe(detail);
    expect((error as Error).message).not.toMatch(/alice|S3cr3t/);
  });
});
