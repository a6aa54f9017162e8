import { describe, expect, it } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { signalExitCode, stopOnSignal } from './io.js';

describe('stopOnSignal', () => {
  it('aborts on the first signal and remembers it, not a later one', () => {
    const test = createTestIO();
    const stop = stopOnSignal(test.io);
    expect(stop.signal.aborted).toBe(false);
    expect(stop.stoppedBy()).toBeUndefined();
    test.send('SIGTERM');
    expect(stop.signal.aborted).toBe(true);
    test.send('SIGINT');
    expect(stop.stoppedBy()).toBe('SIGTERM');
    expect(signalExitCode(stop.stoppedBy()!)).toBe(143);
    stop.release();
  });

  it('stops listening once released', () => {
    const test = createTestIO();
    const stop = stopOnSignal(test.io);
    stop.release();
    test.send('SIGINT');
    expect(stop.signal.aborted).toBe(false);
    expect(stop.stoppedBy()).toBeUndefined();
  });
});
