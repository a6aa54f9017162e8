import { TEST_NOW } from '../../test/test-client.js';
import {
  describeTemplateTable,
  type ExpectedAnswer,
  GUARDED,
  sign,
  siteErrorBody,
  type TemplateVariant,
} from '../../test/test-template-table.js';
import { INVALID_HISTORY_MESSAGE } from '../faults/rejection.js';
import { GPROCHAT_SECRET } from './site-profile.js';

const TEXT_TYPE = 'text/plain;charset=UTF-8';
const REPLY_TYPE = 'text/plain; charset=utf-8';
const QUESTION = 'Hello there';
const USER = { role: 'user', parts: [{ text: QUESTION }] };

/** A GeminiProChat body, signed over QUESTION at TEST_NOW, with fields replaced or (as `undefined`) removed. */
function body(fields: Record<string, unknown> = {}, secret = ''): Record<string, unknown> {
  const whole: Record<string, unknown> = {
    messages: [USER],
    time: TEST_NOW,
    pass: null,
    sign: sign(TEST_NOW, QUESTION, secret),
    ...fields,
  };
  return Object.fromEntries(Object.entries(whole).filter(([, value]) => value !== undefined));
}

const ok = (question = QUESTION): ExpectedAnswer => ({
  status: 200,
  contentType: REPLY_TYPE,
  body: { reply: question },
});
const site = (status: number, message: string): ExpectedAnswer => ({
  status,
  contentType: TEXT_TYPE,
  body: siteErrorBody(message),
});
const crash: ExpectedAnswer = { status: 500, contentType: undefined, body: '' };
const strict = (status: number, message: string, detail: RegExp): ExpectedAnswer => ({
  status,
  contentType: TEXT_TYPE,
  body: { message, detail },
});
const bad = (detail: RegExp) => strict(400, 'Bad request.', detail);
const history = (detail: RegExp) => strict(400, INVALID_HISTORY_MESSAGE, detail);
const badSign = (detail: RegExp) => strict(401, 'Invalid signature.', detail);
const badPassword = strict(401, 'Invalid password.', /neither the site password/);
const invalidSignature = site(401, 'Invalid signature.');
const invalidHistory = site(400, INVALID_HISTORY_MESSAGE);
const big = 'x'.repeat(3 * 1024 * 1024);

const variants: TemplateVariant[] = [
  { name: 'valid, text/plain', body: body(), template: ok(), strict: ok() },
  {
    name: 'valid, application/json',
    body: body(),
    headers: { 'content-type': 'application/json' },
    template: ok(),
    strict: ok(),
  },
  {
    name: 'valid, a form content type',
    body: body(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    template: ok(),
    strict: ok(),
  },
  {
    name: 'a sign over another text',
    body: body({ sign: sign(TEST_NOW, 'something else') }),
    template: invalidSignature,
    strict: badSign(/does not match/),
  },
  {
    name: 'an uppercase sign',
    body: body({ sign: sign(TEST_NOW, QUESTION).toUpperCase() }),
    template: invalidSignature,
    strict: badSign(/lowercase hex/),
  },
  {
    name: "signed with the other site's secret",
    body: body({ sign: sign(TEST_NOW, QUESTION, GPROCHAT_SECRET) }),
    template: invalidSignature,
    strict: badSign(/GPROChat's secret/),
  },
  {
    name: 'a stale time',
    body: body({ time: TEST_NOW - 3_600_000, sign: sign(TEST_NOW - 3_600_000, QUESTION) }),
    template: ok(),
    strict: badSign(/3600000 ms in the past/),
  },
  {
    name: 'a future time',
    body: body({ time: TEST_NOW + 3_600_000, sign: sign(TEST_NOW + 3_600_000, QUESTION) }),
    template: ok(),
    strict: badSign(/3600000 ms in the future/),
  },
  {
    name: 'time 0',
    body: body({ time: 0, sign: sign(0, QUESTION) }),
    template: ok(),
    strict: badSign(/in the past, outside the accepted window/),
  },
  {
    name: 'a string time',
    body: body({ time: String(TEST_NOW), sign: sign(String(TEST_NOW), QUESTION) }),
    template: ok(),
    strict: bad(/time must be an integer/),
  },
  {
    name: 'a float time',
    body: body({ time: TEST_NOW + 0.5, sign: sign(TEST_NOW + 0.5, QUESTION) }),
    template: ok(),
    strict: bad(/time must be an integer/),
  },
  {
    name: "no time (signed as 'undefined')",
    body: body({ time: undefined, sign: sign(undefined, QUESTION) }),
    template: ok(),
    strict: bad(/missing: time/),
  },
  {
    name: 'no sign',
    body: body({ sign: undefined }),
    template: invalidSignature,
    strict: bad(/missing: sign/),
  },
  {
    name: 'sign null',
    body: body({ sign: null }),
    template: invalidSignature,
    strict: bad(/sign must be a string/),
  },
  {
    name: 'pass set, no site password',
    body: body({ pass: 'whatever' }),
    template: ok(),
    strict: bad(/pass must be null/),
  },
  {
    name: 'no pass, no site password',
    body: body({ pass: undefined }),
    template: ok(),
    strict: bad(/missing: pass/),
  },
  {
    name: 'site password: one entry of the list',
    guarded: true,
    body: body({ pass: 'beta' }, GUARDED.secret),
    template: ok(),
    strict: ok(),
  },
  {
    name: 'site password: the whole list',
    guarded: true,
    body: body({ pass: GUARDED.password }, GUARDED.secret),
    template: ok(),
    strict: ok(),
  },
  {
    name: 'site password: a wrong one',
    guarded: true,
    body: body({ pass: 'gamma' }, GUARDED.secret),
    template: site(401, 'Invalid password.'),
    strict: badPassword,
  },
  {
    name: 'site password: pass null',
    guarded: true,
    body: body({}, GUARDED.secret),
    template: site(401, 'Invalid password.'),
    strict: badPassword,
  },
  {
    name: 'site password: no pass',
    guarded: true,
    body: body({ pass: undefined }, GUARDED.secret),
    template: site(401, 'Invalid password.'),
    strict: bad(/missing: pass/),
  },
  {
    name: 'site password right, secret missing from the sign',
    guarded: true,
    body: body({ pass: 'alpha' }),
    template: invalidSignature,
    strict: badSign(/without gem's secret/),
  },
  {
    name: 'an extra body key',
    body: body({ model: 'gemini-1.5-pro' }),
    template: ok(),
    strict: bad(/unexpected keys: model/),
  },
  {
    name: 'an extra message key',
    body: body({ messages: [{ ...USER, id: 7 }] }),
    template: ok(),
    strict: bad(/messages\[0\] has unexpected keys: id/),
  },
  {
    name: 'no messages',
    body: body({ messages: undefined }),
    template: invalidHistory,
    strict: history(/missing: messages/),
  },
  {
    name: 'messages empty',
    body: body({ messages: [] }),
    template: invalidHistory,
    strict: history(/non-empty array/),
  },
  {
    name: 'messages an object',
    body: body({ messages: {} }),
    template: crash,
    strict: history(/non-empty array/),
  },
  {
    name: 'messages a string',
    body: body({ messages: 'Hello there' }),
    template: invalidHistory,
    strict: history(/non-empty array/),
  },
  {
    name: 'messages [null]',
    body: body({ messages: [null] }),
    template: crash,
    strict: bad(/messages\[0\] must be an object/),
  },
  {
    name: 'a message without parts',
    body: body({ messages: [{ role: 'user' }] }),
    template: crash,
    strict: bad(/parts must be an array/),
  },
  {
    name: 'the OpenAI form',
    body: body({ messages: [{ role: 'user', content: QUESTION }] }),
    template: crash,
    strict: bad(/OpenAI form/),
  },
  {
    name: 'null parts (no content)',
    body: body({ messages: [{ role: 'user', parts: null }] }),
    template: crash,
    strict: bad(/parts must be an array/),
  },
  {
    name: "the last message not the user's",
    body: body({ messages: [USER, { role: 'model', parts: [{ text: QUESTION }] }] }),
    template: invalidHistory,
    strict: history(/got role 'model'/),
  },
  {
    name: 'a history message without parts',
    body: body({ messages: [{ role: 'model' }, USER] }),
    template: {
      status: 500,
      contentType: TEXT_TYPE,
      body: JSON.stringify({
        error: {
          code: 'TypeError',
          message: "Cannot read properties of undefined (reading 'map')",
        },
      }),
    },
    strict: bad(/messages\[0\]\.parts must be an array/),
  },
  {
    name: 'a system message in the history',
    body: body({ messages: [{ role: 'system', parts: [{ text: 'Be brief.' }] }, USER] }),
    template: {
      status: 500,
      contentType: TEXT_TYPE,
      body: '{"error":{"code":"Error","message":"Please use a valid role: user, model."}}',
    },
    strict: bad(/role must be 'user' or 'model'/),
  },
  {
    name: 'two parts, signed over their join',
    body: body({
      messages: [{ role: 'user', parts: [{ text: 'Hello ' }, { text: 'there' }] }],
      sign: sign(TEST_NOW, 'Hello there'),
    }),
    template: ok('Hello there'),
    strict: bad(/exactly one \{text\}/),
  },
  {
    name: 'two parts, signed over the first',
    body: body({
      messages: [{ role: 'user', parts: [{ text: 'Hello ' }, { text: 'there' }] }],
      sign: sign(TEST_NOW, 'Hello '),
    }),
    template: invalidSignature,
    strict: bad(/exactly one \{text\}/),
  },
  {
    name: 'body []',
    body: [],
    template: invalidHistory,
    strict: bad(/must be a JSON object/),
  },
  { name: 'body null', body: null, template: crash, strict: bad(/must be a JSON object/) },
  { name: 'body not JSON', body: '{"messages":', template: crash, strict: bad(/not valid JSON/) },
  { name: 'body empty', body: '', template: crash, strict: bad(/empty/) },
  {
    name: 'GET',
    body: undefined,
    method: 'GET',
    template: { status: 404, contentType: undefined, body: '' },
    strict: strict(405, 'Method not allowed.', /takes POST only/),
  },
  {
    name: '//api/generate',
    body: body(),
    path: '//api/generate',
    template: ok(),
    strict: strict(404, 'Not found.', /empty path segment/),
  },
  {
    name: '/api/generate/ (a trailing slash)',
    body: body(),
    path: '/api/generate/',
    template: { status: 404, contentType: undefined, body: 'Not found' },
    strict: strict(404, 'Not found.', /without a trailing slash/),
  },
  {
    name: 'GET /api/generate/',
    body: undefined,
    method: 'GET',
    path: '/api/generate/',
    template: { status: 404, contentType: undefined, body: 'Not found' },
    strict: strict(404, 'Not found.', /without a trailing slash/),
  },
  {
    name: 'a 3 MB question',
    body: body({ messages: [{ role: 'user', parts: [{ text: big }] }], sign: sign(TEST_NOW, big) }),
    template: ok(big),
    strict: ok(big),
  },
];

describeTemplateTable('gemini-pro-chat', 'aichatfree', variants);
