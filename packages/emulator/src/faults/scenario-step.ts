/**
 * A normal 200 reply. With no field set, the site's default reply to the question; `text` gives a fixed
 * reply instead, and `size` a deterministic generated reply of exactly that many bytes.
 */
export interface ReplyStep {
  /** The exact reply text. */
  text?: string;
  /**
   * The exact byte length of a deterministic generated reply (mixed ASCII and 2-, 3- and 4-byte UTF-8),
   * streamed without being allocated whole; see `generatedReplyChunks` and `generatedReplySha256`.
   */
  size?: number;
  /** Bytes per written chunk, overriding the emulator's `chunkSize`. */
  chunkSize?: number;
  /** Milliseconds between chunks, overriding the emulator's `delayMs`. */
  delayMs?: number;
}

/** Every fault the emulator can play, in a fixed order. */
export const FAULT_KINDS = [
  'quota',
  'rate-limit',
  'server-error',
  'bad-gateway',
  'service-unavailable',
  'gateway-timeout',
  'cloudflare',
  'cloudflare-520',
  'invalid-signature',
  'reset-before-headers',
  'reset-mid-reply',
  'stall-before-headers',
  'stall-mid-reply',
  'truncated',
  'invalid-utf8',
  'trickle',
  'model-quota',
  'fetch-failed',
  'internal-error-mid-reply',
  'stall-after-reply',
  'reset-close-delimited',
  'gzip-reply',
  'br-reply',
  'no-content-type',
  'cloudflare-200',
  'html-page',
  'invalid-api-key',
  'empty-reply',
] as const;

/** A failure the emulator can play instead of a normal reply (see the README for each one's wire form). */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The faults that send (some of) a reply, and so take a step's `text` or `size`. */
export const REPLY_FAULTS: readonly FaultKind[] = [
  'reset-mid-reply',
  'stall-mid-reply',
  'truncated',
  'trickle',
  'internal-error-mid-reply',
  'stall-after-reply',
  'reset-close-delimited',
  'gzip-reply',
  'br-reply',
  'no-content-type',
];

/**
 * The faults that send a strict part of their reply (see `partialReplyLength`), so need a reply of at
 * least 2 bytes.
 */
export const MID_REPLY_FAULTS: readonly FaultKind[] = [
  'reset-mid-reply',
  'stall-mid-reply',
  'truncated',
  'internal-error-mid-reply',
  'reset-close-delimited',
];

/** A failure played instead of a normal reply. */
export interface FaultStep {
  /** Which failure. */
  fault: FaultKind;
  /**
   * For the faults that send a reply (`REPLY_FAULTS`): the reply they send (part of), instead of the
   * default reply. At least 2 bytes for a fault that sends a strict part of it (`MID_REPLY_FAULTS`).
   */
  text?: string;
  /** Like `text`, but a deterministic generated reply of exactly this many bytes (as in a `ReplyStep`). */
  size?: number;
  /**
   * Whole seconds sent as `Retry-After` (a `rate-limit` sends 1 when neither this nor `retryAfterMs` is
   * set).
   */
  retryAfter?: number;
  /** Milliseconds sent as `retry-after-ms`. */
  retryAfterMs?: number;
  /** Bytes per written chunk for faults that stream a body, overriding the emulator's `chunkSize`. */
  chunkSize?: number;
  /** Milliseconds between chunks, overriding the emulator's `delayMs` (`trickle` defaults to 2). */
  delayMs?: number;
}

/** What one request to a site gets: a normal reply or a fault. */
export type ScenarioStep = ReplyStep | FaultStep;

/** Whether a step is a fault. */
export function isFaultStep(step: ScenarioStep): step is FaultStep {
  return 'fault' in step;
}

const REPLY_KEYS = new Set(['text', 'size', 'chunkSize', 'delayMs']);
const FAULT_KEYS = new Set([
  'fault',
  'text',
  'size',
  'retryAfter',
  'retryAfterMs',
  'chunkSize',
  'delayMs',
]);

/**
 * Checks that a value is a well-formed scenario step and returns it.
 *
 * @throws TypeError naming what is wrong.
 */
export function parseScenarioStep(value: unknown): ScenarioStep {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`A scenario step must be an object, got ${JSON.stringify(value)}.`);
  }
  const record = value as Record<string, unknown>;
  const isFault = 'fault' in record;
  const allowed = isFault ? FAULT_KEYS : REPLY_KEYS;
  for (const key of Object.keys(record)) {
    if (!allowed.has(key)) {
      const kind = isFault ? 'fault' : 'reply';
      throw new TypeError(`Unknown key '${key}' in a ${kind} step.`);
    }
  }
  if (isFault && !(FAULT_KINDS as readonly unknown[]).includes(record.fault)) {
    throw new TypeError(
      `Unknown fault ${JSON.stringify(record.fault)}; expected one of ${FAULT_KINDS.join(', ')}.`,
    );
  }
  if (record.text !== undefined && typeof record.text !== 'string') {
    throw new TypeError("A step's text must be a string.");
  }
  if (record.text !== undefined && record.size !== undefined) {
    throw new TypeError('A step takes text or size, not both.');
  }
  checkNumber(record, 'size', { integer: true, minimum: 0 });
  checkNumber(record, 'chunkSize', { integer: true, minimum: 1 });
  checkNumber(record, 'delayMs', { integer: false, minimum: 0 });
  checkNumber(record, 'retryAfter', { integer: true, minimum: 0 });
  checkNumber(record, 'retryAfterMs', { integer: false, minimum: 0 });
  if (isFault) checkFaultReply(record.fault as FaultKind, record.text, record.size);
  return record as ScenarioStep;
}

/** A fault takes `text` or `size` only if it sends a reply, and a mid-reply fault one it can cut. */
function checkFaultReply(fault: FaultKind, text: unknown, size: unknown): void {
  if (text === undefined && size === undefined) return;
  if (!REPLY_FAULTS.includes(fault)) {
    throw new TypeError(
      `The fault ${fault} sends no reply, so it takes no text or size (only ${REPLY_FAULTS.join(', ')} do).`,
    );
  }
  const length = typeof text === 'string' ? Buffer.byteLength(text) : (size as number);
  if (MID_REPLY_FAULTS.includes(fault) && length < 2) {
    throw new TypeError(
      `The fault ${fault} sends a strict part of its reply, so the reply must be at least 2 bytes, got ${length}.`,
    );
  }
}

function checkNumber(
  record: Record<string, unknown>,
  key: string,
  rule: { integer: boolean; minimum: number },
): void {
  const value = record[key];
  if (value === undefined) return;
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= rule.minimum &&
    (!rule.integer || Number.isSafeInteger(value));
  if (!valid) {
    const kind = rule.integer ? 'an integer' : 'a number';
    throw new TypeError(
      `A step's ${key} must be ${kind} ≥ ${rule.minimum}, got ${JSON.stringify(value)}.`,
    );
  }
}
