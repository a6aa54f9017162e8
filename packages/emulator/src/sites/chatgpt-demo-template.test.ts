import { TEST_NOW } from '../../test/test-client.js';
import {
  describeTemplateTable,
  type ExpectedAnswer,
  GUARDED,
  sign,
  siteErrorBody,
  type TemplateVariant,
} from '../../test/test-template-table.js';
import { NO_INPUT_MESSAGE } from '../faults/rejection.js';
import { GPROCHAT_SECRET } from './site-profile.js';

const TEXT_TYPE = 'text/plain;charset=UTF-8';
const QUESTION = 'Hello there';
const USER = { role: 'user', content: QUESTION };

/** A chatgpt-demo body, signed over QUESTION at TEST_NOW, with fields replaced or (as `undefined`) removed. */
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

/** chatgpt-demo's 200 carries no content type. */
const ok = (question = QUESTION): ExpectedAnswer => ({
  status: 200,
  contentType: undefined,
  body: { reply: question },
});
const site = (status: number, message: string): ExpectedAnswer => ({
  status,
  contentType: TEXT_TYPE,
  body: siteErrorBody(message),
});
/** The model API's 400 for a malformed list, passed through with no content type. */
const modelRefuses = (message: string): ExpectedAnswer => ({
  status: 400,
  contentType: undefined,
  body: JSON.stringify({
    error: { message, type: 'invalid_request_error', param: 'messages', code: null },
  }),
});
const crash: ExpectedAnswer = { status: 500, contentType: undefined, body: '' };
const strict = (status: number, message: string, detail: RegExp): ExpectedAnswer => ({
  status,
  contentType: TEXT_TYPE,
  body: { message, detail },
});
const bad = (detail: RegExp) => strict(400, 'Bad request.', detail);
const badSign = (detail: RegExp) => strict(401, 'Invalid signature.', detail);
const badPassword = strict(401, 'Invalid password.', /neither the site password/);
const invalidSignature = site(401, 'Invalid signature.');
const noInput = site(400, NO_INPUT_MESSAGE);
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
    body: body({ pass: 'alpha' }, GUARDED.secret),
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
    body: body({ pass: 'alpha,' }, GUARDED.secret),
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
    body: body({ pass: 'beta' }),
    template: invalidSignature,
    strict: badSign(/without demo's secret/),
  },
  {
    name: 'an extra body key',
    body: body({ temperature: 0.6 }),
    template: ok(),
    strict: bad(/unexpected keys: temperature/),
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
    template: noInput,
    strict: strict(400, NO_INPUT_MESSAGE, /missing: messages/),
  },
  {
    name: 'messages null',
    body: body({ messages: null }),
    template: noInput,
    strict: strict(400, NO_INPUT_MESSAGE, /non-empty array/),
  },
  {
    name: 'messages empty (signed over "")',
    body: body({ messages: [], sign: sign(TEST_NOW, '') }),
    template: modelRefuses(
      "Invalid 'messages': empty array. Expected an array with minimum length 1.",
    ),
    strict: bad(/non-empty array/),
  },
  {
    name: 'messages empty, signed over a question',
    body: body({ messages: [] }),
    template: invalidSignature,
    strict: bad(/non-empty array/),
  },
  {
    name: 'messages an object',
    body: body({ messages: {}, sign: sign(TEST_NOW, '') }),
    template: modelRefuses(
      "Invalid type for 'messages': expected an array, but got an object instead.",
    ),
    strict: bad(/non-empty array/),
  },
  {
    name: 'messages [null]',
    body: body({ messages: [null], sign: sign(TEST_NOW, '') }),
    template: modelRefuses(
      "Invalid type for 'messages[0]': expected an object, but got null instead.",
    ),
    strict: bad(/messages\[0\] must be an object/),
  },
  {
    name: 'an unknown role',
    body: body({ messages: [{ role: 'robot', content: QUESTION }] }),
    template: modelRefuses(
      "Invalid value for 'messages[0].role': \"robot\". Supported values are: 'system', 'user' and 'assistant'.",
    ),
    strict: bad(/role must be 'system', 'user' or 'assistant'/),
  },
  {
    name: 'the Gemini form (signed over "")',
    body: body({
      messages: [{ role: 'user', parts: [{ text: QUESTION }] }],
      sign: sign(TEST_NOW, ''),
    }),
    template: modelRefuses(
      "Invalid type for 'messages[0].content': expected a string, but got nothing instead.",
    ),
    strict: bad(/Gemini form/),
  },
  {
    name: 'null content (signed over "")',
    body: body({ messages: [{ role: 'user', content: null }], sign: sign(TEST_NOW, '') }),
    template: modelRefuses(
      "Invalid type for 'messages[0].content': expected a string, but got null instead.",
    ),
    strict: bad(/content must be a string/),
  },
  {
    name: "the last message not the user's (signed over it)",
    body: body({
      messages: [USER, { role: 'assistant', content: 'Hi!' }],
      sign: sign(TEST_NOW, 'Hi!'),
    }),
    template: ok('Hi!'),
    strict: bad(/last message must be from the user/),
  },
  {
    name: 'a system message in the history',
    body: body({ messages: [{ role: 'system', content: 'Be brief.' }, USER] }),
    template: ok(),
    strict: ok(),
  },
  { name: 'body []', body: [], template: noInput, strict: bad(/must be a JSON object/) },
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
    body: body({ messages: [{ role: 'user', content: big }], sign: sign(TEST_NOW, big) }),
    template: ok(big),
    strict: ok(big),
  },
];

describeTemplateTable('chatgpt-demo', 'free2gpt', variants);
