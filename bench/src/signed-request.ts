import { generateSignature, type Message } from '@freechat/core';
import { SCENARIO_HEADER } from '@freechat/emulator';

/** The one question every client of the bench asks. */
export const BENCH_MESSAGES: readonly Message[] = [{ role: 'user', content: 'Benchmark me.' }];

/**
 * The body a Free2GPT page sends for the bench's question, signed now (time in ms, no secret): what the
 * raw clients post, byte for byte what the freechat provider builds.
 */
export function signedRequestBody(): string {
  const time = Date.now();
  const question = BENCH_MESSAGES[BENCH_MESSAGES.length - 1]!.content;
  return JSON.stringify({
    messages: BENCH_MESSAGES,
    time,
    pass: null,
    sign: generateSignature(time, question),
  });
}

/** The headers the raw clients send: the page's content type and the reply step to play. */
export function requestHeaders(scenarioHeader: string): Record<string, string> {
  return { 'content-type': 'text/plain;charset=UTF-8', [SCENARIO_HEADER]: scenarioHeader };
}

/** The generate endpoint under a base URL. */
export function generateURL(baseURL: string): string {
  return `${baseURL}/api/generate`;
}
