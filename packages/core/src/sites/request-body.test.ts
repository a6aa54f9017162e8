import { describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import type { ProviderDefinition } from './provider-definition.js';
import { buildRequestBody } from './request-body.js';
import { generateSignature } from './signature.js';

const messages = [
  { role: 'system' as const, content: 'Be brief.' },
  { role: 'user' as const, content: 'Привет 🌍' },
];

describe('buildRequestBody', () => {
  it('sends the messages, the time in milliseconds, pass null and the signature', () => {
    const body = JSON.parse(
      buildRequestBody(
        testDefinition,
        { secret: 's3', password: undefined },
        messages,
        1_700_000_000_123.9,
      ),
    );
    expect(body).toEqual({
      messages,
      time: 1_700_000_000_123,
      pass: null,
      sign: generateSignature(1_700_000_000_123, 'Привет 🌍', 's3'),
    });
    expect(Object.keys(body)).toEqual(['messages', 'time', 'pass', 'sign']);
  });

  it("uses the site's time unit, its message form and its signed text", () => {
    const definition: ProviderDefinition<string> = {
      ...testDefinition,
      timeUnit: 'seconds',
      toRequestMessages: (list) => list.map((message) => ({ text: message.content })),
      toSignedText: (list) => list.map((message) => message.content).join('|'),
    };
    const body = JSON.parse(
      buildRequestBody(
        definition,
        { secret: '', password: undefined },
        messages,
        1_700_000_000_999,
      ),
    );
    expect(body).toEqual({
      messages: [{ text: 'Be brief.' }, { text: 'Привет 🌍' }],
      time: 1_700_000_000,
      pass: null,
      sign: generateSignature(1_700_000_000, 'Be brief.|Привет 🌍', ''),
    });
  });

  it('sends the site password as pass', () => {
    const body = JSON.parse(
      buildRequestBody(testDefinition, { secret: '', password: 'alpha' }, messages, 0),
    );
    expect(body.pass).toBe('alpha');
  });
});
