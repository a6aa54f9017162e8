import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { partialReplyLength } from '@freechat/emulator';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, type TestBrowser } from '../../test/test-chromium.js';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

/**
 * The chat page end to end: Debian's Chromium (scripts/install-chromium.sh), driven by playwright-core,
 * against a server with `ui: true` in front of the emulator. Every wait is on the page's state, never
 * on time.
 */

/** Screenshots kept as test artefacts. */
const RESULTS = fileURLToPath(new URL('../../../web/test-results/', import.meta.url));
const MODEL = 'free2gpt/gemini-1.5-pro';

let test: TestServer;
let browser: TestBrowser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  test = await startTestServer({ server: { ui: true }, providers: { maxRetries: 0 } });
  browser = await launchChromium();
  context = browser.context;
  await mkdir(RESULTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await test?.close();
});

let dialogs: string[];
beforeEach(async () => {
  dialogs = [];
  page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await openPage();
});
afterEach(async () => {
  // Each test starts with an empty conversation.
  await page.evaluate('localStorage.clear()');
  await page.close();
});

async function openPage(): Promise<void> {
  await page.goto(`${test.url}/`);
  await page.locator('body[data-state="idle"]').waitFor();
  await page.selectOption('#model', MODEL);
}

async function ask(question: string): Promise<void> {
  await page.fill('#prompt', question);
  await page.press('#prompt', 'Enter');
}

/** Polls `read` until it passes; generous, for a loaded machine (vitest's default is one second). */
function eventually<T>(read: () => Promise<T>) {
  return expect.poll(read, { timeout: 30_000, interval: 50 });
}

/** The last reply, once it is no longer streaming. */
async function finishedReply() {
  const reply = page.locator('.message.assistant').last();
  await page.locator('body[data-state="idle"]').waitFor();
  return reply;
}

describe('the web chat page in Chromium', { timeout: 90_000 }, () => {
  it('lists the server’s models, the fallback chain first', async () => {
    const models = await page.locator('#model option').allTextContents();
    const response = await fetch(`${test.url}/v1/models`);
    const ids = ((await response.json()) as { data: { id: string }[] }).data.map(({ id }) => id);
    expect([...models].sort()).toEqual([...ids].sort());
    expect(models[0]).toBe('gemini-1.5-pro');
  });

  it('streams a reply in as it arrives, and Stop closes the request upstream', async () => {
    const text = 'Streaming in piece by piece until someone presses stop.';
    test.emulator.scenario('free2gpt', { fault: 'stall-mid-reply', text });
    const request = test.emulator.nextRequest();
    await ask('Tell me slowly.');
    const reply = page.locator('.message.assistant[data-status="streaming"]');
    // Part of the reply is on screen while the stream is still open: it arrived as it was sent.
    const partial = text.slice(0, partialReplyLength(text.length, 16));
    await eventually(() => reply.textContent()).toBe(partial);
    expect(await page.isVisible('#stop')).toBe(true);
    expect(await page.isHidden('#send')).toBe(true);

    await page.click('#stop');
    const entry = await request;
    await entry.closed;
    expect(entry.clientClosed).toBe(true);
    const stopped = page.locator('.message.assistant[data-status="stopped"]');
    await eventually(() => stopped.locator('p').first().textContent()).toBe(partial);
    expect(await stopped.locator('.note').textContent()).toBe('Stopped.');
    expect(await page.isVisible('#send')).toBe(true);
  });

  it('renders Markdown, sends the whole conversation, keeps it across a reload, and New chat clears it', async () => {
    test.emulator.scenario('free2gpt', {
      text: 'Here is **bold**, a [link](https://example.com/) and code:\n\n```js\nconst answer = 42;\n```',
    });
    await ask('First question?');
    const first = await finishedReply();
    expect(await first.getAttribute('data-status')).toBe('done');
    expect(await first.locator('strong').textContent()).toBe('bold');
    expect(await first.locator('a').getAttribute('href')).toBe('https://example.com/');
    expect(await first.locator('pre code.language-js').textContent()).toBe('const answer = 42;');
    await page.screenshot({ path: join(RESULTS, 'chat-page.png') });

    test.emulator.scenario('free2gpt', { text: 'Second answer.' });
    const request = test.emulator.nextRequest();
    await ask('Second question?');
    expect(((await request).body as { messages: unknown }).messages).toEqual([
      { role: 'user', content: 'First question?' },
      {
        role: 'assistant',
        content:
          'Here is **bold**, a [link](https://example.com/) and code:\n\n```js\nconst answer = 42;\n```',
      },
      { role: 'user', content: 'Second question?' },
    ]);
    expect(await (await finishedReply()).textContent()).toBe('Second answer.');

    await openPage();
    expect(await page.locator('.message').count()).toBe(4);
    expect(await page.locator('.message.user').first().textContent()).toBe('First question?');

    await page.click('#new-chat');
    expect(await page.locator('.message').count()).toBe(0);
    await openPage();
    expect(await page.locator('.message').count()).toBe(0);
    expect(await page.isVisible('#empty')).toBe(true);
  });

  it('shows an upstream error as the server words it', async () => {
    test.emulator.scenario('free2gpt', { fault: 'server-error' });
    const response = page.waitForResponse((candidate) =>
      candidate.url().endsWith('/v1/chat/completions'),
    );
    await ask('Will this fail?');
    const body = await (await response).text();
    // Before any text, the server answers with an error status; the page shows its error.message.
    const message = (JSON.parse(body) as { error: { message: string } }).error.message;
    expect(message).toContain('free2gpt');
    const error = page.locator('.message.error');
    await eventually(() => error.textContent()).toBe(message);
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await page.locator('.message.assistant').count()).toBe(0);
  });

  it('keeps the text of a reply that fails midway, and shows the stream’s error', async () => {
    const text = 'This reply is cut off before it ends, by a reset.';
    test.emulator.scenario('free2gpt', { fault: 'reset-mid-reply', text });
    const response = page.waitForResponse((candidate) =>
      candidate.url().endsWith('/v1/chat/completions'),
    );
    await ask('Will this break?');
    const events = await (await response).text();
    // Once text was sent, the failure comes as a `data: {"error": …}` event in the 200 stream.
    const errorEvent = events.split('\n').find((line) => line.startsWith('data: {"error"'));
    const message = (JSON.parse(errorEvent!.slice(6)) as { error: { message: string } }).error
      .message;
    const error = page.locator('.message.error');
    await eventually(() => error.textContent()).toBe(message);
    const reply = page.locator('.message.assistant');
    expect(await reply.getAttribute('data-status')).toBe('failed');
    expect(await reply.textContent()).toBe(text.slice(0, partialReplyLength(text.length, 16)));
  });

  it('asks for the API key when the server has one, and works once it is given', async () => {
    const guarded = await startTestServer({ server: { ui: true, apiKey: 'sesame' } });
    try {
      await page.goto(`${guarded.url}/`);
      await page.locator('body[data-state="unavailable"]').waitFor();
      const refusal = await fetch(`${guarded.url}/v1/models`);
      const { error } = (await refusal.json()) as { error: { message: string } };
      expect(await page.textContent('#notice')).toBe(`Cannot load the models: ${error.message}`);
      expect(await page.getAttribute('#settings', 'open')).toBe('');
      await page.fill('#api-key', 'sesame');
      await page.press('#api-key', 'Enter');
      await page.locator('body[data-state="idle"]').waitFor();
      expect(await page.isHidden('#notice')).toBe(true);
      guarded.emulator.scenario('free2gpt', { text: 'Authorised.' });
      await page.selectOption('#model', MODEL);
      await ask('Let me in?');
      expect(await (await finishedReply()).textContent()).toBe('Authorised.');
    } finally {
      await guarded.close();
    }
  });

  it('keeps HTML and script in the model’s text inert', async () => {
    const payload = [
      '<script>window.__pwned = 1</script>',
      '<img src=x onerror="window.__pwned = 2">',
      '[click me](javascript:window.__pwned=3)',
      '**<svg onload="window.__pwned = 4">**',
      '```html\n</code></pre><img src=x onerror="window.__pwned = 5">\n```',
    ].join('\n\n');
    test.emulator.scenario('free2gpt', { text: payload });
    await ask('Say something dangerous.');
    const reply = await finishedReply();
    expect(await reply.getAttribute('data-status')).toBe('done');
    expect(await reply.locator('script, img, svg, a, iframe, [onerror], [onload]').count()).toBe(0);
    const text = await reply.textContent();
    expect(text).toContain('<script>window.__pwned = 1</script>');
    expect(text).toContain('<img src=x onerror="window.__pwned = 2">');
    expect(await reply.locator('pre code').textContent()).toBe(
      '</code></pre><img src=x onerror="window.__pwned = 5">',
    );
    await reply.locator('strong').click();
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it('fits a phone-width screen, in dark mode', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'dark' });
    test.emulator.scenario('free2gpt', {
      text: `A long line of code scrolls inside its block:\n\n\`\`\`sh\n${'curl http://127.0.0.1:8787/v1/chat/completions '.repeat(4)}\n\`\`\`\n\nAndanunbrokenwordthatislongerthanthescreenwidthmustwrapratherthanwidenthepage.`,
    });
    await ask('Does it fit?');
    await finishedReply();
    // A string, evaluated in the page (the server's tests are type-checked without the DOM's types).
    const layout = (await page.evaluate(`({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      logScrollWidth: document.getElementById('log').scrollWidth,
      logClientWidth: document.getElementById('log').clientWidth,
      background: getComputedStyle(document.body).backgroundColor,
    })`)) as Record<'scrollWidth' | 'clientWidth' | 'logScrollWidth' | 'logClientWidth', number> & {
      background: string;
    };
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
    expect(layout.logScrollWidth).toBeLessThanOrEqual(layout.logClientWidth);
    expect(layout.background).toBe('rgb(17, 19, 24)');
    for (const selector of ['#model', '#new-chat', '#prompt', '#send']) {
      const box = await page.locator(selector).boundingBox();
      expect(box, selector).not.toBeNull();
      expect(box!.x, selector).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, selector).toBeLessThanOrEqual(390);
      expect(box!.y + box!.height, selector).toBeLessThanOrEqual(844);
    }
    await page.screenshot({ path: join(RESULTS, 'chat-page-phone-dark.png') });
  });
});
