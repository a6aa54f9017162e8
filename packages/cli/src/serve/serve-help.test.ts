import { describe, expect, it } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { runCli } from '../main.js';

/** The `--help` text of `freechat <command>`, its wrapped lines joined by single spaces. */
async function help(command: string): Promise<string> {
  const test = createTestIO();
  expect(await runCli([command, '--help'], test.io)).toBe(0);
  return test.stdout().replace(/\s+/g, ' ');
}

describe('freechat serve --help', () => {
  it('names every route the server answers', async () => {
    const text = await help('serve');
    for (const route of ['/v1/chat/completions', '/v1/responses', '/v1/models', '/v1/providers']) {
      expect(text).toContain(route);
    }
    for (const route of ['/healthz', '/metrics', 'the chat page at /'])
      expect(text).toContain(route);
  });

  it('describes --site with the flags serve has: --providers, not -p', async () => {
    const serve = await help('serve');
    expect(serve).toMatch(/--site <url> .*deployment to serve, alone unless --providers/);
    expect(serve).not.toMatch(/\s-p\b/);
    expect(await help('chat')).toMatch(/--site <url> .*deployment instead of -p/);
  });
});
