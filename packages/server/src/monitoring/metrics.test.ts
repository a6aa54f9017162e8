import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatedProviders, startTestServer, type TestServer } from '../../test/test-setup.js';
import { createServer } from '../create-server.js';
import type { ServerOptions } from '../options.js';

let now = Date.UTC(2026, 0, 1);
let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({
    server: { clock: () => now },
    providers: { maxRetries: 0 },
  });
});
afterAll(() => test.close());

const CHAT = '/v1/chat/completions';

/** Scrapes `url`'s `/metrics`. */
async function scrape(url = test.url, headers: Record<string, string> = {}): Promise<string> {
  const response = await request(`${url}/metrics`, { headers });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  return response.body.text();
}

/**
 * The value of one sample of a Prometheus text exposition: `name` with exactly `labels` (in any
 * order), or 0 when the series is absent.
 */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line === '') continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    expect(match, `a malformed sample line: ${line}`).not.toBeNull();
    const [, sampleName, sampleLabels = '', value] = match!;
    if (sampleName !== name) continue;
    if (sampleLabels.split(',').filter(Boolean).sort().join(',') === wanted) return Number(value);
  }
  return 0;
}

function ask(body: Record<string, unknown>) {
  return request(`${test.url}${CHAT}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }], ...body }),
  });
}

describe('GET /metrics', () => {
  it('counts requests by route, status and provider, with their durations', async () => {
    const before = await scrape();
    await (await ask({ model: 'free2gpt' })).body.dump();
    await (await ask({ model: 'gemini-1.5-flash' })).body.dump();
    await (await ask({ model: 'no-such-model' })).body.dump();
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    const ok = { route: CHAT, status: '200' };
    expect(delta('freechat_requests_total', { ...ok, provider: 'free2gpt' })).toBe(1);
    expect(delta('freechat_requests_total', { ...ok, provider: 'freechat' })).toBe(1);
    expect(delta('freechat_requests_total', { route: CHAT, status: '404', provider: 'none' })).toBe(
      1,
    );
    expect(
      delta('freechat_request_duration_seconds_count', { route: CHAT, provider: 'free2gpt' }),
    ).toBe(1);
    expect(
      delta('freechat_time_to_first_text_seconds_count', { route: CHAT, provider: 'free2gpt' }),
    ).toBe(1);
    // The scrape itself is counted too.
    expect(
      sample(after, 'freechat_requests_total', {
        route: '/metrics',
        status: '200',
        provider: 'none',
      }),
    ).toBeGreaterThan(0);
  });

  it('counts upstream requests and errors by provider and error class', async () => {
    const before = await scrape();
    test.emulator.scenario('free2gpt', { fault: 'bad-gateway' });
    await (await ask({ model: 'gemini-1.5-flash' })).body.dump();
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(
      delta('freechat_upstream_errors_total', {
        provider: 'free2gpt',
        class: 'ResponseStatusError',
      }),
    ).toBe(1);
    expect(
      delta('freechat_upstream_requests_total', { provider: 'free2gpt', outcome: 'failure' }),
    ).toBe(1);
    expect(
      delta('freechat_upstream_requests_total', { provider: 'freegpt', outcome: 'success' }),
    ).toBe(1);
  });

  it('counts streams in flight while they are written', async () => {
    const labels = { route: CHAT };
    expect(sample(await scrape(), 'freechat_streams_in_flight', labels)).toBe(0);
    test.emulator.scenario('free2gpt', { fault: 'stall-mid-reply' });
    const upstream = test.emulator.nextRequest();
    const response = await ask({ model: 'free2gpt', stream: true });
    expect(response.statusCode).toBe(200);
    expect(sample(await scrape(), 'freechat_streams_in_flight', labels)).toBe(1);
    response.body.destroy();
    await (await upstream).closed;
    // A stream that ends normally is no longer counted by the time its client has read it all.
    await (await ask({ model: 'free2gpt', stream: true })).body.dump();
    expect(sample(await scrape(), 'freechat_streams_in_flight', labels)).toBe(0);
  });

  it('shows each provider cooling down, and the cooldowns started', async () => {
    test.emulator.scenario('free2gpt', { fault: 'rate-limit', retryAfter: 30 });
    await (await ask({ model: 'gemini-1.5-flash' })).body.dump();
    const cooling = await scrape();
    expect(sample(cooling, 'freechat_provider_cooling_down', { provider: 'free2gpt' })).toBe(1);
    expect(sample(cooling, 'freechat_provider_cooling_down', { provider: 'freegpt' })).toBe(0);
    expect(
      sample(cooling, 'freechat_provider_cooldowns_total', {
        provider: 'free2gpt',
        reason: 'rate_limited',
      }),
    ).toBe(1);
    now += 30_000;
    expect(sample(await scrape(), 'freechat_provider_cooling_down', { provider: 'free2gpt' })).toBe(
      0,
    );
  });

  it('keeps a registry per server: another server counts only its own requests', async () => {
    const other = createServer({ providers: emulatedProviders(test.emulator) });
    const url = await other.listen();
    try {
      const served = { route: CHAT, status: '200', provider: 'free2gpt' };
      expect(sample(await scrape(), 'freechat_requests_total', served)).toBeGreaterThan(0);
      expect(sample(await scrape(url), 'freechat_requests_total', served)).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe('the metrics options', () => {
  async function metricsStatus(options: ServerOptions, headers: Record<string, string> = {}) {
    const server = createServer({ providers: emulatedProviders(test.emulator), ...options });
    const url = await server.listen();
    try {
      const response = await request(`${url}/metrics`, { headers });
      await response.body.dump();
      return response.statusCode;
    } finally {
      await server.close();
    }
  }

  it('with an API key, /metrics needs it like /v1', async () => {
    expect(await metricsStatus({ apiKey: 'secret' })).toBe(401);
    expect(await metricsStatus({ apiKey: 'secret' }, { authorization: 'Bearer secret' })).toBe(200);
  });

  it('publicMetrics answers scrapers without the key', async () => {
    expect(await metricsStatus({ apiKey: 'secret', publicMetrics: true })).toBe(200);
  });

  it('metrics: false serves no /metrics', async () => {
    expect(await metricsStatus({ metrics: false })).toBe(404);
  });
});
