import { generateSignature } from '@freechat/core';
import type { Emulator } from './start-emulator.js';

/** Settings of `exampleCurlCommand`. */
export interface ExampleCurlOptions {
  /** The question asked. Default `'Hello, emulator!'`. */
  question?: string;
  /** The clock, in milliseconds, used for `time` and the sign. Default `Date.now`. */
  now?: () => number;
}

/**
 * A ready `curl` command asking a Free2GPT-style base (milliseconds, no secret, OpenAI-form messages)
 * one question, signed at the current time, so valid for the emulator's time window (five minutes by
 * default).
 */
export function exampleCurlCommand(baseURL: string, options: ExampleCurlOptions = {}): string {
  const question = options.question ?? 'Hello, emulator!';
  const time = (options.now ?? Date.now)();
  const body = JSON.stringify({
    messages: [{ role: 'user', content: question }],
    time,
    pass: null,
    sign: generateSignature(time, question),
  });
  const quotedBody = `'${body.replaceAll("'", "'\\''")}'`;
  return `curl -N ${baseURL}/api/generate -H 'content-type: text/plain;charset=UTF-8' --data-raw ${quotedBody}`;
}

/**
 * What the command line prints once the emulator is up: every site's base URL (FreeGpt's mirrors too)
 * and a ready `curl` command.
 */
export function formatEmulatorBanner(emulator: Emulator, options: ExampleCurlOptions = {}): string {
  const lines = [`freechat emulator listening on ${emulator.url}`, ''];
  for (const [site, bases] of Object.entries(emulator.mirrors)) {
    bases.forEach((base, index) => {
      const label = index === 0 ? site.padEnd(12) : ''.padEnd(12);
      lines.push(`  ${label}${base}${index === 0 ? '' : '  (mirror)'}`);
    });
  }
  lines.push(
    '',
    'Try it (signed just now; the sign is accepted for 5 minutes):',
    `  ${exampleCurlCommand(emulator.sites.free2gpt, options)}`,
    '',
    'Press Ctrl+C to stop.',
  );
  return `${lines.join('\n')}\n`;
}
