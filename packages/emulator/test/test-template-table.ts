import { createHash } from 'node:crypto';
import type { TemplateId } from '@freechat/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultReplyText } from '../src/replies/default-reply.js';
import type { SiteId } from '../src/sites/site-id.js';
import { type Emulator, startEmulator } from '../src/start-emulator.js';
import { postGenerate, TEST_NOW } from './test-client.js';

/** The password-protected, secret-signed deployment each template table also runs against. */
export const GUARDED = { secret: 's3cret', password: 'alpha,beta' } as const;

/** `sign` as the templates compute it: JavaScript's own string conversion of `time`, any value. */
export function sign(time: unknown, text: string, secret = ''): string {
  return createHash('sha256').update(`${time}:${text}:${secret}`, 'utf8').digest('hex');
}

/** How an answer must look: its status, its content type, and its exact body (or, in strict mode, a check of it). */
export interface ExpectedAnswer {
  status: number;
  contentType: string | undefined;
  /** The exact body; `{ reply }` for the default reply to that question; or an error message and detail. */
  body: string | { reply: string } | { message: string; detail: RegExp };
}

/** One request variant of the templates' checks (the README's "What the templates answer"), and how each mode answers it. */
export interface TemplateVariant {
  name: string;
  /** `guarded`: the deployment with GUARDED's secret and password; else the built-in site. */
  guarded?: boolean;
  /** The body: a value sent as JSON, or a string sent as is. */
  body: unknown;
  headers?: Record<string, string>;
  method?: 'GET';
  path?: string;
  /** As the template answers (the default). */
  template: ExpectedAnswer;
  /** As strict mode answers. */
  strict: ExpectedAnswer;
}

/** A site error body exactly as a template writes it. */
export function siteErrorBody(message: string): string {
  return JSON.stringify({ error: { message } });
}

/**
 * Registers the table of a template: every variant against the emulator's default mode (exact bytes,
 * as the template answers) and against strict mode.
 */
export function describeTemplateTable(
  template: TemplateId,
  site: SiteId,
  variants: readonly TemplateVariant[],
): void {
  const guardedId = template === 'gemini-pro-chat' ? 'gem' : 'demo';
  const emulators: Record<'template' | 'strict', Emulator<string>> = {} as never;
  beforeAll(async () => {
    const sites = { [guardedId]: { template, ...GUARDED } };
    emulators.template = await startEmulator({ now: () => TEST_NOW, sites });
    emulators.strict = await startEmulator({ now: () => TEST_NOW, sites, strict: true });
  });
  afterAll(async () => {
    await emulators.template.close();
    await emulators.strict.close();
  });

  describe.each(['template', 'strict'] as const)(`${template} (%s mode)`, (mode) => {
    it.each(variants.map((variant) => [variant.name, variant] as const))(
      '%s',
      async (_name, variant) => {
        const emulator = emulators[mode];
        const target = variant.guarded === true ? guardedId : site;
        const expected = variant[mode];
        const logged = emulator.nextRequest();
        const reply = await postGenerate(emulator.sites[target]!, variant.body, {
          headers: variant.headers,
          method: variant.method,
          path: variant.path,
        });
        expect(reply.status).toBe(expected.status);
        expect(reply.headers['content-type']).toBe(expected.contentType);
        const { body } = expected;
        if (typeof body === 'string') {
          expect(reply.text).toBe(body);
        } else if ('reply' in body) {
          expect(reply.text).toBe(defaultReplyText(target, body.reply));
        } else {
          const error = (JSON.parse(reply.text) as { error: Record<string, string> }).error;
          expect(error.message).toBe(body.message);
          expect(error.detail).toMatch(body.detail);
        }
        const entry = await logged;
        expect(entry.verdict).toBe(expected.status === 200 ? 'ok' : 'rejected');
        expect(entry.validation === 'ok').toBe(expected.status === 200);
      },
    );
  });
}
