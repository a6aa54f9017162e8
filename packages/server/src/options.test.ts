import { type InvalidRequestError, InvalidSettingError } from '@freechat/core';
import { describe, expect, it } from 'vitest';
import { createServer } from './create-server.js';
import { resolveServerOptions, type ServerOptions } from './options.js';

describe('resolveServerOptions', () => {
  it('refuses a bodyLimit without a prototype with the typed error, not a crash', () => {
    const run = () => createServer({ bodyLimit: Object.create(null) });
    expect(run).toThrow(InvalidSettingError);
    expect(run).toThrow(
      '[server] invalid bodyLimit: expected a whole number of bytes from 1 to 9007199254740991, got an object',
    );
  });

  it.each<[Partial<Record<keyof ServerOptions, unknown>>, string, string]>([
    [
      { bodyLimit: 5n },
      'bodyLimit',
      'expected a whole number of bytes from 1 to 9007199254740991, got 5n',
    ],
    [
      { writeTimeout: Number.POSITIVE_INFINITY },
      'writeTimeout',
      'expected a whole number of milliseconds from 1 to 2147483647, got Infinity',
    ],
    [
      { shutdownGracePeriod: Symbol('s') },
      'shutdownGracePeriod',
      'expected a whole number of milliseconds from 0 to 2147483647, got a symbol',
    ],
    [{ apiKey: '' }, 'apiKey', 'expected a non-empty string'],
    [{ clock: 5 }, 'clock', 'expected a function, got 5'],
    [{ logger: 'yes' }, 'logger', 'expected true or false, got "yes"'],
    [{ providers: {} }, 'providers', 'expected a list, got an object'],
    [
      { redisTimeout: 60_001 },
      'redisTimeout',
      'expected a whole number of milliseconds from 1 to 60000, got 60001',
    ],
  ])('refuses %o', (options, field, detail) => {
    let error: unknown;
    try {
      resolveServerOptions(options as ServerOptions);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidSettingError);
    expect((error as InvalidRequestError).field).toBe(field);
    expect((error as InvalidRequestError).message).toBe(`[server] invalid ${field}: ${detail}`);
  });
});

describe('redisTimeout', () => {
  it('is 100 ms by default and takes the value given', () => {
    expect(resolveServerOptions().redisTimeout).toBe(100);
    expect(resolveServerOptions({ redisTimeout: 2000 }).redisTimeout).toBe(2000);
  });
});
