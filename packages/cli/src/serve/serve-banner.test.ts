import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { killRunning, startCli } from '../../test/test-cli-process.js';
import { colorsFor } from '../terminal/colors.js';
import { apiKeySource } from './serve-api-key.js';
import { serveBanner } from './serve-banner.js';

const directory = mkdtempSync(join(tmpdir(), 'freechat-banner-'));
afterAll(() => {
  killRunning();
  rmSync(directory, { recursive: true, force: true });
});

const plain = colorsFor(createTestIO().io.stdout, { NO_COLOR: '1' });

/** The banner of a server on port 8787 whose keys came from `flags`, the environment and the file. */
function bannerFor(
  flags: { apiKeyFile?: string; config?: string },
  env: Record<string, string>,
  configKeys?: readonly string[],
) {
  const source = apiKeySource(flags, env, { apiKey: configKeys });
  const url = 'http://127.0.0.1:8787';
  return serveBanner({
    url,
    providers: ['freegpt'],
    emulated: false,
    apiKey: source,
    colors: plain,
  });
}

describe('the serve banner', () => {
  it('reads FREECHAT_API_KEY in its examples when the key came from there', () => {
    const banner = bannerFor({}, { FREECHAT_API_KEY: 'sk-env' });
    expect(banner).toContain('-H "Authorization: Bearer $FREECHAT_API_KEY"');
    expect(banner).toContain('apiKey: process.env.FREECHAT_API_KEY');
    expect(banner).not.toContain('sk-env');
  });

  it('says where the key is, never the key, when it came from a key file or the config file', () => {
    const keyFile = join(directory, 'key.txt');
    writeFileSync(keyFile, 'sk-from-file\n', { mode: 0o600 });
    const fromFile = bannerFor({ apiKeyFile: keyFile }, { FREECHAT_API_KEY: 'sk-env' });
    expect(fromFile).toContain(`-H "Authorization: Bearer <the key in ${keyFile}>"`);
    expect(fromFile).toContain(`apiKey: '<the key in ${keyFile}>'`);
    const fromConfig = bannerFor({ config: 'freechat.yaml' }, {}, ['sk-one', 'sk-two']);
    expect(fromConfig).toContain('Bearer <a key of apiKey in freechat.yaml>');
    expect(fromConfig).toContain("apiKey: '<a key of apiKey in freechat.yaml>'");
    for (const banner of [fromFile, fromConfig]) {
      expect(banner).not.toContain('FREECHAT_API_KEY');
      expect(banner).not.toMatch(/sk-/);
    }
  });

  it('shows no key at all when requests need none', () => {
    const banner = bannerFor({}, {});
    expect(banner).not.toContain('Authorization');
    expect(banner).toContain("apiKey: 'unused'");
  });

  it('of a real `freechat serve --config` names the file that holds the keys', async () => {
    const config = join(directory, 'freechat.yaml');
    writeFileSync(config, 'apiKey: [sk-config-one, sk-config-two]\n', { mode: 0o600 });
    const cli = startCli(['serve', '--emulator', '--port', '0', '--config', config]);
    const banner = await cli.waitForStdout('Press Ctrl+C to stop.');
    cli.child.kill('SIGTERM');
    expect((await cli.exit).code).toBe(0);
    expect(banner).toContain(`-H "Authorization: Bearer <a key of apiKey in ${config}>"`);
    expect(banner).not.toContain('$FREECHAT_API_KEY');
    expect(banner).not.toContain('sk-config');
  });
});
