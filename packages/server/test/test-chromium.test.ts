import { describe, expect, it } from 'vitest';
import { findChromium } from './test-chromium.js';

describe('findChromium', () => {
  it('takes FREECHAT_CHROMIUM first, with the environment as it is', async () => {
    const env = { FREECHAT_CHROMIUM: process.execPath, LD_LIBRARY_PATH: '/somewhere' };
    expect(await findChromium(env)).toEqual({
      browser: { executablePath: process.execPath, env, source: 'FREECHAT_CHROMIUM' },
    });
  });

  it('refuses a FREECHAT_CHROMIUM that is not an executable file, rather than looking elsewhere', async () => {
    for (const path of ['/nonexistent/chromium', '/tmp']) {
      await expect(findChromium({ FREECHAT_CHROMIUM: path })).rejects.toThrow(
        `FREECHAT_CHROMIUM is ${path}, which is not an executable file.`,
      );
    }
  });
});
