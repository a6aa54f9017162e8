import type { ServerResponse } from 'node:http';
import { fixedFaultResponse } from './fault-responses.js';
import { invalidUtf8ReplyBytes } from './invalid-utf8-reply.js';
import { rechunk } from './rechunk.js';
import type { RequestRecord } from './request-record.js';
import type { FaultStep } from './scenario-step.js';
import { REPLY_CONTENT_TYPE, sendFixed, streamReply } from './send-response.js';
import type { SiteId } from './site-id.js';
import { FREEGPT_QUOTA_TEXT, SITE_PROFILES } from './site-profile.js';
import { writeChunks } from './write-chunks.js';

/** How many chunks the mid-reply faults send before they cut, stall or truncate. */
export const PARTIAL_REPLY_CHUNKS = 3;

/** The delay between the bytes of a `trickle` fault when the step gives none. */
const TRICKLE_DELAY_MS = 2;

/** Everything a fault needs to play. */
export interface FaultExchange {
  /** The site asked. */
  site: SiteId;
  /** The response to play the fault on. */
  response: ServerResponse;
  /** The request's log record. */
  record: RequestRecord;
  /** The normal reply this request would get, for the faults that send (some of) it. */
  reply: Uint8Array;
  /** Bytes per chunk, the step's own already applied. */
  chunkSize: number;
  /** Milliseconds between chunks, the step's own already applied. */
  delayMs: number;
  /** Aborted when the response closes or the emulator stops. */
  signal: AbortSignal;
}

/** Plays a fault on a response, in the site's own form (see the README for each one). */
export async function playFault(step: FaultStep, exchange: FaultExchange): Promise<void> {
  const { response, record, signal } = exchange;
  record.entry.verdict = 'fault';
  record.entry.reason = step.fault;
  const pacing = { delayMs: exchange.delayMs, signal };
  const chunked = (bytes: Uint8Array) => rechunk([bytes], exchange.chunkSize);
  if (step.fault === 'quota' && SITE_PROFILES[exchange.site].quotaSignal === 'text-200') {
    return streamReply(response, chunked(Buffer.from(FREEGPT_QUOTA_TEXT)), pacing);
  }
  const fixed = fixedFaultResponse(step, record.entry.id);
  if (fixed !== undefined) return sendFixed(response, fixed);
  switch (step.fault) {
    case 'reset-before-headers':
      record.serverEnded = true;
      response.socket?.resetAndDestroy();
      return;
    case 'stall-before-headers':
      return;
    case 'invalid-utf8':
      return streamReply(response, chunked(invalidUtf8ReplyBytes()), pacing);
    case 'trickle': {
      const delayMs = step.delayMs ?? TRICKLE_DELAY_MS;
      return streamReply(response, rechunk([exchange.reply], 1), { delayMs, signal });
    }
    default:
      return playPartialReply(step, exchange);
  }
}

/** `reset-mid-reply`, `stall-mid-reply` and `truncated`: a few chunks of the reply, then the fault. */
async function playPartialReply(step: FaultStep, exchange: FaultExchange): Promise<void> {
  const { response, record } = exchange;
  const chunks = [...rechunk([exchange.reply], exchange.chunkSize)].slice(0, PARTIAL_REPLY_CHUNKS);
  response.writeHead(200, { 'content-type': REPLY_CONTENT_TYPE, 'transfer-encoding': 'chunked' });
  response.flushHeaders();
  const pacing = { delayMs: exchange.delayMs, signal: exchange.signal, flushEach: true };
  if (!(await writeChunks(response, chunks, pacing))) return;
  if (step.fault === 'stall-mid-reply') return;
  record.serverEnded = true;
  if (step.fault === 'reset-mid-reply') response.socket?.resetAndDestroy();
  else response.socket?.end();
}
