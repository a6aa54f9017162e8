import type { SettingSpec } from './setting-spec.js';
import { failExpected } from './setting-spec.js';

/** The schemes a proxy may have, with their colon. */
const PROXY_SCHEMES: readonly string[] = ['http:', 'https:', 'socks5:'];

const EXPECTED = 'a URL starting with http://, https:// or socks5://';

/**
 * A proxy URL: `http://`, `https://` or `socks5://`, optional credentials and `host:port`, nothing
 * else. No message ever repeats the text, which may carry a password in any shape: it says what the
 * text lacks or holds (`got one without a scheme`, `got ftp://…`).
 */
export const proxySetting: SettingSpec<string> = {
  expected: EXPECTED,
  check: (value, field, fail) => {
    if (typeof value !== 'string') return failExpected(fail, field, EXPECTED, value, true);
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
    if (scheme === undefined) return fail(field, `expected ${EXPECTED}, got one without a scheme`);
    if (!PROXY_SCHEMES.includes(`${scheme}:`)) {
      return fail(field, `expected ${EXPECTED}, got ${scheme}://…`);
    }
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      return fail(
        field,
        `expected ${scheme}://[user:password@]host:port, got a text that is not a URL`,
      );
    }
    if ((parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search || parsed.hash) {
      return fail(
        field,
        'expected only a scheme, credentials and host:port, got a path or a query',
      );
    }
    try {
      decodeURIComponent(parsed.username);
      decodeURIComponent(parsed.password);
    } catch {
      return fail(
        field,
        'expected credentials with well-formed percent-escapes (write % as %25), got a malformed one',
      );
    }
    return value;
  },
};
