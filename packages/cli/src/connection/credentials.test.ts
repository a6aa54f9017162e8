import { afterAll, describe, it } from 'vitest';
import { killRunning, runCli } from '../../test/test-cli-process.js';

afterAll(() => {
  killRunning();
});

/** Proxies whose credentials must never reach stderr, in the shapes users type them. */
const PROXIES = [
  'alice:S3cr3t-pw@127.0.0.1:1',
  'http://alice:S3cr3t-pw@127.0.0.1:1',
  'http://alice:S3cr3t%2Fpw@127.0.0.1:1',
  'http://alice:S3cr3t/pw@127.0.0.1:1',
  'socks5://alice:S3cr3t@pw@127.0.0.1:1',
  'socks5://alice:S3cr3t%pw@127.0.0.1:1',
  'ftp://alice:S3cr3t:pw@127.0.0.1:1',
];

describe('freechat never prints proxy credentials', () => {
  const cases: [string, string[], Record<string, string>][] = [
    ...PROXIES.map((proxy, index): [string, string[], Record<string, string>] => [
      `--proxy of shape ${index + 1}`,
      ['--proxy', proxy],
      {},
    ]),
    ...PROXIES.slice(0, 2).map((proxy, index): [string, string[], Record<string, string>] => [
      `FREECHAT_PROXY of shape ${index + 1}`,
      [],
      { FREECHAT_PROXY: proxy },
    ]),
    ...PROXIES.map((proxy, index): [string, string[], Record<string, string>] => [
      `${index % 2 === 0 ? 'HTTP_PROXY' : 'http_proxy'} of shape ${index + 1}`,
      ['--max-retries', '0'],
      { [index % 2 === 0 ? 'HTTP_PROXY' : 'http_proxy']: proxy },
    ]),
  ];
  for (const [how, args, env] of cases) {
    it(`on stderr, for a ${how}`, async ({ expect }) => {
      const result = await runCli(['chat', '--base-url', 'http://127.0.0.1:9', ...args, 'hi'], {
        env,
      });
      expect(result.signal).toBeNull();
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/proxy/i);
      for (const secret of ['S3cr3t', 'alice']) {
        expect(result.stderr).not.toContain(secret);
        expect(result.stdout).not.toContain(secret);
      }
    });
  }
});
