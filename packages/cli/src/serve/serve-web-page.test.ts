import { afterAll, describe, expect, it } from 'vitest';
import { killRunning, startCli } from '../../test/test-cli-process.js';

afterAll(() => killRunning());

/** Starts `freechat serve --emulator` and returns the status of `GET /` and its content type. */
async function page(args: readonly string[]) {
  const cli = startCli(['serve', '--emulator', '--port', '0', ...args]);
  const banner = await cli.waitForStdout('Press Ctrl+C to stop.');
  const url = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
  const response = await fetch(`${url}/`);
  await response.arrayBuffer();
  cli.child.kill('SIGTERM');
  const { code } = await cli.exit;
  return { status: response.status, type: response.headers.get('content-type'), code };
}

// One process at a time: each boots a server and an emulator, slow on a loaded 2-core machine.
describe('freechat serve and the web chat page', () => {
  it('serves the page at / by default', async () => {
    expect(await page([])).toEqual({ status: 200, type: 'text/html; charset=utf-8', code: 0 });
  });

  it('serves no page with --no-ui', async () => {
    expect(await page(['--no-ui'])).toMatchObject({ status: 404, code: 0 });
  });
});
