import type { TemplateId } from '@freechat/core';
import { convertToGeminiMessages, generateSignature } from '@freechat/core';
import type { Emulator } from '../start-emulator.js';

/** Settings of `exampleCurlCommand`. */
export interface ExampleCurlOptions {
  /** The question asked. Default `'Hello, emulator!'`. */
  question?: string;
  /** The clock, in milliseconds, used for `time` and the sign. Default `Date.now`. */
  now?: () => number;
  /** The template of the deployment asked, which decides the message form. Default `'chatgpt-demo'`. */
  template?: TemplateId;
  /** The deployment's signing secret. Default `''`. */
  secret?: string;
}

/** Settings of `formatEmulatorBanner`. */
export interface EmulatorBannerOptions extends ExampleCurlOptions {
  /** The site the `curl` example asks. Default `'free2gpt'`. */
  exampleSite?: string;
  /** The sites that have a site password (marked as such; the password itself is never printed). */
  passwordSites?: readonly string[];
}

/**
 * A ready `curl` command asking a deployment one question (time in milliseconds, the template's message
 * form, signed with the deployment's secret), signed at the current time, so valid in strict mode for
 * its time window (five minutes by default) and at any time for the templates.
 */
export function exampleCurlCommand(baseURL: string, options: ExampleCurlOptions = {}): string {
  const question = options.question ?? 'Hello, emulator!';
  const time = (options.now ?? Date.now)();
  const messages = [{ role: 'user' as const, content: question }];
  const body = JSON.stringify({
    messages: options.template === 'gemini-pro-chat' ? convertToGeminiMessages(messages) : messages,
    time,
    pass: null,
    sign: generateSignature(time, question, options.secret),
  });
  const quotedBody = `'${body.replaceAll("'", "'\\''")}'`;
  return `curl -N ${baseURL}/api/generate -H 'content-type: text/plain;charset=UTF-8' --data-raw ${quotedBody}`;
}

/**
 * What the command line prints once the emulator is up: its mode, every site's base URL (FreeGpt's
 * mirrors too) with its template, and a ready `curl` command.
 */
export function formatEmulatorBanner(
  emulator: Emulator<string>,
  options: EmulatorBannerOptions = {},
): string {
  const mode = emulator.strict
    ? 'strict mode: the templates’ checks and a client’s exact request'
    : 'answering as the site templates do';
  const lines = [`freechat emulator listening on ${emulator.url} (${mode})`, ''];
  const width = Math.max(12, ...Object.keys(emulator.mirrors).map((site) => site.length + 2));
  for (const [site, bases] of Object.entries(emulator.mirrors)) {
    const password = options.passwordSites?.includes(site) ? ', site password' : '';
    bases.forEach((base, index) => {
      const label = index === 0 ? site.padEnd(width) : ''.padEnd(width);
      const note = index === 0 ? `  (${emulator.templates[site]}${password})` : '  (mirror)';
      lines.push(`  ${label}${base}${note}`);
    });
  }
  const exampleSite = options.exampleSite ?? 'free2gpt';
  const signed = emulator.strict
    ? 'signed just now; strict mode accepts the sign for 5 minutes'
    : 'signed just now';
  lines.push(
    '',
    `Try it (${signed}):`,
    `  ${exampleCurlCommand(emulator.sites[exampleSite] ?? emulator.url, options)}`,
    '',
    'Press Ctrl+C to stop.',
  );
  return `${lines.join('\n')}\n`;
}
