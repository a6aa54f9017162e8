import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type TestBrowser } from '../../test/test-chromium.js';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

/**
 * DNS rebinding in a real browser: Chromium resolves `attacker.example` to 127.0.0.1, as a rebinding
 * attacker's DNS would once the victim has loaded the attacker's page. The page the browser then gets
 * from that name, and what the page's own scripts read from it, must be the server's 403.
 */

const ATTACKER = 'attacker.example';

let test: TestServer;
let browser: TestBrowser;
beforeAll(async () => {
  test = await startTestServer({ server: { ui: true } });
  browser = await launchChromium([`--host-resolver-rules=MAP ${ATTACKER} 127.0.0.1`]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await test?.close();
});

describe('a browser that reaches the server under another name', { timeout: 60_000 }, () => {
  it('gets a 403 for the page, and the page’s scripts get a 403 for the API', async () => {
    const page = await browser.context.newPage();
    try {
      const origin = `http://${ATTACKER}:${new URL(test.url).port}`;
      const response = await page.goto(`${origin}/`);
      expect(response?.status()).toBe(403);
      expect(await response?.json()).toMatchObject({ error: { code: 'host_not_allowed' } });
      // A script of the attacker's origin reads the API as its own origin's: it must get nothing.
      const read = (await page.evaluate(`fetch('${origin}/v1/providers').then(async (reply) => ({
        status: reply.status,
        body: await reply.json(),
      }))`)) as { status: number; body: { error: { code: string } } };
      expect(read.status).toBe(403);
      expect(read.body.error.code).toBe('host_not_allowed');
    } finally {
      await page.close();
    }
  });

  it('loads the chat page at the server’s own address', async () => {
    const page = await browser.context.newPage();
    try {
      const response = await page.goto(`${test.url}/`);
      expect(response?.status()).toBe(200);
      // The page has listed the models: its requests to the API were answered too.
      await page.locator('body[data-state="idle"]').waitFor();
      expect(await page.locator('#model option').count()).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
});
