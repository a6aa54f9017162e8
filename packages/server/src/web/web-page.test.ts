import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { webAssetsDirectory } from '@freechat/web';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

let withPage: TestServer;
let withoutPage: TestServer;
beforeAll(async () => {
  [withPage, withoutPage] = await Promise.all([
    startTestServer({ server: { ui: true, apiKey: 'secret-key' } }),
    startTestServer(),
  ]);
});
afterAll(() => Promise.all([withPage.close(), withoutPage.close()]));

describe('the web chat page (ui: true)', () => {
  it('serves index.html at / without the API key, under a strict Content-Security-Policy', async () => {
    const response = await request(`${withPage.url}/`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-cache');
    const html = await response.body.text();
    expect(html).toContain('<title>freechat</title>');
    // No inline script: the policy would block it.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('serves every built asset with its type, cacheable for good', async () => {
    const assets = await readdir(join(webAssetsDirectory, 'assets'));
    expect(assets.some((name) => name.endsWith('.js'))).toBe(true);
    for (const name of assets) {
      const response = await request(`${withPage.url}/assets/${name}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/(javascript|css); charset=utf-8$/);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      await response.body.dump();
    }
  });

  it('loads the code highlighter as a chunk of its own, which the page does not ask for up front', async () => {
    const assets = await readdir(join(webAssetsDirectory, 'assets'));
    const highlighter = assets.filter((name) => /^code-highlighting-[\w-]+\.js$/.test(name));
    expect(highlighter).toHaveLength(1);
    const html = await (await request(`${withPage.url}/`)).body.text();
    expect(html).not.toContain('code-highlighting');
    const entry = /<script type="module" crossorigin src="\.\/assets\/([\w-]+\.js)">/.exec(
      html,
    )?.[1];
    expect(entry).toBeDefined();
    const script = await (await request(`${withPage.url}/assets/${entry}`)).body.text();
    // Loaded by a dynamic import, relative to the entry, from this server (the policy's 'self').
    expect(script).toContain(`./${highlighter[0]}`);
    expect(script).not.toMatch(/https?:\/\//);
  });

  it('still requires the API key on /v1 and 404s an unknown asset', async () => {
    const models = await request(`${withPage.url}/v1/models`);
    expect(models.statusCode).toBe(401);
    await models.body.dump();
    const missing = await request(`${withPage.url}/assets/missing.js`, {
      headers: { authorization: 'Bearer secret-key' },
    });
    expect(missing.statusCode).toBe(404);
    await missing.body.dump();
  });
});

describe('without ui', () => {
  it('serves no page', async () => {
    const response = await request(`${withoutPage.url}/`);
    expect(response.statusCode).toBe(404);
    await response.body.dump();
  });
});
