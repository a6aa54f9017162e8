import { generateSignature } from '@freechat/core';
import {
  badRequest,
  describeValue,
  missingMessages,
  type Rejection,
  siteError,
} from '../faults/rejection.js';
import { GPROCHAT_SECRET, type SiteProfile } from '../sites/site-profile.js';
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
 * Strict mode's checks of a parsed `/api/generate` body, beyond the templates': exactly the keys
 * `messages`, `time`, `pass` and `sign`; `pass` null (or, with a site password, one that matches); the
 * site's message form ending with the user; `time` an integer in the site's unit within the window; and
 * `sign` matching. The first failure is returned with its precise reason.
 */
export function validateGenerateBody(
  site: string,
  profile: SiteProfile,
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
    return missing.includes('messages') ? missingMessages(profile, detail) : badRequest(detail);
  }
  const extra = Object.keys(record).filter((key) => !BODY_KEYS.includes(key));
  if (extra.length > 0) {
    return badRequest(
      `The body has unexpected keys: ${extra.join(', ')}; it takes exactly messages, time, pass and sign.`,
    );
  }
  if (profile.password === undefined && record.pass !== null) {
    return badRequest(
      `pass must be null (${site} has no site password), got ${describeValue(record.pass)}.`,
    );
  }
  const messages = validateMessages(site, profile, record.messages);
  if (!messages.ok) return messages;
  const password = checkStrictPassword(profile.password, record.pass);
  if (password !== undefined) return password;
  const time = record.time;
  if (typeof time !== 'number' || !Number.isSafeInteger(time)) {
    return badRequest(`time must be an integer (${profile.timeUnit}), got ${describeValue(time)}.`);
  }
  if (typeof record.sign !== 'string') {
    return badRequest(`sign must be a string, got ${describeValue(record.sign)}.`);
  }
  const timeProblem = checkTime(site, profile, time, context);
  if (timeProblem !== undefined) return invalidSignature(timeProblem);
  const signProblem = checkSign(site, profile.secret, time, messages.signedText, record.sign);
  if (signProblem !== undefined) return invalidSignature(signProblem);
  return { ok: true, signedText: messages.signedText };
}

function invalidSignature(detail: string): Rejection {
  return siteError(401, 'Invalid signature.', detail);
}

/** With a site password, `pass` must be a string equal to the whole list or one of its entries. */
function checkStrictPassword(password: string | undefined, pass: unknown): Rejection | undefined {
  if (password === undefined) return undefined;
  if (typeof pass === 'string' && (pass === password || password.split(',').includes(pass))) {
    return undefined;
  }
  return siteError(
    401,
    'Invalid password.',
    `pass ${describeValue(pass)} is neither the site password nor one of its comma-separated entries.`,
  );
}

function checkTime(
  site: string,
  profile: SiteProfile,
  time: number,
  context: ValidationContext,
): string | undefined {
  const inSeconds = profile.timeUnit === 'seconds';
  const scale = inSeconds ? 1000 : 1;
  const now = inSeconds ? Math.floor(context.now / 1000) : context.now;
  const window = context.timeWindowMs / scale;
  if (Math.abs(now - time) <= window) return undefined;
  const unit = inSeconds ? 's' : 'ms';
  const expected = `${site} expects time in ${profile.timeUnit}`;
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

function checkSign(
  site: string,
  secret: string,
  time: number,
  text: string,
  sign: string,
): string | undefined {
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
