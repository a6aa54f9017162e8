import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { useTestProvider } from '../../test/test-provider.js';

const setup = useTestProvider();
const messages = [{ role: 'user' as const, content: 'hi' }];
const STREAMS = 50;

/** Collects the process warnings emitted while `run` runs (and the tick after). */
async function warningsDuring(run: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const listener = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', listener);
  try {
    await run();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listener);
  }
  return warnings;
}

/** Opens STREAMS streams on `signal`, each holding its response open after its first text. */
async function openStreams(signal: AbortSignal) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  setup.server.handle(async (_request, response) => {
    response.writeHead(200).write('first ');
    await released;
    response.end('last');
  });
  const streams = Array.from({ length: STREAMS }, () =>
    setup.provider.stream({ messages, signal }),
  );
  for (const stream of streams) expect((await stream.next()).value).toBe('first ');
  return { streams, release };
}

describe('one AbortSignal shared by many streams', () => {
  it('carries one listener of ours at most, none once they end, and prints no warning', async () => {
    const controller = new AbortController();
    const warnings = await warningsDuring(async () => {
      const { streams, release } = await openStreams(controller.signal);
      expect(getEventListeners(controller.signal, 'abort').length).toBe(1);
      release();
      for (const stream of streams) {
        expect((await stream.next()).value).toBe('last');
        expect((await stream.next()).done).toBe(true);
      }
    });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(warnings).toEqual([]);
  });

  it('aborts every stream at once, without a MaxListenersExceededWarning', async () => {
    const controller = new AbortController();
    const warnings = await warningsDuring(async () => {
      const { streams } = await openStreams(controller.signal);
      controller.abort();
      const outcomes = await Promise.allSettled(streams.map((stream) => stream.next()));
      expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
      expect(outcomes.map((outcome) => (outcome as PromiseRejectedResult).reason.name)).toEqual(
        Array(STREAMS).fill('AbortError'),
      );
    });
    expect(warnings).toEqual([]);
  });

  it('keeps no listener of a stream dropped once its whole reply had arrived', async () => {
    const controller = new AbortController();
    setup.server.handle((_request, response) => {
      response.end('the whole reply');
    });
    // Each stream hands out its only text, and its caller stops pulling: no return(), no abort.
    for (let index = 0; index < STREAMS; index++) {
      const stream = setup.provider.stream({ messages, signal: controller.signal });
      expect((await stream.next()).value).toBe('the whole reply');
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
