import { describeValue } from './describe-value.js';

/**
 * Checks the `password` setting: absent, or a non-empty string (a deployment's whole `SITE_PASSWORD`
 * or one entry of it). The value itself is never put in the message.
 */
export function checkPassword(
  password: unknown,
  fail: (field: string, message: string) => never,
): string | undefined {
  if (password === undefined) return undefined;
  if (typeof password !== 'string') {
    return fail('password', `expected a string, got ${describeValue(password)}`);
  }
  if (password === '') return fail('password', 'expected a non-empty string');
  return password;
}
