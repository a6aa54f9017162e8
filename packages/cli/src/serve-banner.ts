import type { Colors } from './cli-colors.js';

/** What the `serve` banner shows. */
export interface ServeBannerOptions {
  /** The server's base URL, `http://127.0.0.1:8787`. */
  url: string;
  /** The provider ids served, in fallback order. */
  providers: readonly string[];
  /** Whether the providers talk to the in-process emulator. */
  emulated: boolean;
  /** Whether requests need an API key (the key itself is never printed). */
  apiKey: boolean;
  /** Colours for stdout. */
  colors: Colors;
}

/** The text `freechat serve` prints once listening: the URL, a curl command and an `openai` example. */
export function serveBanner(options: ServeBannerOptions): string {
  const { url, providers, emulated, apiKey, colors } = options;
  const model = providers[0]!;
  const body = JSON.stringify({
    model,
    stream: true,
    messages: [{ role: 'user', content: 'Hello!' }],
  });
  const authorization = apiKey ? `\n    -H "Authorization: Bearer $FREECHAT_API_KEY" \\` : '';
  const clientKey = apiKey ? 'process.env.FREECHAT_API_KEY' : "'unused'";
  return `${colors.bold('freechat server')} listening on ${colors.cyan(url)}${emulated ? ' (against the in-process emulator)' : ''}
  OpenAI-compatible base URL: ${url}/v1
  providers, in fallback order: ${providers.join(', ')}${apiKey ? '\n  requests need the API key (Authorization: Bearer …)' : ''}

${colors.dim('# stream a reply with curl')}
  curl -N ${url}/v1/chat/completions \\${authorization}
    -H 'Content-Type: application/json' \\
    -d '${body}'

${colors.dim('// or with the openai package (npm i openai)')}
  import OpenAI from 'openai';
  const client = new OpenAI({ baseURL: '${url}/v1', apiKey: ${clientKey} });
  const stream = await client.chat.completions.create({
    model: '${model}', // or '${model}/<model>', or a bare model id tried on every provider
    messages: [{ role: 'user', content: 'Hello!' }],
    stream: true,
  });
  for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? '');

Press Ctrl+C to stop.
`;
}
