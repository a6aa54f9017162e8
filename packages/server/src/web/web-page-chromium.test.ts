import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { partialReplyLength } from '@freechat/emulator';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findChromium, launchChromium, type TestBrowser } from '../../test/test-chromium.js';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

/**
 * The chat page end to end: a Chromium (see test-chromium.ts for where it comes from), driven by
 * playwright-core through roles and labels, against a server with `ui: true` in front of the emulator.
 * Only the tool-call case answers from the browser's side (`page.route`): the server does not stream
 * tool calls yet. Every wait is on the page's state, never on time.
 */

const search = await findChromium();
/** CI never skips the browser test: no browser there is a failure. */
const inCi = !['', '0', 'false'].includes(process.env.CI ?? '');
if ('missing' in search) {
  if (inCi) throw new Error(search.missing);
  console.warn(`Skipping the chat page's browser test. ${search.missing}`);
}
const browser = 'browser' in search ? search.browser : undefined;

/** Screenshots kept as test artefacts (the ones in docs/ are copied from here). */
const RESULTS = fileURLToPath(new URL('../../../web/test-results/', import.meta.url));
const MODEL = 'free2gpt/gemini-1.5-pro';
const CONNECTION_LOST =
  'The connection to the freechat server was lost before the reply was complete.';

let test: TestServer;
let launched: TestBrowser | undefined;
let context: BrowserContext;
let page: Page;

describe.skipIf(browser === undefined)(
  `the web chat page in Chromium (${browser?.source ?? ('missing' in search ? search.missing : '')})`,
  { timeout: 90_000 },
  () => {
    beforeAll(async () => {
      test = await startTestServer({ server: { ui: true }, providers: { maxRetries: 0 } });
      launched = await launchChromium([], browser);
      context = launched.context;
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: test.url });
      await mkdir(RESULTS, { recursive: true });
    }, 120_000);

    afterAll(async () => {
      await launched?.close();
      await test?.close();
    });

    let dialogs: string[];
    let scripts: string[];
    let policyViolations: string[];
    beforeEach(async () => {
      dialogs = [];
      scripts = [];
      policyViolations = [];
      page = await context.newPage();
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy'))
          policyViolations.push(message.text());
      });
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
      });
      await openPage();
    });
    afterEach(async () => {
      // Each test starts with no conversation.
      await page.evaluate('localStorage.clear()');
      await page.close();
      // Everything the page does (the highlighter's chunk, the icons) stays within its policy.
      expect(policyViolations).toEqual([]);
    });

    async function openPage(url = `${test.url}/`): Promise<void> {
      await page.goto(url);
      await page.locator('body[data-state="idle"]').waitFor();
      await page.getByLabel('Model').selectOption(MODEL);
    }

    /** The message box (exactly: `Your message` and `Edit message` are names too). */
    function prompt() {
      return page.getByRole('textbox', { name: 'Message', exact: true });
    }

    async function ask(question: string): Promise<void> {
      await prompt().fill(question);
      await prompt().press('Enter');
    }

    /** The replies on screen. */
    function replies() {
      return page.getByRole('article', { name: 'Reply' });
    }

    /** The last reply, once it is no longer streaming. */
    async function finishedReply() {
      await page.locator('body[data-state="idle"]').waitFor();
      return replies().last();
    }

    /** The conversation list. */
    function conversations() {
      return page.getByRole('navigation', { name: 'Chats' });
    }

    /** Polls `read` until it passes; generous, for a loaded machine (vitest's default is one second). */
    function eventually<T>(read: () => Promise<T>) {
      return expect.poll(read, { timeout: 30_000, interval: 50 });
    }

    async function clipboard(): Promise<string> {
      return (await page.evaluate('navigator.clipboard.readText()')) as string;
    }

    it('focuses the prompt, and lists the models by name, the fallback chain first and described', async () => {
      expect(await page.evaluate('document.activeElement.id')).toBe('prompt');
      const select = page.getByLabel('Model');
      const values = await page.evaluate(
        "[...document.getElementById('model').options].map((option) => option.value)",
      );
      const response = await fetch(`${test.url}/v1/models`);
      const ids = ((await response.json()) as { data: { id: string }[] }).data.map(({ id }) => id);
      expect([...(values as string[])].sort()).toEqual([...ids].sort());
      const labels = await select.locator('option').allTextContents();
      expect(labels[0]).toBe('Gemini 1.5 Pro · any provider');
      expect(labels).toContain('Gemini 1.5 Pro · Free2GPT');
      await select.selectOption('gemini-1.5-pro');
      const description = await select.getAttribute('aria-describedby');
      expect(await page.locator(`#${description}`).textContent()).toBe(
        'Tries Free2GPT, AIChatFree, GPROChat and FreeGpt in turn until one answers (model “gemini-1.5-pro”).',
      );
    });

    it('streams a reply in as it arrives; Stop, and Escape, close the request upstream', async () => {
      const text = 'Streaming in piece by piece until someone presses stop.';
      const partial = text.slice(0, partialReplyLength(text.length, 16));
      for (const stop of [
        () => page.getByRole('button', { name: 'Stop' }).click(),
        () => page.keyboard.press('Escape'),
      ]) {
        test.emulator.scenario('free2gpt', { fault: 'stall-mid-reply', text });
        const request = test.emulator.nextRequest();
        await ask('Tell me slowly.');
        // Part of the reply is on screen while the stream is still open: it arrived as it was sent.
        await eventually(() => replies().last().textContent()).toBe(partial);
        expect(await page.getByRole('button', { name: 'Send', exact: true }).isHidden()).toBe(true);
        await stop();
        const entry = await request;
        await entry.closed;
        expect(entry.clientClosed).toBe(true);
        await eventually(() => replies().last().textContent()).toBe(`${partial}Stopped.`);
        expect(await page.getByRole('button', { name: 'Send', exact: true }).isVisible()).toBe(
          true,
        );
      }
    });

    it('renders Markdown and highlighted code, copies code and replies, sends the whole conversation and keeps it across a reload', async () => {
      const answer =
        'Here is **bold**, a [link](https://example.com/) and code:\n\n```js\nconst answer = 42; // the answer\n```';
      test.emulator.scenario('free2gpt', { text: 'No code here.' });
      await ask('First question?');
      await finishedReply();
      // The highlighter is a chunk of its own, loaded once a code block appears.
      expect(scripts.filter((path) => path.includes('code-highlighting'))).toEqual([]);

      test.emulator.scenario('free2gpt', { text: answer });
      const request = test.emulator.nextRequest();
      await ask('Second question?');
      expect(((await request).body as { messages: unknown }).messages).toEqual([
        { role: 'user', content: 'First question?' },
        { role: 'assistant', content: 'No code here.' },
        { role: 'user', content: 'Second question?' },
      ]);
      const reply = await finishedReply();
      expect(await reply.getAttribute('data-status')).toBe('done');
      expect(await reply.locator('strong').textContent()).toBe('bold');
      expect(await reply.getByRole('link', { name: 'link' }).getAttribute('href')).toBe(
        'https://example.com/',
      );
      const code = reply.getByRole('code').filter({ hasText: 'const answer' });
      expect(await code.textContent()).toBe('const answer = 42; // the answer');
      // Coloured: the keyword and the comment are spans of their own colours.
      await eventually(() => code.locator('span').count()).toBeGreaterThanOrEqual(3);
      // A string, evaluated in the page (the server's tests are type-checked without the DOM's types).
      const colours = (await page.evaluate(
        `[...document.querySelectorAll('article[aria-label="Reply"] code span')]
          .map((span) => span.textContent + '=' + getComputedStyle(span).color)`,
      )) as string[];
      expect(colours).toContainEqual(expect.stringMatching(/^const=rgb/));
      expect(colours).toContainEqual(expect.stringMatching(/^\/\/ the answer=rgb/));
      expect(new Set(colours.map((colour) => colour.split('=')[1])).size).toBeGreaterThan(1);
      expect(scripts.filter((path) => path.includes('code-highlighting'))).toHaveLength(1);

      await reply.getByRole('button', { name: 'Copy code' }).click();
      await eventually(clipboard).toBe('const answer = 42; // the answer');
      expect(await page.getByRole('status').textContent()).toBe('Code copied.');
      await page.getByRole('button', { name: 'Copy reply' }).last().click();
      await eventually(clipboard).toBe(answer);
      expect(await page.getByRole('status').textContent()).toBe('Reply copied.');

      await openPage();
      expect(await page.getByRole('article').count()).toBe(4);
      expect(await page.getByRole('article', { name: 'Your message' }).first().textContent()).toBe(
        'First question?',
      );
      await eventually(() =>
        replies().last().getByRole('code').locator('span').count(),
      ).toBeGreaterThan(0);
    });

    it('keeps a list of conversations: new, switch, rename, delete, kept across a reload', async () => {
      test.emulator.scenario('free2gpt', { text: 'About cats.' });
      await ask('Cats?');
      await finishedReply();
      await page.getByRole('button', { name: 'New chat' }).click();
      expect(await page.getByRole('article').count()).toBe(0);
      expect(await page.evaluate('document.activeElement.id')).toBe('prompt');
      test.emulator.scenario('free2gpt', { text: 'About dogs.' });
      await ask('Dogs?');
      await finishedReply();
      const list = conversations();
      expect(await list.getByRole('listitem').allTextContents()).toEqual([
        'Dogs?RenameDelete',
        'Cats?RenameDelete',
      ]);
      expect(
        await list.getByRole('button', { name: 'Dogs?', exact: true }).getAttribute('aria-current'),
      ).toBe('true');

      await list.getByRole('button', { name: 'Cats?', exact: true }).click();
      expect(await replies().allTextContents()).toEqual(['About cats.']);
      expect(
        await list.getByRole('button', { name: 'Cats?', exact: true }).getAttribute('aria-current'),
      ).toBe('true');

      await list.getByRole('button', { name: 'Rename “Cats?”' }).click();
      const name = list.getByRole('textbox', { name: 'Conversation name' });
      expect(await name.inputValue()).toBe('Cats?');
      await name.fill('Feline questions');
      await name.press('Enter');
      expect(
        await list.getByRole('button', { name: 'Feline questions', exact: true }).isVisible(),
      ).toBe(true);
      expect(await page.evaluate('document.activeElement.getAttribute("aria-label")')).toBe(
        'Rename “Feline questions”',
      );
      // Escape leaves the name as it was.
      await list.getByRole('button', { name: 'Rename “Feline questions”' }).click();
      await list.getByRole('textbox', { name: 'Conversation name' }).fill('Not this');
      await list.getByRole('textbox', { name: 'Conversation name' }).press('Escape');
      expect(
        await list.getByRole('button', { name: 'Feline questions', exact: true }).isVisible(),
      ).toBe(true);

      await openPage();
      expect(
        await list
          .getByRole('button', { name: 'Feline questions', exact: true })
          .getAttribute('aria-current'),
      ).toBe('true');
      expect(await replies().allTextContents()).toEqual(['About cats.']);

      await list.getByRole('button', { name: 'Delete “Dogs?”' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete this conversation?' });
      expect(await dialog.textContent()).toContain('“Dogs?” and its messages will be removed');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      expect(await list.getByRole('listitem').count()).toBe(2);
      await list.getByRole('button', { name: 'Delete “Feline questions”' }).click();
      await dialog.getByRole('button', { name: 'Delete' }).click();
      expect(await dialog.isHidden()).toBe(true);
      expect(await page.getByRole('status').textContent()).toBe('Deleted “Feline questions”.');
      // The current conversation went: the page moves to the other one.
      expect(await replies().allTextContents()).toEqual(['About dogs.']);
      await openPage();
      expect(await list.getByRole('listitem').allTextContents()).toEqual(['Dogs?RenameDelete']);
      expect(dialogs).toEqual([]);
    });

    it('regenerates the last reply, and edits and resends a message', async () => {
      test.emulator.scenario('free2gpt', { text: 'First try.' });
      await ask('Question one?');
      await finishedReply();
      test.emulator.scenario('free2gpt', { text: 'Second try.' });
      let request = test.emulator.nextRequest();
      await page.getByRole('button', { name: 'Regenerate the reply' }).click();
      expect(((await request).body as { messages: unknown }).messages).toEqual([
        { role: 'user', content: 'Question one?' },
      ]);
      await finishedReply();
      expect(await replies().allTextContents()).toEqual(['Second try.']);

      test.emulator.scenario('free2gpt', { text: 'Answer two.' });
      await ask('Question two?');
      await finishedReply();
      // Regenerate sits on the last reply only.
      expect(await page.getByRole('button', { name: 'Regenerate the reply' }).count()).toBe(1);

      test.emulator.scenario('free2gpt', { text: 'Answer to the edit.' });
      request = test.emulator.nextRequest();
      await page.getByRole('button', { name: 'Edit message' }).first().click();
      const field = page.getByRole('textbox', { name: 'Edit message' });
      expect(await field.inputValue()).toBe('Question one?');
      await field.fill('Question one, edited?');
      await page.getByRole('button', { name: 'Save and send' }).click();
      expect(((await request).body as { messages: unknown }).messages).toEqual([
        { role: 'user', content: 'Question one, edited?' },
      ]);
      await finishedReply();
      expect(await page.getByRole('article').allTextContents()).toEqual([
        'Question one, edited?',
        'Answer to the edit.',
      ]);
    });

    it('shows an upstream error as the server words it, and Regenerate tries again', async () => {
      test.emulator.scenario('free2gpt', { fault: 'server-error' });
      const response = page.waitForResponse((candidate) =>
        candidate.url().endsWith('/v1/chat/completions'),
      );
      await ask('Will this fail?');
      const body = await (await response).text();
      // Before any text, the server answers with an error status; the page shows its error.message.
      const message = (JSON.parse(body) as { error: { message: string } }).error.message;
      expect(message).toContain('free2gpt');
      await eventually(() => page.getByRole('alert').textContent()).toBe(message);
      expect(await replies().count()).toBe(0);

      test.emulator.scenario('free2gpt', { text: 'Better now.' });
      await page.getByRole('button', { name: 'Regenerate the reply' }).click();
      await finishedReply();
      expect(await replies().allTextContents()).toEqual(['Better now.']);
      expect(await page.getByText(message).count()).toBe(0);
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
      await eventually(() => page.getByRole('alert').textContent()).toBe(message);
      expect(await replies().getAttribute('data-status')).toBe('failed');
      expect(await replies().textContent()).toBe(
        text.slice(0, partialReplyLength(text.length, 16)),
      );
    });

    it('says the connection to the freechat server was lost when the server dies mid-reply, and that it cannot be reached after', async () => {
      const dying = await startTestServer({ server: { ui: true }, providers: { maxRetries: 0 } });
      try {
        await openPage(`${dying.url}/`);
        const text = 'A reply that the server never finishes sending.';
        dying.emulator.scenario('free2gpt', { fault: 'stall-mid-reply', text });
        await ask('Are you there?');
        await eventually(() => replies().last().textContent()).toBe(
          text.slice(0, partialReplyLength(text.length, 16)),
        );
        // Every socket of the server goes at once, as when its process dies.
        dying.server.fastify.server.closeAllConnections();
        await eventually(() => page.getByRole('alert').textContent()).toBe(CONNECTION_LOST);
        expect(await replies().last().getAttribute('data-status')).toBe('failed');
        // With the server gone, the next question cannot be sent at all.
        await dying.close();
        await ask('Still there?');
        await eventually(() => page.getByRole('alert').last().textContent()).toBe(
          'Cannot reach the freechat server. Is it still running?',
        );
      } finally {
        await dying.close();
      }
    });

    it('asks a person for the API key when the server has one, and loads the models once it is saved', async () => {
      const guarded = await startTestServer({ server: { ui: true, apiKey: 'sesame' } });
      try {
        await page.goto(`${guarded.url}/`);
        await page.locator('body[data-state="unavailable"]').waitFor();
        const notice = page.getByRole('alert');
        expect(await notice.textContent()).toBe(
          'Cannot load the models. This freechat server is protected by an API key. Enter the key you were given under “API key” below.',
        );
        expect(await page.getByLabel('Model').isDisabled()).toBe(true);
        const key = page.getByLabel('If whoever runs this server gave you a key');
        expect(await key.isVisible()).toBe(true);

        await key.fill('wrong');
        await page.getByRole('button', { name: 'Save key' }).click();
        await eventually(() => notice.textContent()).toBe(
          'Cannot load the models. The freechat server did not accept this API key. Check it under “API key” below and save it again.',
        );

        await key.fill('sesame');
        await page.getByRole('button', { name: 'Save key' }).click();
        await page.locator('body[data-state="idle"]').waitFor();
        expect(await notice.count()).toBe(0);
        expect(await page.getByLabel('Model').locator('option').count()).toBeGreaterThan(1);
        guarded.emulator.scenario('free2gpt', { text: 'Authorised.' });
        await page.getByLabel('Model').selectOption(MODEL);
        await ask('Let me in?');
        expect(await (await finishedReply()).textContent()).toBe('Authorised.');
      } finally {
        await guarded.close();
      }
    });

    it('keeps HTML and script in the model’s text inert, highlighted or not', async () => {
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
      const code = reply.getByRole('code');
      await eventually(() => code.locator('span').count()).toBeGreaterThan(0);
      expect(await reply.locator('script, img, svg, a, iframe, [onerror], [onload]').count()).toBe(
        0,
      );
      const text = await reply.textContent();
      expect(text).toContain('<script>window.__pwned = 1</script>');
      expect(text).toContain('<img src=x onerror="window.__pwned = 2">');
      expect(await code.textContent()).toBe(
        '</code></pre><img src=x onerror="window.__pwned = 5">',
      );
      await reply.getByText('<svg onload="window.__pwned = 4">').click();
      expect(await page.evaluate('window.__pwned')).toBeUndefined();
      expect(dialogs).toEqual([]);
    });

    it('shows the tool calls of a reply as labelled blocks with their arguments indented', async () => {
      // The server does not stream tool calls yet: this stream is what OpenAI's API sends.
      const chunk = (delta: object, finishReason: string | null = null) =>
        `data: ${JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion.chunk',
          created: 0,
          model: MODEL,
          choices: [{ index: 0, delta, finish_reason: finishReason }],
        })}\n\n`;
      const call = (index: number, fields: object) => ({ tool_calls: [{ index, ...fields }] });
      const body = [
        chunk({
          role: 'assistant',
          content: null,
          ...call(0, {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '' },
          }),
        }),
        chunk(call(0, { function: { arguments: '{"city":"Par' } })),
        chunk(call(0, { function: { arguments: 'is","unit":"celsius"}' } })),
        chunk(
          call(1, {
            id: 'call_2',
            type: 'function',
            function: { name: 'get_time', arguments: '{"zone":"CET"}' },
          }),
        ),
        chunk({}, 'tool_calls'),
        'data: [DONE]\n\n',
      ].join('');
      await page.route('**/v1/chat/completions', (route) =>
        route.fulfill({ status: 200, contentType: 'text/event-stream', body }),
      );
      await ask('What is the weather in Paris?');
      const reply = await finishedReply();
      const weather = reply.getByRole('figure', { name: 'Tool call get_weather' });
      expect(await weather.getByRole('code').filter({ hasText: 'city' }).textContent()).toBe(
        '{\n  "city": "Paris",\n  "unit": "celsius"\n}',
      );
      const time = reply.getByRole('figure', { name: 'Tool call get_time' });
      expect(await time.getByRole('code').filter({ hasText: 'zone' }).textContent()).toBe(
        '{\n  "zone": "CET"\n}',
      );
      expect(await reply.textContent()).not.toContain('"tool_calls"');
      await weather.getByRole('button', { name: 'Copy code' }).click();
      await eventually(clipboard).toBe('{\n  "city": "Paris",\n  "unit": "celsius"\n}');
      await page.unroute('**/v1/chat/completions');
      await page.screenshot({ path: join(RESULTS, 'chat-page-tool-calls.png') });
    });

    it('fits a phone-width screen, in dark mode, with the conversation list behind a button', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      // No slide-in: the screenshot of the open list shows it in place.
      await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
      test.emulator.scenario('free2gpt', {
        text: `A long line of code scrolls inside its block:\n\n\`\`\`sh\necho "${'curl http://127.0.0.1:8787/v1/chat/completions '.repeat(4)}"\n\`\`\`\n\nAndanunbrokenwordthatislongerthanthescreenwidthmustwrapratherthanwidenthepage.`,
      });
      await ask('Does it fit?');
      await finishedReply();
      await eventually(() => replies().getByRole('code').locator('span').count()).toBeGreaterThan(
        0,
      );
      // A string, evaluated in the page (the server's tests are type-checked without the DOM's types).
      const layout = (await page.evaluate(`({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        logScrollWidth: document.getElementById('log').scrollWidth,
        logClientWidth: document.getElementById('log').clientWidth,
        background: getComputedStyle(document.body).backgroundColor,
      })`)) as Record<
        'scrollWidth' | 'clientWidth' | 'logScrollWidth' | 'logClientWidth',
        number
      > & {
        background: string;
      };
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
      expect(layout.logScrollWidth).toBeLessThanOrEqual(layout.logClientWidth);
      expect(layout.background).toBe('rgb(17, 19, 24)');
      const controls = [
        page.getByRole('button', { name: 'Chats' }),
        page.getByLabel('Model'),
        page.getByRole('button', { name: 'New chat' }),
        prompt(),
        page.getByRole('button', { name: 'Send', exact: true }),
      ];
      for (const control of controls) {
        const box = await control.boundingBox();
        expect(box, String(control)).not.toBeNull();
        expect(box!.x, String(control)).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, String(control)).toBeLessThanOrEqual(390);
        expect(box!.y + box!.height, String(control)).toBeLessThanOrEqual(844);
      }
      await page.screenshot({ path: join(RESULTS, 'chat-page-phone-dark.png') });

      // The list is hidden until asked for, and closes once a conversation is picked.
      const toggle = page.getByRole('button', { name: 'Chats' });
      expect(await conversations().isHidden()).toBe(true);
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      const item = conversations().getByRole('button', { name: 'Does it fit?', exact: true });
      await item.waitFor();
      await page.screenshot({ path: join(RESULTS, 'chat-page-phone-dark-list.png') });
      await item.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await conversations().waitFor({ state: 'hidden' });
    });

    it('has no serious or critical accessibility violations (axe), on desktop and phone, light and dark', async () => {
      const axe = await readFile(
        createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
        'utf8',
      );
      test.emulator.scenario('free2gpt', {
        text: 'Server-sent events: one HTTP response that the server keeps writing `data:` lines to.',
      });
      await ask('What does SSE stand for?');
      await finishedReply();
      await page.getByRole('button', { name: 'New chat' }).click();
      test.emulator.scenario('free2gpt', {
        text: [
          '## Line by line',
          'Open it in a `with` block and loop over it:',
          "```python\nwith open('notes.txt', encoding='utf-8') as file:\n    for number, line in enumerate(file, 1):\n        print(number, line.rstrip())  # without its newline\n```",
          '- the file is closed at the end of the block;\n- only one line is in memory at a time.',
          '> See [the tutorial](https://docs.python.org/3/tutorial/inputoutput.html) for more.',
        ].join('\n\n'),
      });
      await ask('How do I read a file line by line in Python?');
      await finishedReply();
      await page.getByRole('button', { name: 'New chat' }).click();
      test.emulator.scenario('free2gpt', { fault: 'server-error' });
      await ask('Is the provider up?');
      await page.getByRole('alert').waitFor();
      await conversations()
        .getByRole('button', { name: 'How do I read a file line by line in Python?', exact: true })
        .click();
      await eventually(() =>
        replies().getByRole('code').last().locator('span').count(),
      ).toBeGreaterThan(0);
      await page.screenshot({ path: join(RESULTS, 'chat-page.png') });

      const found: string[] = [];
      for (const [width, height] of [
        [1024, 720],
        [390, 844],
      ] as const) {
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.setViewportSize({ width, height });
          await page.emulateMedia({ colorScheme });
          const views = width < 800 ? ['closed list', 'open list'] : ['page'];
          for (const view of views) {
            if (view === 'open list') {
              await page.getByRole('button', { name: 'Chats' }).click();
              await conversations().getByRole('listitem').first().waitFor();
            }
            found.push(
              ...(await axeViolations(page, axe)).map(
                (violation) => `${width}px ${colorScheme} ${view}: ${violation}`,
              ),
            );
            if (view === 'open list') await page.keyboard.press('Escape');
          }
        }
      }
      await page.setViewportSize({ width: 1024, height: 720 });
      await page.emulateMedia({ colorScheme: 'light' });
      await conversations().getByRole('button', { name: 'Delete “Is the provider up?”' }).click();
      found.push(
        ...(await axeViolations(page, axe)).map((violation) => `delete dialog: ${violation}`),
      );
      expect(found).toEqual([]);
    });
  },
);

/** The serious and critical violations axe-core finds on the page, one line each. */
async function axeViolations(page: Page, axeSource: string): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy forbids inline scripts.
  if ((await page.evaluate('typeof window.axe')) === 'undefined') await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((results) => results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    })))`,
  )) as { id: string; impact: string | null; nodes: string[] }[];
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id} at ${violation.nodes.join(', ')}`);
}
