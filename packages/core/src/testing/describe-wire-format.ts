import { describe, expect, it } from 'vitest';
import { AuthRejectedError } from '../errors/auth-rejected-error.js';
import type { Message } from '../messages/message.js';
import type { Provider } from '../provider/provider.js';
import type { ProviderSettings } from '../settings/provider-settings.js';
import type { ConformanceEmulator } from './conformance-emulator.js';

/** The fixed clock of the wire test: 2023-11-14T22:13:20.123Z. */
export const WIRE_TEST_NOW = 1_700_000_000_123;

/** The fixed conversation of the wire test: a system message, history, and non-ASCII text. */
export const WIRE_TEST_CONVERSATION: readonly Message[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Привет! Как дела?' },
  { role: 'assistant', content: 'Хорошо 🙂' },
  { role: 'user', content: "What's 2+2? Ответь кратко." },
];

/** What a provider package pins about its wire format. */
export interface WireFormatOptions {
  /** The emulator's site id. */
  site: string;
  /** The package's factory. */
  createProvider: (settings: ProviderSettings) => Provider;
  /**
   * Starts an emulator whose clock is `now` (`startEmulator` from `@freechat/emulator`), with the
   * site's deployment overridden by `sites` when given (a site password).
   */
  startEmulator: (options: {
    now: () => number;
    sites?: Record<string, { password: string }>;
  }) => Promise<ConformanceEmulator>;
  /** The request path on the emulator, e.g. `/free2gpt/api/generate`. */
  path: string;
  /** The exact request body for WIRE_TEST_CONVERSATION at WIRE_TEST_NOW, computed independently. */
  body: string;
  /** Headers the request must carry (besides `content-type`, `origin`, `referer`), lowercased names. */
  headers: Readonly<Record<string, string>>;
  /** The `content-type` the request must carry (default `text/plain;charset=UTF-8`). */
  contentType?: string;
  /**
   * Whether the request carries `origin`/`referer` naming the base URL it went to (the emulator's
   * `{origin}` and `{base}/`), or neither.
   */
  originHeaders: boolean;
}

/**
 * Registers tests that pin a provider's request to the byte: for a fixed clock and conversation the
 * body must equal `body` exactly (and the emulator must accept it), the site's headers must be sent with
 * its content type and (or without) `origin`/`referer` naming the address actually used, the model
 * must never be sent, and the `password` setting must go as `pass`.
 */
export function describeWireFormat(options: WireFormatOptions): void {
  const now = (): number => WIRE_TEST_NOW;
  const messages = WIRE_TEST_CONVERSATION;

  describe(`${options.site}: wire format`, () => {
    it('sends exactly the expected body, the site headers, and no model', async () => {
      const emulator = await options.startEmulator({ now });
      try {
        const base = emulator.sites[options.site]!;
        const provider = options.createProvider({ baseURL: base, now });
        await provider.complete({ messages });
        await provider.complete({ messages, model: provider.models.at(-1) });
        await provider.close();
        const [first, second] = emulator.requests;
        expect(first!.verdict).toBe('ok');
        expect(first!.path).toBe(options.path);
        expect(first!.rawBody).toBe(options.body);
        expect(second!.rawBody).toBe(options.body);
        expect(first!.headers).toMatchObject({
          ...options.headers,
          'content-type': options.contentType ?? 'text/plain;charset=UTF-8',
        });
        if (options.originHeaders) {
          expect(first!.headers.origin).toBe(new URL(base).origin);
          expect(first!.headers.referer).toBe(`${base}/`);
        } else {
          expect(first!.headers.origin).toBeUndefined();
          expect(first!.headers.referer).toBeUndefined();
        }
      } finally {
        await emulator.close();
      }
    });

    it('sends the password as pass; without it, a password-protected site is a AuthRejectedError', async () => {
      const emulator = await options.startEmulator({
        now,
        sites: { [options.site]: { password: 'alpha,beta' } },
      });
      try {
        const base = emulator.sites[options.site]!;
        const withPassword = options.createProvider({ baseURL: base, now, password: 'beta' });
        await withPassword.complete({ messages });
        await withPassword.close();
        expect(emulator.requests[0]!.verdict).toBe('ok');
        expect((emulator.requests[0]!.body as { pass: unknown }).pass).toBe('beta');
        const without = options.createProvider({ baseURL: base, now, maxRetries: 0 });
        const error = await without.complete({ messages }).catch((caught: unknown) => caught);
        await without.close();
        expect(AuthRejectedError.isInstance(error) && error.credential).toBe('password');
        expect(emulator.requests).toHaveLength(2);
      } finally {
        await emulator.close();
      }
    });
  });
}
