import { createHash } from 'node:crypto';

/**
 * Signs a request the way the sites' front ends do: the lowercase hex SHA-256 of the UTF-8 bytes of
 * `${time}:${text}:${secret}`.
 *
 * @param time - The request's `time` field, in the site's own unit (milliseconds or seconds).
 * @param text - The signed text: for most sites the last message's content.
 * @param secret - The site's secret; empty for most sites.
 * @returns 64 lowercase hexadecimal characters.
 *
 * @example
 * generateSignature(1700000000000, 'hello'); // '…64 hex characters…'
 */
export function generateSignature(time: number, text: string, secret = ''): string {
  // Stryker disable next-line StringLiteral: equivalent, update() reads a string as UTF-8 by default
  return createHash('sha256').update(`${time}:${text}:${secret}`, 'utf8').digest('hex');
}
