import { describe, expect, it } from 'vitest';
import { FailureTailGuard } from './failure-tail-guard.js';

const marker = 'Internal server error';

/** Feeds `pieces` to a fresh guard; what reached the caller, and how the reply ended. */
function run(pieces: readonly string[]): { text: string; failed: boolean } {
  const guard = new FailureTailGuard(marker);
  let text = '';
  for (const piece of pieces) text += guard.accept(piece);
  const end = guard.finish();
  return { text: text + end.text, failed: end.failed };
}

describe('FailureTailGuard', () => {
  const reply = `Partial answer. ${marker}`;

  it('recognises the marker at the end split at every position, in 2 pieces', () => {
    for (let at = 1; at < reply.length; at++) {
      const result = run([reply.slice(0, at), reply.slice(at)]);
      expect(result, `split at ${at}`).toMatchObject({ text: 'Partial answer. ', failed: true });
    }
  });

  it('recognises the marker at the end split at every pair of positions, in 3 pieces', () => {
    for (let first = 1; first < reply.length - 1; first++) {
      for (let second = first + 1; second < reply.length; second++) {
        const pieces = [reply.slice(0, first), reply.slice(first, second), reply.slice(second)];
        expect(run(pieces), `split at ${first} and ${second}`).toMatchObject({
          text: 'Partial answer. ',
          failed: true,
        });
      }
    }
  });

  it('passes the marker words mid-text, and a reply ending in only the start of them', () => {
    expect(run(['Internal server error happened earlier.'])).toEqual({
      text: 'Internal server error happened earlier.',
      failed: false,
    });
    expect(run(['It ended with Internal serv'])).toMatchObject({
      text: 'It ended with Internal serv',
      failed: false,
    });
  });

  it('holds back only what could still begin the marker, so text streams at once', () => {
    const guard = new FailureTailGuard(marker);
    expect(guard.accept('Hello, world')).toBe('Hello, world');
    expect(guard.accept('! In')).toBe('! ');
    expect(guard.accept('deed')).toBe('Indeed');
    expect(guard.accept(` ${marker}`)).toBe(' ');
    expect(guard.finish()).toEqual({ text: '', failed: true });
  });
});
