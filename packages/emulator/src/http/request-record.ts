import type { EmulatorRequest } from './emulator-request.js';
import type { EmulatorIncoming, EmulatorResponse } from './response-protocol.js';

/** A log entry together with the bookkeeping needed to complete it when its response closes. */
export class RequestRecord {
  /** The entry shown in the log; filled in as the request is handled. */
  readonly entry: EmulatorRequest;
  /** Set when the emulator itself ends the connection (a reset, a truncation, `close()`). */
  serverEnded = false;
  /** Set once the entry has been added to the log. */
  logged = false;
  private resolveClosed: () => void = () => {};

  constructor(id: number, request: EmulatorIncoming, receivedAt: number) {
    const target = request.url ?? '/';
    const queryStart = target.indexOf('?');
    this.entry = {
      id,
      site: undefined,
      baseURL: undefined,
      httpVersion: request.httpVersion,
      method: request.method ?? 'GET',
      // Raw, not parsed with URL: `//api/generate` must stay what it is, not become `/generate`.
      path: queryStart < 0 ? target : target.slice(0, queryStart),
      headers: lowercaseHeaders(request),
      rawBody: '',
      rawBytes: Buffer.alloc(0),
      body: undefined,
      verdict: 'ok',
      validation: 'ok',
      status: undefined,
      reason: undefined,
      receivedAt,
      finishedAt: undefined,
      clientClosed: false,
      closed: new Promise<void>((resolve) => {
        this.resolveClosed = resolve;
      }),
    };
  }

  /** Records the outcome once the response has finished or its connection has closed. */
  complete(response: EmulatorResponse, finishedAt: number): void {
    this.entry.finishedAt = finishedAt;
    this.entry.status = response.headersSent ? response.statusCode : undefined;
    this.entry.clientClosed = !response.writableFinished && !this.serverEnded;
    this.resolveClosed();
  }
}

function lowercaseHeaders(request: EmulatorIncoming): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    // HTTP/2's pseudo-headers (`:method`, `:path`, …) are in the entry's own fields.
    if (value === undefined || name.startsWith(':')) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
