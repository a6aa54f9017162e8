import { createHash } from 'node:crypto';
import { asciiReplyText } from './ascii-reply-server.js';
import type { ClientScenario } from './bench-scenario.js';
import { type ThroughputParams, throughputScenario } from './scenario-throughput.js';

/**
 * S3a: S3 with an ASCII reply (most replies are mostly ASCII), from the bench's ASCII reply server:
 * the same sizes, figures and workload, so a decoder's ASCII fast path shows beside S3's mixed UTF-8.
 */
export const asciiThroughputScenario: ClientScenario<ThroughputParams> = {
  ...throughputScenario,
  id: 'S3a',
  title: 'throughput: 64 MiB ASCII replies in 4 KiB chunks',
  upstream: 'ascii',
  targets: [],
  replyCheck(params) {
    const expected = createHash('sha256').update(asciiReplyText(params.size)).digest('hex');
    return (text) =>
      text.length === params.size && createHash('sha256').update(text).digest('hex') === expected;
  },
};
