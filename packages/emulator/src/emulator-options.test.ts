import { InvalidSettingError } from '@freechat/core';
import { describe, expect, it } from 'vitest';
import { type EmulatorOptions, resolveEmulatorOptions } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

describe('resolveEmulatorOptions', () => {
  it('refuses a chunkSize without a prototype with the typed error, not a crash', async () => {
    const started = startEmulator({ chunkSize: Object.create(null) });
    await expect(started).rejects.toBeInstanceOf(InvalidSettingError);
    await expect(started).rejects.toThrow(
      '[emulator] invalid chunkSize: expected a whole number of bytes from 1 to 9007199254740991, got an object',
    );
  });

  it.each<[Partial<Record<keyof EmulatorOptions, unknown>>, string, string]>([
    [{ port: 65_536 }, 'port', 'expected a whole number from 0 to 65535, got 65536'],
    [
      { chunkSize: 0 },
      'chunkSize',
      'expected a whole number of bytes from 1 to 9007199254740991, got 0',
    ],
    [
      { maxLogEntries: 5n },
      'maxLogEntries',
      'expected a whole number from 0 to 9007199254740991, got 5n',
    ],
    [
      { delayMs: 1.5 },
      'delayMs',
      'expected a whole number of milliseconds from 0 to 2147483647, got 1.5',
    ],
    [
      { timeWindowMs: Number.NaN },
      'timeWindowMs',
      'expected a whole number of milliseconds from 0 to 2147483647, got NaN',
    ],
    [{ strict: 1 }, 'strict', 'expected true or false, got 1'],
    [{ host: Symbol('h') }, 'host', 'expected a non-empty string, got a symbol'],
    [{ now: 'clock' }, 'now', 'expected a function, got "clock"'],
  ])('refuses %o', (options, field, detail) => {
    let error: unknown;
    try {
      resolveEmulatorOptions(options as EmulatorOptions);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidSettingError);
    expect((error as InvalidSettingError).field).toBe(field);
    expect((error as InvalidSettingError).message).toBe(`[emulator] invalid ${field}: ${detail}`);
  });
});
