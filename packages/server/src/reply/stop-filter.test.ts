import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StopFilter } from './stop-filter.js';

/** Feeds the chunks through a filter and returns what it lets through. */
function run(stops: string[], chunks: string[]): { text: string; stopped: boolean } {
  const filter = new StopFilter(stops);
  let text = '';
  for (const chunk of chunks) {
    text += filter.accept(chunk);
    if (filter.stopped) return { text, stopped: true };
  }
  const rest = filter.flush();
  return { text: text + rest, stopped: filter.stopped };
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
    expect(run(['STOP'], ['Hello S', 'T', 'OP world'])).toEqual({ text: 'Hello ', stopped: true });
  });

  it('cuts at the earliest of several stop sequences', () => {
    expect(run(['world', 'lo'], ['Hello world'])).toEqual({ text: 'Hel', stopped: true });
  });

  it('releases held-back text that was not a stop sequence', () => {
    expect(run(['STOP'], ['ends with ST'])).toEqual({ text: 'ends with ST', stopped: false });
  });

  it('waits for an earlier stop sequence to finish before cutting at a later one', () => {
    expect(run(['🚀b🚀', 'b'], ['🚀b', '🚀'])).toEqual({ text: '', stopped: true });
    expect(run(['xyz', 'y'], ['xy', 'Q'])).toEqual({ text: 'x', stopped: true });
    expect(run(['aéa', 'é'], ['aé'])).toEqual({ text: 'a', stopped: true });
  });

  it('lets through exactly the reply cut before its first stop sequence, however it is split', () => {
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
        },
      ),
    );
  });
});
