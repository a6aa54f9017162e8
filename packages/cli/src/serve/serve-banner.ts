import type { Colors } from '../terminal/colors.js';

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
  /** Other URLs that reach the server from other machines (listening on `0.0.0.0` or `::`). */
  reachable?: readonly string[];
  /** Whether the server listens where other machines reach it, which without a key is a warning. */
  exposed?: boolean;
  /** Whether the web chat page is served at `/`. */
  ui?: boolean;
  /** Where the state is kept (in process, or a Redis with its credentials masked). */
  state?: string;
  /** Colours for stdout. */
  colors: Colors;
}

/** The text `freechat serve` prints once listening: the URL, a curl command and an `openai` example. */
export function serveBanner(options: ServeBannerOptions): string {
  const { url, providers, emulated, apiKey, colors, reachable = [], exposed = false } = options;
  const model = providers[0]!;
  const body = JSON.stringify({
    model,
    stream: true,
    messages: [{ role: 'user', content: 'Hello!' }],
  });
  const authorization = apiKey ? `\n    -H "Authorization: Bearer $FREECHAT_API_KEY" \\` : '';
  const clientKey = apiKey ? 'process.env.FREECHAT_API_KEY' : "'unused'";
  return `${colors.bold('freechat server')} listening on ${colors.cyan(url)}${emulated ? ' (against the in-process emulator)' : ''}
${reachable.map((address) => `  also reachable at ${colors.cyan(address)}\n`).join('')}${options.ui === false ? '' : `  chat page: ${colors.cyan(`${url}/`)} (open it in a browser)\n`}  OpenAI-compatible base URL: ${url}/v1
  providers, in fallback order: ${providers.join(', ')}${options.state === undefined ? '' : `\n  state: ${options.state}`}${apiKey ? '\n  requests need the API key (Authorization: Bearer …)' : ''}${exposed && !apiKey ? `\n  ${colors.yellow('warning:')} other machines can reach this server and no API key is required: anyone on the network can use it (set FREECHAT_API_KEY or --api-key-file)` : ''}

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
