import { describe, expect, it } from 'vitest';
import { layerSettings, SETTING_PRECEDENCE, type SettingSource } from './setting-layers.js';

describe('layerSettings: flag > environment > file > default', () => {
  /** Every combination of sources giving `timeout`, and the one whose value must hold. */
  const rows: [readonly SettingSource[], SettingSource | undefined][] = [
    [['flag', 'environment', 'file', 'default'], 'flag'],
    [['flag', 'file'], 'flag'],
    [['flag', 'default'], 'flag'],
    [['environment', 'file', 'default'], 'environment'],
    [['environment', 'default'], 'environment'],
    [['file', 'default'], 'file'],
    [['file'], 'file'],
    [['default'], 'default'],
    [[], undefined],
  ];
  const values: Record<SettingSource, number> = { flag: 1, environment: 2, file: 3, default: 4 };

  it.each(rows)('given by %j, takes the value of %s', (givenBy, winner) => {
    const layers = Object.fromEntries(
      givenBy.map((source) => [source, { timeout: values[source] }]),
    );
    const settings = layerSettings<{ timeout: number }>(layers);
    expect(settings).toEqual(winner === undefined ? {} : { timeout: values[winner] });
  });

  it('decides each field apart, and takes an undefined field as not given', () => {
    expect(
      layerSettings<{ proxy: string; timeout: number; maxRetries: number }>({
        flag: { timeout: 1, proxy: undefined },
        environment: { proxy: 'http://env.example:1' },
        file: { proxy: 'http://file.example:1', maxRetries: 0 },
        default: { timeout: 60_000 },
      }),
    ).toEqual({ timeout: 1, proxy: 'http://env.example:1', maxRetries: 0 });
  });

  it('lists the sources strongest first', () => {
    expect(SETTING_PRECEDENCE).toEqual(['flag', 'environment', 'file', 'default']);
  });
});
