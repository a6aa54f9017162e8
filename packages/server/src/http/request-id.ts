import type { IncomingMessage } from 'node:http';
import { pooledRandomBytes } from './random-bytes.js';

/** A client's `x-request-id` is kept when it looks like an id: short, no spaces or controls. */
const CLIENT_ID = /^[\w.:@-]{1,128}$/;

/**
 * The id of a request: the client's `x-request-id` when it is a plausible id, else a new
 * `req_` and 32 random hex digits. It is in every log line and echoed in the `x-request-id` response header.
 */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  if (typeof given === 'string' && CLIENT_ID.test(given)) return given;
  return `req_${pooledRandomBytes(16).toString('hex')}`;
}
