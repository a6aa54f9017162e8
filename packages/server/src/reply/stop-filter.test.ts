import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StopFilter } from './stop-filter.js';

interface Filtered {
  text: string;
  stopped: boolean;
  sequence: string | undefined;
}

/** Feeds the chunks through a filter and returns what it lets through, and where it stopped. */
function run(stops: string[], chunks: string[]): Filtered {
  const filter = new StopFilter(stops);
  let text = '';
  for (const chunk of chunks) {
    text += filter.accept(chunk);
    if (filter.stopped) return { text, stopped: true, sequence: filter.sequence };
  }
  const rest = filter.flush();
  return { text: text + rest, stopped: filter.stopped, sequence: filter.sequence };
}

/** The reply cut before the earliest occurrence of any stop sequence. */
function expected(stops: string[], reply: string): string {
  const cuts = stops.map((stop) => reply.indexOf(stop)).filter((index) => index !== -1);
  return cuts.length === 0 ? reply : reply.slice(0, Math.min(...cuts));
}

/** Splits text at the given positions. */
function split(text: string, positions: number[]): string[] {
  const points = [...new Set(positions.map((position) => position % (text.length + 1)))].sort(
    (a, b) => a - b,
  );
  const chunks: string[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(text.slice(start, point));
    start = point;
  }
  chunks.push(text.slice(start));
  return chunks;
}

describe('StopFilter', () => {
  it('cuts before a stop sequence split across chunks', () => {
    expect(run(['STOP'], ['Hello S', 'T', 'OP world'])).toEqual({
      text: 'Hello ',
      stopped: true,
      sequence: 'STOP',
    });
  });

  it('cuts at the earliest of several stop sequences', () => {
    expect(run(['world', 'lo'], ['Hello world'])).toMatchObject({ text: 'Hel', sequence: 'lo' });
  });

  it('releases held-back text that was not a stop sequence', () => {
    expect(run(['STOP'], ['ends with ST'])).toEqual({
      text: 'ends with ST',
      stopped: false,
      sequence: undefined,
    });
  });

  it('waits for an earlier stop sequence to finish before cutting at a later one', () => {
    expect(run(['🚀b🚀', 'b'], ['🚀b', '🚀'])).toMatchObject({ text: '', sequence: '🚀b🚀' });
    expect(run(['xyz', 'y'], ['xy', 'Q'])).toMatchObject({ text: 'x', sequence: 'y' });
    expect(run(['aéa', 'é'], ['aé'])).toMatchObject({ text: 'a', sequence: 'é' });
  });

  it('names the first listed of two stop sequences that begin at the same place in one chunk', () => {
    expect(run(['STOPPED', 'STOP'], ['a STOPPED b']).sequence).toBe('STOPPED');
    expect(run(['STOP', 'STOPPED'], ['a STOPPED b']).sequence).toBe('STOP');
  });

  it('lets through exactly the reply cut before its first stop sequence, and names a stop sequence found there, however it is split', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', 'é', '🚀');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 4 }),
        fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join('')),
        fc.array(fc.nat(), { maxLength: 10 }),
        (stops, reply, positions) => {
          const result = run(stops, split(reply, positions));
          expect(result.text).toBe(expected(stops, reply));
          expect(result.stopped).toBe(stops.some((stop) => reply.includes(stop)));
          // One of the stop sequences that begin where the text was cut (which, when a longer one
          // there had not arrived whole yet, depends on the split).
          if (result.stopped)
            expect(reply.startsWith(result.sequence!, result.text.length)).toBe(true);
          else expect(result.sequence).toBeUndefined();
        },
      ),
    );
  });
});
