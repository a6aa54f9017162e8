import { brotliCompressSync, gzipSync } from 'node:zlib';
import { rechunk } from '../http/rechunk.js';
import type { RequestRecord } from '../http/request-record.js';
import {
  type EmulatorResponse,
  flushHead,
  resetExchange,
  type TcpSocketOf,
  truncateExchange,
  writeHead,
} from '../http/response-protocol.js';
import { replyHeaders, sendFixed, streamReply } from '../http/send-response.js';
import { writeChunks } from '../http/write-chunks.js';
import type { ReplyBody } from '../replies/reply-body.js';
import { FREEGPT_QUOTA_TEXT, type SiteProfile } from '../sites/site-profile.js';
import { fixedFaultResponse } from './fault-responses.js';
import { invalidUtf8ReplyBytes } from './invalid-utf8-reply.js';
import { leadingBytes, partialReplyLength } from './partial-reply.js';
import type { FaultStep } from './scenario-step.js';

/** The delay between the bytes of a `trickle` fault when the step gives none. */
const TRICKLE_DELAY_MS = 2;

/** What a Node deployment of either template appends when its model fails mid-reply. */
export const INTERNAL_ERROR_TAIL = 'Internal server error';

/** Everything a fault needs to play. */
export interface FaultExchange {
  /** The deployment asked. */
  profile: SiteProfile;
  /** The response to play the fault on. */
  response: EmulatorResponse;
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
  /** The TCP socket under a connection's socket (for a reset under TLS). */
  tcpSocketOf: TcpSocketOf;
}

/** Plays a fault on a response, in the deployment's template's form (see the README for each one). */
export async function playFault(step: FaultStep, exchange: FaultExchange): Promise<void> {
  const { response, record, signal, profile } = exchange;
  const pacing = { delayMs: exchange.delayMs, signal };
  const headers = replyHeaders(profile.template);
  const chunked = (bytes: Uint8Array) => rechunk([bytes], exchange.chunkSize);
  const fixed = (fault: Parameters<typeof fixedFaultResponse>[0]) =>
    sendFixed(response, fixedFaultResponse(fault, step, record.entry.id, profile.template));
  switch (step.fault) {
    case 'quota':
      if (profile.quota === 'text-200') {
        return streamReply(response, headers, chunked(Buffer.from(FREEGPT_QUOTA_TEXT)), pacing);
      }
      return fixed(profile.quota === 'gemini-500' ? 'quota' : 'model-quota');
    case 'rate-limit':
    case 'server-error':
    case 'bad-gateway':
    case 'service-unavailable':
    case 'gateway-timeout':
    case 'cloudflare':
    case 'cloudflare-520':
    case 'cloudflare-200':
    case 'html-page':
    case 'invalid-signature':
    case 'model-quota':
    case 'fetch-failed':
    case 'invalid-api-key':
      return fixed(step.fault);
    case 'empty-reply':
      return streamReply(response, headers, [], pacing);
    case 'reset-before-headers':
      record.serverEnded = true;
      resetExchange(response, exchange.tcpSocketOf);
      return;
    case 'stall-before-headers':
      return;
    case 'reset-mid-reply':
    case 'stall-mid-reply':
    case 'truncated':
    case 'internal-error-mid-reply':
    case 'reset-close-delimited':
      return playPartialReply(step.fault, exchange);
    case 'invalid-utf8':
      return streamReply(response, headers, chunked(invalidUtf8ReplyBytes()), pacing);
    case 'trickle': {
      const delayMs = step.delayMs ?? TRICKLE_DELAY_MS;
      return streamReply(response, headers, rechunk(exchange.reply.blocks, 1), {
        delayMs,
        signal,
      });
    }
    case 'stall-after-reply':
      return streamReply(response, headers, rechunk(exchange.reply.blocks, exchange.chunkSize), {
        ...pacing,
        end: false,
      });
    case 'gzip-reply':
    case 'br-reply': {
      const whole = Buffer.concat([...exchange.reply.blocks]);
      const gzip = step.fault === 'gzip-reply';
      const compressed = gzip ? gzipSync(whole) : brotliCompressSync(whole);
      const encoding = { 'content-encoding': gzip ? 'gzip' : 'br' };
      return streamReply(response, { ...headers, ...encoding }, chunked(compressed), pacing);
    }
    case 'no-content-type':
      return streamReply(
        response,
        { 'transfer-encoding': 'chunked' },
        rechunk(exchange.reply.blocks, exchange.chunkSize),
        pacing,
      );
    default: {
      const unknown: never = step.fault;
      throw new TypeError(`Unknown fault ${String(unknown)}.`);
    }
  }
}

/**
 * The faults that send a strict part of the reply (see `partialReplyLength`) in `chunkSize`-byte
 * chunks, each flushed to the socket, and then: reset it, stall, end it without the terminating chunk,
 * append `Internal server error` and end cleanly, or (`reset-close-delimited`: a `Connection: close`
 * reply with neither length nor chunking) reset it.
 */
async function playPartialReply(
  fault:
    | 'reset-mid-reply'
    | 'stall-mid-reply'
    | 'truncated'
    | 'internal-error-mid-reply'
    | 'reset-close-delimited',
  exchange: FaultExchange,
): Promise<void> {
  const { response, record, reply } = exchange;
  const length = partialReplyLength(reply.length, exchange.chunkSize);
  const chunks = rechunk(leadingBytes(reply.blocks, length), exchange.chunkSize);
  const { 'transfer-encoding': _chunked, ...typed } = replyHeaders(exchange.profile.template);
  if (fault === 'reset-close-delimited') {
    // No length and no chunking: the body ends when the connection does.
    // (Over HTTP/2, which frames every body alike, it is a reset mid-reply.)
    if ('useChunkedEncodingByDefault' in response) response.useChunkedEncodingByDefault = false;
    writeHead(response, 200, { ...typed, connection: 'close' });
  } else {
    writeHead(response, 200, { ...typed, 'transfer-encoding': 'chunked' });
  }
  flushHead(response);
  const pacing = { delayMs: exchange.delayMs, signal: exchange.signal, flushEach: true };
  if (!(await writeChunks(response, chunks, pacing))) return;
  switch (fault) {
    case 'stall-mid-reply':
      return;
    case 'internal-error-mid-reply':
      response.end(INTERNAL_ERROR_TAIL);
      return;
    case 'truncated':
      record.serverEnded = true;
      truncateExchange(response);
      return;
    default:
      record.serverEnded = true;
      resetExchange(response, exchange.tcpSocketOf);
  }
}
