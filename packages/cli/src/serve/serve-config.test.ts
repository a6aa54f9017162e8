import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulatedReplyText, startEmulator } from '@freechat/emulator';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { runCli } from '../main.js';
import { readServeSettings } from './serve-command.js';
import { ConfigError, checkServeConfig, fileProviderSettings, fileSites } from './serve-config.js';
import { readServeConfig } from './serve-config-file.js';

const directory = mkdtempSync(join(tmpdir(), 'freechat-config-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Writes `text` to a new file in the test's directory and returns its path. */
function file(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

const EXAMPLE = fileURLToPath(new URL('../../freechat.config.example.yaml', import.meta.url));
const HELLO = [{ role: 'user' as const, content: 'Hello!' }];

describe('the example config file', () => {
  it('loads, with every section the README documents', async () => {
    const config = await readServeConfig(EXAMPLE);
    expect(config.port).toBe(8787);
    expect(config.apiKey).toHaveLength(2);
    expect(config.providers?.map((provider) => provider.id)).toEqual([
      'free2gpt',
      'freegpt',
      'aichatfree',
    ]);
    expect(config.providers?.[1]).toMatchObject({ timeout: 30000, maxRetries: 1 });
    expect(config.sites?.map((site) => site.template)).toEqual(['gemini-pro-chat', 'chatgpt-demo']);
    expect(config).toMatchObject({ cors: ['http://localhost:5173'], logger: true, ui: true });
    expect(config).toMatchObject({ cooldownTime: 60000, cooldownAfterFailures: 3, metrics: true });
    expect(config).toMatchObject({ allowedHosts: ['chat.home.example'], maxConnections: 256 });
    expect(config.bodyLimit).toBe(8 * 1024 * 1024);
  });
});

describe('config file validation', () => {
  const cases: [string, unknown, string][] = [
    ['the file itself', ['a list'], 'expected an object, got an array'],
    ['an unknown setting', { prot: 8080 }, 'invalid prot: not a known setting'],
    [
      'a bad port',
      { port: 70000 },
      'invalid port: expected a whole number from 0 to 65535, got 70000',
    ],
    ['an empty host', { host: '' }, 'invalid host: expected a non-empty string, got ""'],
    ['a bad cors', { cors: 5 }, 'invalid cors: expected true, false or a list of origins, got 5'],
    [
      'a bad allowedHosts',
      { allowedHosts: 5 },
      'invalid allowedHosts: expected true or a list of host names, got 5',
    ],
    [
      'allowedHosts: false',
      { allowedHosts: false },
      'invalid allowedHosts: expected true or a list of host names, got false',
    ],
    [
      'a bad maxConnections',
      { maxConnections: -1 },
      'invalid maxConnections: expected a whole number from 0 to 9007199254740991, got -1',
    ],
    [
      'a bad logger',
      { logger: 'verbose' },
      'invalid logger: expected true or false, got "verbose"',
    ],
    ['the old log', { log: true }, 'invalid log: renamed to logger (and logContents)'],
    ['the old apiKeys', { apiKeys: ['sk-a'] }, 'invalid apiKeys: renamed to apiKey'],
    [
      'a bad dropParams',
      { dropParams: 'yes' },
      'invalid dropParams: expected true or false, got "yes"',
    ],
    ['a bad ui', { ui: 1 }, 'invalid ui: expected true or false, got 1'],
    [
      'a bad maxReplyBytes',
      { maxReplyBytes: 0 },
      'invalid maxReplyBytes: expected a whole number of bytes from 1 to 9007199254740991, got 0',
    ],
    [
      'a bad requestTimeout',
      { requestTimeout: -1 },
      'invalid requestTimeout: expected a whole number of milliseconds from 0 to 2147483647, got -1',
    ],
    [
      'a bad cooldownTime',
      { cooldownTime: -5 },
      'invalid cooldownTime: expected a whole number of milliseconds from 0 to 2147483647, got -5',
    ],
    [
      'a bad cooldownAfterFailures',
      { cooldownAfterFailures: 2.5 },
      'invalid cooldownAfterFailures: expected a whole number from 0 to 9007199254740991, got 2.5',
    ],
    ['a bad metrics', { metrics: 'on' }, 'invalid metrics: expected true or false, got "on"'],
    [
      'a bad publicMetrics',
      { publicMetrics: null },
      'invalid publicMetrics: expected true or false, got null',
    ],
    [
      'a bad top-level timeout',
      { timeout: 1.5 },
      'invalid timeout: expected a whole number of milliseconds from 1 to 2147483647, got 1.5',
    ],
    [
      'too many retries',
      { maxRetries: 11 },
      'invalid maxRetries: expected a whole number from 0 to 10, got 11',
    ],
    ['the old retries', { retries: 2 }, 'invalid retries: renamed to maxRetries'],
    [
      "a provider's old retries",
      { providers: [{ id: 'freegpt', retries: 1 }] },
      'invalid providers[0].retries: renamed to maxRetries',
    ],
    [
      'providers not a list',
      { providers: 'free2gpt' },
      'invalid providers: expected a list, got "free2gpt"',
    ],
    [
      'an unknown provider',
      { providers: ['free2gpt', 'openai'] },
      'invalid providers[1].id: expected one of "free2gpt", "aichatfree", "gprochat", "freegpt", got "openai"',
    ],
    [
      'a provider without id',
      { providers: [{ timeout: 5 }] },
      'invalid providers[0].id: expected one of "free2gpt", "aichatfree", "gprochat", "freegpt", got nothing',
    ],
    [
      "a provider's bad timeout",
      { providers: ['free2gpt', { id: 'freegpt', timeout: 'soon' }] },
      'invalid providers[1].timeout: expected a whole number of milliseconds from 1 to 2147483647, got "soon"',
    ],
    [
      "a provider's unknown field",
      { providers: [{ id: 'freegpt', baseUrl: 'https://x.example' }] },
      'invalid providers[0].baseUrl: not a known setting',
    ],
    [
      "a provider's bad mirror",
      { providers: [{ id: 'freegpt', baseURL: ['https://x.example', 7] }] },
      'invalid providers[0].baseURL[1]: expected a URL starting with http:// or https://, got 7',
    ],
    [
      'a repeated provider',
      { providers: ['freegpt', 'free2gpt', 'freegpt'] },
      'invalid providers[2].id: expected a provider not listed yet, got "freegpt"',
    ],
    [
      'nothing to serve',
      { providers: [] },
      'invalid providers: expected a provider or a site to serve, got an empty list and no sites',
    ],
    [
      'a site without baseURL',
      { sites: [{ template: 'chatgpt-demo' }] },
      'invalid sites[0].baseURL: expected a URL starting with http:// or https://, or a non-empty list of URLs, got nothing',
    ],
    [
      'a site with a bad template',
      { sites: [{ baseURL: 'https://x.example', template: 'lobe-chat' }] },
      'invalid sites[0].template: expected one of "gemini-pro-chat", "chatgpt-demo", got "lobe-chat"',
    ],
    [
      "a site's bad models",
      { sites: [{ baseURL: 'https://x.example', template: 'chatgpt-demo', models: [] }] },
      'invalid sites[0].models: expected a non-empty list, got an empty list',
    ],
  ];
  for (const [name, value, message] of cases) {
    it(`names the field for ${name}`, () => {
      const error = catchError(() => checkServeConfig('my.yaml', value));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toBe(`my.yaml: ${message}`);
    });
  }

  it('never shows a bad secret, password or API key, only its type', () => {
    for (const value of [
      { apiKey: ['sk-good', 12345678] },
      { providers: [{ id: 'freegpt', password: 98765 }] },
      { sites: [{ baseURL: 'https://x.example', template: 'chatgpt-demo', secret: 4242 }] },
    ]) {
      const error = catchError(() => checkServeConfig('my.yaml', value));
      expect(error.message).toMatch(/got a number$/);
      expect(error.message).not.toMatch(/12345678|98765|4242/);
    }
  });

  it('reports a YAML syntax error with its line, without quoting the file', async () => {
    const path = file('broken.yaml', 'port: 8080\nproviders: [free2gpt\npassword: hunter22\n');
    const error = (await readServeConfig(path).catch((reason: Error) => reason)) as Error;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/broken\.yaml: not valid JSON or YAML: .*line/);
    expect(error.message).not.toContain('hunter22');
  });

  it('reads JSON, and refuses a key given twice', async () => {
    const json = file('ok.json', '{ "port": 9000, "providers": ["freegpt"] }');
    expect(await readServeConfig(json)).toEqual({ port: 9000, providers: [{ id: 'freegpt' }] });
    const twice = file('twice.json', '{ "port": 9000, "port": 9001 }');
    await expect(readServeConfig(twice)).rejects.toThrow(/twice\.json: not valid JSON or YAML/);
  });

  it('exits with 2 and one line, before listening, for a bad file or a missing one', async () => {
    const bad = file('bad.yaml', 'providers:\n  - free2gpt\n  - id: freegpt\n    timeout: soon\n');
    for (const [path, message] of [
      [bad, `${bad}: invalid providers[1].timeout: expected a whole number of milliseconds`],
      [join(directory, 'missing.yaml'), 'cannot read'],
    ] as const) {
      const test = createTestIO();
      expect(await runCli(['serve', '--config', path, '--port', '0'], test.io)).toBe(2);
      expect(test.stderr()).toContain(message);
      expect(test.stdout()).toBe('');
    }
  });
});

describe("the file's provider settings", () => {
  it("gives each provider and site its own settings over the file's top level ones, by the library's names", () => {
    const config = checkServeConfig('my.yaml', {
      timeout: 5000,
      maxRetries: 0,
      providers: ['free2gpt', { id: 'freegpt', password: 'pw', maxRetries: 3 }],
      sites: [{ baseURL: 'https://x.example', template: 'chatgpt-demo', timeout: 7000 }],
    });
    expect(fileProviderSettings(config)).toEqual(
      new Map([
        ['free2gpt', { timeout: 5000, maxRetries: 0 }],
        ['freegpt', { timeout: 5000, maxRetries: 3, password: 'pw' }],
      ]),
    );
    expect(fileSites(config)).toEqual([
      { baseURL: 'https://x.example', template: 'chatgpt-demo', timeout: 7000, maxRetries: 0 },
    ]);
  });
});

describe('precedence: flag > environment > file > default', () => {
  const io = (variables: Record<string, string>) => createTestIO({ env: variables }).io;

  it('takes the port and host from the flag, else the environment, else the file, else 8787 on 127.0.0.1', () => {
    const file = { port: 1111, host: 'file.example' };
    const env = { FREECHAT_PORT: '2222', FREECHAT_HOST: 'env.example' };
    const flags = { port: '3333', host: 'flag.example' };
    const listen = (given: object, variables: Record<string, string>, config: object) => {
      const { port, host } = readServeSettings(given, io(variables), config);
      return { port, host };
    };
    expect(listen(flags, env, file)).toEqual({ port: 3333, host: 'flag.example' });
    expect(listen({}, env, file)).toEqual({ port: 2222, host: 'env.example' });
    expect(listen({}, {}, file)).toEqual({ port: 1111, host: 'file.example' });
    expect(listen({}, {}, {})).toEqual({ port: 8787, host: '127.0.0.1' });
  });

  it("reads a server option by its one name from the flag, the environment's variable or the file", () => {
    const file = { cooldownTime: 1, apiKey: 'from-file', ui: false };
    expect(readServeSettings({ cooldownTime: '2' }, io({}), file)).toMatchObject({
      cooldownTime: 2,
      apiKey: 'from-file',
      ui: false,
    });
    expect(readServeSettings({ ui: true }, io({ FREECHAT_API_KEY: 'env' }), file)).toMatchObject({
      cooldownTime: 1,
      apiKey: 'env',
      ui: true,
    });
    expect(readServeSettings({}, io({}), {})).toMatchObject({ ui: true });
    expect(readServeSettings({ logContents: true }, io({}), {})).toMatchObject({
      logger: true,
      logContents: true,
    });
  });

  it('names FREECHAT_PORT when it is not a port', () => {
    expect(() => readServeSettings({}, io({ FREECHAT_PORT: 'http' }), {})).toThrow(
      '[freechat] invalid FREECHAT_PORT: expected a whole number from 0 to 65535, got "http"',
    );
  });

  it("serves the file's providers in order and sites, requires its keys, and lets the environment and flags win", async () => {
    const emulator = await startEmulator({
      sites: { home: { template: 'gemini-pro-chat', password: 'alpha' } },
    });
    try {
      const config = file(
        'serve.yaml',
        [
          'port: 1',
          'apiKey: [key-one, key-two]',
          'cors: true',
          'providers:',
          '  - gprochat',
          `  - { id: freegpt, baseURL: ["${emulator.sites.freegpt}"] }`,
          'sites:',
          `  - { id: home, baseURL: "${emulator.sites.home}", template: gemini-pro-chat, password: alpha, models: [home-model] }`,
        ].join('\n'),
      );
      // --port wins over the file's port 1 (which would need root).
      const test = createTestIO();
      const exit = runCli(['serve', '--emulator', '--config', config, '--port', '0'], test.io);
      const banner = await test.waitForStdout('Press Ctrl+C to stop.');
      expect(banner).toContain('providers, in fallback order: gprochat, freegpt, home');
      const url = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
      const complete = (model: string, key: string) =>
        fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${key}`,
            origin: 'https://anywhere.example',
          },
          body: JSON.stringify({ model, messages: HELLO }),
        });
      expect((await complete('gprochat', 'key-three')).status).toBe(401);
      const home = await complete('home/home-model', 'key-two');
      expect(home.status).toBe(200);
      expect(home.headers.get('access-control-allow-origin')).toBe('*');
      const reply = (await home.json()) as { choices: { message: { content: string } }[] };
      expect(reply.choices[0]!.message.content).toBe(emulatedReplyText('home', HELLO));
      const first = await complete('freegpt', 'key-one');
      expect(first.status).toBe(200);
      await first.text();
      test.send('SIGTERM');
      expect(await exit).toBe(0);
      expect(test.stdout()).not.toMatch(/key-one|key-two|alpha/);

      // FREECHAT_API_KEY replaces the file's keys; --cors with origins replaces its `true`.
      const second = createTestIO({ env: { FREECHAT_API_KEY: 'from-env' } });
      const exitSecond = runCli(
        ['serve', '--emulator', '--config', config, '--port', '0', '--cors', 'https://a.example'],
        second.io,
      );
      const url2 = /listening on (http:\/\/\S+)/.exec(
        await second.waitForStdout('Press Ctrl+C to stop.'),
      )![1]!;
      const models = (key: string) =>
        fetch(`${url2}/v1/models`, {
          headers: { authorization: `Bearer ${key}`, origin: 'https://anywhere.example' },
        });
      expect((await models('key-one')).status).toBe(401);
      const fromEnv = await models('from-env');
      expect(fromEnv.status).toBe(200);
      expect(fromEnv.headers.get('access-control-allow-origin')).toBeNull();
      await fromEnv.text();
      second.send('SIGTERM');
      expect(await exitSecond).toBe(0);
    } finally {
      await emulator.close();
    }
  });
});

describe('cooldowns and metrics', () => {
  it('takes metrics from the file unless a flag says otherwise, and checks the cooldown flags', async () => {
    const config = file('metrics.yaml', 'metrics: false\ncooldownTime: 0\n');
    const metricsStatus = async (args: string[]) => {
      const test = createTestIO();
      const exit = runCli(
        ['serve', '--emulator', '--port', '0', '--config', config, ...args],
        test.io,
      );
      const banner = await test.waitForStdout('Press Ctrl+C to stop.');
      const url = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
      const response = await fetch(`${url}/metrics`);
      await response.text();
      test.send('SIGTERM');
      expect(await exit).toBe(0);
      return response.status;
    };
    expect(await metricsStatus([])).toBe(404);
    expect(await metricsStatus(['--metrics'])).toBe(200);
    const test = createTestIO();
    expect(await runCli(['serve', '--emulator', '--cooldown-after-failures', 'x'], test.io)).toBe(
      2,
    );
    expect(test.stderr()).toBe(
      'freechat: invalid --cooldown-after-failures: expected a whole number from 0 to 9007199254740991, got "x"\n',
    );
  });
});

describe('allowed hosts and the connection cap', () => {
  /** Starts `serve` with these arguments; returns its URL and a stop function. */
  async function serve(args: string[]) {
    const test = createTestIO();
    const exit = runCli(['serve', '--emulator', '--port', '0', ...args], test.io);
    const banner = await test.waitForStdout('Press Ctrl+C to stop.');
    const url = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
    return {
      url,
      async stop() {
        test.send('SIGTERM');
        expect(await exit).toBe(0);
      },
    };
  }

  /** The status of `GET /healthz` sent with this Host header. */
  function statusFor(url: string, host: string): Promise<number | undefined> {
    return new Promise((resolve, reject) => {
      const { port } = new URL(url);
      const outgoing = httpGet({ host: '127.0.0.1', port, path: '/healthz', headers: { host } });
      outgoing.on('response', (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      outgoing.on('error', reject);
    });
  }

  it('takes allowedHosts from the file unless --allowed-host is given; all allows any', async () => {
    const config = file('hosts.yaml', 'allowedHosts: [Chat.Home.example]\n');
    const fromFile = await serve(['--config', config]);
    expect(await statusFor(fromFile.url, 'chat.home.example')).toBe(200);
    expect(await statusFor(fromFile.url, 'attacker.example')).toBe(403);
    await fromFile.stop();

    const fromFlags = await serve([
      '--config',
      config,
      '--allowed-host',
      'a.example,b.example',
      '--allowed-host',
      '.lan',
    ]);
    expect(await statusFor(fromFlags.url, 'chat.home.example')).toBe(403);
    for (const host of ['a.example', 'b.example', 'box.lan', 'localhost']) {
      expect(await statusFor(fromFlags.url, host), host).toBe(200);
    }
    await fromFlags.stop();

    const any = await serve(['--allowed-host', 'all']);
    expect(await statusFor(any.url, 'attacker.example')).toBe(200);
    await any.stop();
  });

  it('passes --max-connections to the server, and checks it', async () => {
    const capped = await serve(['--max-connections', '1']);
    const { port } = new URL(capped.url);
    const first = connect(Number(port), '127.0.0.1');
    await once(first, 'connect');
    const firstClosed = once(first, 'close');
    const second = connect(Number(port), '127.0.0.1');
    await once(second, 'connect');
    // At the cap of 1, the newcomer closed the one that never sent a request.
    await firstClosed;
    second.destroy();
    await capped.stop();

    const test = createTestIO();
    expect(await runCli(['serve', '--emulator', '--max-connections', 'many'], test.io)).toBe(2);
    expect(test.stderr()).toBe(
      'freechat: invalid --max-connections: expected a whole number from 0 to 9007199254740991, got "many"\n',
    );
  });

  it('passes --body-limit to the server: a body past it is a 413, one within it is answered', async () => {
    const limited = await serve(['--body-limit', '2000']);
    const ask = (content: string) =>
      fetch(`${limited.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'free2gpt', messages: [{ role: 'user', content }] }),
      });
    const small = await ask('Hi');
    expect(small.status).toBe(200);
    await small.text();
    const large = await ask('x'.repeat(2000));
    expect(large.status).toBe(413);
    await large.text();
    await limited.stop();

    const test = createTestIO();
    expect(await runCli(['serve', '--emulator', '--body-limit', '1MB'], test.io)).toBe(2);
    expect(test.stderr()).toContain('freechat: invalid --body-limit: expected a whole number');
  });
});

function catchError(body: () => unknown): Error {
  try {
    body();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
