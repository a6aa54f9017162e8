import type { ServerResponse } from 'node:http';
import { fixedFaultResponse } from './fault-responses.js';
import { invalidUtf8ReplyBytes } from './invalid-utf8-reply.js';
import { leadingBytes, partialReplyLength } from './partial-reply.js';
import { rechunk } from './rechunk.js';
import type { ReplyBody } from './reply-body.js';
import type { RequestRecord } from './request-record.js';
import type { FaultStep } from './scenario-step.js';
import { REPLY_CONTENT_TYPE, sendFixed, streamReply } from './send-response.js';
import type { SiteId } from './site-id.js';
import { FREEGPT_QUOTA_TEXT, SITE_PROFILES } from './site-profile.js';
import { writeChunks } from './write-chunks.js';

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
  /** The reply this request would get (the step's `text` or `size`, or the default reply). */
  reply: ReplyBody;
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
  const pacing = { delayMs: exchange.delayMs, signal };
  const chunked = (bytes: Uint8Array) => rechunk([bytes], exchange.chunkSize);
  switch (step.fault) {
    case 'quota': {
      const quotaSignal = SITE_PROFILES[exchange.site].quotaSignal;
      if (quotaSignal === 'text-200') {
        return streamReply(response, chunked(Buffer.from(FREEGPT_QUOTA_TEXT)), pacing);
      }
      // A site with no known quota signal answers as any failed model call does: a plain 500.
      const fault = quotaSignal === 'status-500' ? 'quota' : 'server-error';
      return sendFixed(response, fixedFaultResponse(fault, step, record.entry.id));
    }
    case 'rate-limit':
    case 'server-error':
    case 'bad-gateway':
    case 'service-unavailable':
    case 'gateway-timeout':
    case 'cloudflare':
    case 'cloudflare-520':
    case 'invalid-signature':
      return sendFixed(response, fixedFaultResponse(step.fault, step, record.entry.id));
    case 'reset-before-headers':
      record.serverEnded = true;
      response.socket?.resetAndDestroy();
      return;
    case 'stall-before-headers':
      return;
    case 'reset-mid-reply':
    case 'stall-mid-reply':
    case 'truncated':
      return playPartialReply(step.fault, exchange);
    case 'invalid-utf8':
      return streamReply(response, chunked(invalidUtf8ReplyBytes()), pacing);
    case 'trickle': {
      const delayMs = step.delayMs ?? TRICKLE_DELAY_MS;
      return streamReply(response, rechunk(exchange.reply.blocks, 1), { delayMs, signal });
    }
    default: {
      const unknown: never = step.fault;
      throw new TypeError(`Unknown fault ${String(unknown)}.`);
    }
  }
}

/**
 * `reset-mid-reply`, `stall-mid-reply` and `truncated`: 200 headers and a strict part of the reply (see
 * `partialReplyLength`) in `chunkSize`-byte chunks, each flushed to the socket, then the fault.
 */
async function playPartialReply(
  fault: 'reset-mid-reply' | 'stall-mid-reply' | 'truncated',
  exchange: FaultExchange,
): Promise<void> {
  const { response, record, reply } = exchange;
  const length = partialReplyLength(reply.length, exchange.chunkSize);
  const chunks = rechunk(leadingBytes(reply.blocks, length), exchange.chunkSize);
  response.writeHead(200, { 'content-type': REPLY_CONTENT_TYPE, 'transfer-encoding': 'chunked' });
  response.flushHeaders();
  const pacing = { delayMs: exchange.delayMs, signal: exchange.signal, flushEach: true };
  if (!(await writeChunks(response, chunks, pacing))) return;
  if (fault === 'stall-mid-reply') return;
  record.serverEnded = true;
  if (fault === 'reset-mid-reply') response.socket?.resetAndDestroy();
  else response.socket?.end();
}
