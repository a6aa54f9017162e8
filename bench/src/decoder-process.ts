/**
 * S3d's own process: how fast each streaming UTF-8 decoder available in Node turns S3's reply, already
 * in memory, into one string, fed in 4 KiB pieces (as the emulator writes it) and in 64 KiB pieces (as
 * `readable.read()` coalesces what has arrived). No network: this isolates what S3's clients spend most
 * of their time on. Answers `{ [decoder]: { metrics, wrongAnswers } }` over IPC.
 */
import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { Utf8StreamDecoder } from '@freechat/core';
import { generatedReplyChunks, generatedReplySha256 } from '@freechat/emulator';
import type { WorkloadResult } from './bench-scenario.js';
import { now } from './request-timing.js';

type Decode = (pieces: readonly Uint8Array[]) => string;

const DECODERS: Record<string, Decode> = {
  'TextDecoder stream': (pieces) => {
    const decoder = new TextDecoder();
    let text = '';
    for (const piece of pieces) text += decoder.decode(piece, { stream: true });
    return text + decoder.decode();
  },
  string_decoder: (pieces) => {
    const decoder = new StringDecoder('utf8');
    let text = '';
    for (const piece of pieces) text += decoder.write(piece as Buffer);
    return text + decoder.end();
  },
  // freechat's own (core's ResponseReader uses it): one shared whole-piece TextDecoder, each piece
  // cut before its unfinished last character, which waits for the next piece.
  'Utf8StreamDecoder (whole + carry)': (pieces) => {
    const decoder = new Utf8StreamDecoder();
    let text = '';
    for (const piece of pieces) text += decoder.decode(piece);
    return text + decoder.end();
  },
};

function split(bytes: Buffer, size: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) {
    pieces.push(bytes.subarray(offset, offset + size));
  }
  return pieces;
}

function measure(decode: Decode, pieces: readonly Uint8Array[], size: number, expected: string) {
  let best = Number.POSITIVE_INFINITY;
  let wrong = 0;
  for (let round = 0; round < 3; round++) {
    const start = now();
    const text = decode(pieces);
    best = Math.min(best, now() - start);
    if (createHash('sha256').update(text, 'utf8').digest('hex') !== expected) wrong++;
  }
  return { megabytesPerSecond: size / 1e6 / (best / 1000), wrong };
}

process.once('message', (size: number) => {
  const bytes = Buffer.concat([...generatedReplyChunks(size)]);
  const expected = generatedReplySha256(size);
  const small = split(bytes, 4096);
  const coalesced = split(bytes, 65_536);
  const results: Record<string, WorkloadResult> = {};
  for (const [name, decode] of Object.entries(DECODERS)) {
    const inSmall = measure(decode, small, size, expected);
    const inCoalesced = measure(decode, coalesced, size, expected);
    results[name] = {
      metrics: {
        megabytesPerSecond4k: inSmall.megabytesPerSecond,
        megabytesPerSecond64k: inCoalesced.megabytesPerSecond,
      },
      wrongAnswers: inSmall.wrong + inCoalesced.wrong,
    };
  }
  process.send?.(results, () => process.exit(0));
});
