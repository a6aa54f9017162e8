import { generateSignature } from '@freechat/core';
import { badRequest, describeValue, invalidHistory, type Rejection } from './rejection.js';
import type { SiteId } from './site-id.js';
import { GPROCHAT_SECRET, SITE_PROFILES } from './site-profile.js';
import { validateMessages } from './validate-messages.js';

/** A request body that passed every check. */
export interface ValidGenerateBody {
  ok: true;
  /** The text the site signs: the last message's text (GPROChat: its one flattened text). */
  signedText: string;
}

/** What the checks need besides the body. */
export interface ValidationContext {
  /** The clock, in milliseconds. */
  now: number;
  /** The accepted distance of `time` from now, in milliseconds. */
  timeWindowMs: number;
}

const BODY_KEYS = ['messages', 'time', 'pass', 'sign'];

/**
 * Checks a parsed `/api/generate` body the way the site does: exactly the keys `messages`, `time`,
 * `pass` (null) and `sign`; the site's message form ending with the user; `time` in the site's unit
 * within the window; and `sign` matching. The first failure is returned with its precise reason.
 */
export function validateGenerateBody(
  site: SiteId,
  body: unknown,
  context: ValidationContext,
): ValidGenerateBody | Rejection {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return badRequest(
      `The body must be a JSON object {messages, time, pass, sign}, got ${describeValue(body)}.`,
    );
  }
  const record = body as Record<string, unknown>;
  const missing = BODY_KEYS.filter((key) => !(key in record));
  if (missing.length > 0) {
    const detail = `The body is missing: ${missing.join(', ')}.`;
    return missing.includes('messages') ? invalidHistory(detail) : badRequest(detail);
  }
  const extra = Object.keys(record).filter((key) => !BODY_KEYS.includes(key));
  if (extra.length > 0) {
    return badRequest(
      `The body has unexpected keys: ${extra.join(', ')}; it takes exactly messages, time, pass and sign.`,
    );
  }
  if (record.pass !== null)
    return badRequest(`pass must be null, got ${describeValue(record.pass)}.`);
  const messages = validateMessages(site, record.messages);
  if (!messages.ok) return messages;
  const profile = SITE_PROFILES[site];
  const time = record.time;
  if (typeof time !== 'number' || !Number.isSafeInteger(time)) {
    return badRequest(`time must be an integer (${profile.timeUnit}), got ${describeValue(time)}.`);
  }
  if (typeof record.sign !== 'string') {
    return badRequest(`sign must be a string, got ${describeValue(record.sign)}.`);
  }
  const timeProblem = checkTime(site, time, context);
  if (timeProblem !== undefined) return invalidSignature(timeProblem);
  const signProblem = checkSign(site, time, messages.signedText, record.sign);
  if (signProblem !== undefined) return invalidSignature(signProblem);
  return { ok: true, signedText: messages.signedText };
}

function invalidSignature(detail: string): Rejection {
  return { ok: false, status: 401, message: 'Invalid signature.', detail };
}

function checkTime(site: SiteId, time: number, context: ValidationContext): string | undefined {
  const inSeconds = SITE_PROFILES[site].timeUnit === 'seconds';
  const scale = inSeconds ? 1000 : 1;
  const now = inSeconds ? Math.floor(context.now / 1000) : context.now;
  const window = context.timeWindowMs / scale;
  if (Math.abs(now - time) <= window) return undefined;
  const unit = inSeconds ? 's' : 'ms';
  const expected = `${site} expects time in ${SITE_PROFILES[site].timeUnit}`;
  if (!inSeconds && Math.abs(context.now - time * 1000) <= context.timeWindowMs) {
    return `time ${time} looks like seconds; ${expected}.`;
  }
  if (inSeconds && Math.abs(context.now - time) <= context.timeWindowMs) {
    return `time ${time} looks like milliseconds; ${expected}.`;
  }
  const distance =
    time < now ? `${now - time} ${unit} in the past` : `${time - now} ${unit} in the future`;
  return `time ${time} is ${distance}, outside the accepted window of ±${window} ${unit}.`;
}

function checkSign(site: SiteId, time: number, text: string, sign: string): string | undefined {
  const secret = SITE_PROFILES[site].secret;
  const expected = generateSignature(time, text, secret);
  if (sign === expected) return undefined;
  const signed = `"${time}:" + the last message's text + ":${secret}"`;
  let hint = '';
  if (sign.toLowerCase() === expected) hint = ' It must be lowercase hex.';
  else if (secret !== '' && sign === generateSignature(time, text)) {
    hint = ` It was signed without ${site}'s secret.`;
  } else if (secret === '' && sign === generateSignature(time, text, GPROCHAT_SECRET)) {
    hint = ` It was signed with GPROChat's secret, which ${site} does not use.`;
  }
  return `sign ${describeValue(sign)} does not match sha256(${signed}), which is '${expected}'.${hint}`;
}
