import {
  checkSettings,
  createOptionChecker,
  type FailSetting,
  failExpected,
  setting,
} from '@freechat/core/internal';

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

/** A number of milliseconds, fractions allowed, from 0. */
const WAIT = setting.custom<number>('a number from 0', (value, field, fail) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? value
    : failExpected(fail, field, 'a number from 0', value),
);

/** The fields of a {@link ReplyStep}. */
const REPLY_STEP_SCHEMA = {
  text: setting.string(),
  size: setting.count({ max: Number.MAX_SAFE_INTEGER }),
  chunkSize: setting.size(),
  delayMs: WAIT,
} as const;

/** The fields of a {@link FaultStep}. */
const FAULT_STEP_SCHEMA = {
  fault: setting.required(setting.oneOf(FAULT_KINDS)),
  ...REPLY_STEP_SCHEMA,
  retryAfter: setting.count({ max: Number.MAX_SAFE_INTEGER }),
  retryAfterMs: WAIT,
} as const;

/**
 * Checks that a value is a well-formed scenario step and returns it; `path` names it in a message
 * (`step.chunkSize`).
 *
 * @throws InvalidSettingError (owner `emulator`) naming the field at fault.
 */
export function parseScenarioStep(value: unknown, path = 'step'): ScenarioStep {
  const { fail } = createOptionChecker('emulator');
  const isFault = typeof value === 'object' && value !== null && 'fault' in value;
  const step: ReplyStep | FaultStep = isFault
    ? checkSettings(FAULT_STEP_SCHEMA, value, path, fail, { refuseUnknown: true })
    : checkSettings(REPLY_STEP_SCHEMA, value, path, fail, { refuseUnknown: true });
  if (step.text !== undefined && step.size !== undefined) {
    fail(`${path}.size`, 'expected text or size, not both, got both');
  }
  if (isFault) checkFaultReply(step as FaultStep, path, fail);
  return value as ScenarioStep;
}

/** A fault takes `text` or `size` only if it sends a reply, and a mid-reply fault one it can cut. */
function checkFaultReply({ fault, text, size }: FaultStep, path: string, fail: FailSetting): void {
  if (text === undefined && size === undefined) return;
  const field = `${path}.${text === undefined ? 'size' : 'text'}`;
  if (!REPLY_FAULTS.includes(fault)) {
    fail(
      field,
      `expected none: the fault ${fault} sends no reply (only ${REPLY_FAULTS.join(', ')} do)`,
    );
  }
  const length = text === undefined ? size! : Buffer.byteLength(text);
  if (MID_REPLY_FAULTS.includes(fault) && length < 2) {
    fail(
      field,
      `expected a reply of at least 2 bytes: the fault ${fault} sends a strict part of it, got ${length}`,
    );
  }
}
