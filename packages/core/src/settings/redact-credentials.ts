/** What stands in for credentials in a URL that is shown. */
const MASK = '***';

/**
 * The URL-like `text` with anything that could be a credential masked, for an error message or a log
 * line. Everything before the last `@` (after the scheme, when there is one) is masked, so a password
 * containing `/`, `:`, `@` or percent-escapes, or a proxy given without a scheme, is never shown. A text
 * without `@` carries no userinfo and is returned as it is.
 *
 * @example
 * redactCredentials('http://alice:p@ss/w@127.0.0.1:8080'); // 'http://***@127.0.0.1:8080'
 * redactCredentials('alice:pw@127.0.0.1:8080'); // '***@127.0.0.1:8080'
 */
export function redactCredentials(text: string): string {
  const at = text.lastIndexOf('@');
  if (at === -1) return text;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(text)?.[0] ?? '';
  const start = scheme.length <= at ? scheme.length : 0;
  return `${text.slice(0, start)}${MASK}${text.slice(at)}`;
}
