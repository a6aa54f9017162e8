import type { Colors } from '../terminal/colors.js';
import type { ApiKeySource } from './serve-api-key.js';

/** What the `serve` banner shows. */
export interface ServeBannerOptions {
  /** The server's base URL, `http://127.0.0.1:8787`. */
  url: string;
  /** The provider ids served, in fallback order. */
  providers: readonly string[];
  /** Whether the providers talk to the in-process emulator. */
  emulated: boolean;
  /**
   * Where the API key that requests need is kept, undefined when they need none. The key itself is
   * never printed: the examples read `FREECHAT_API_KEY`, or hold a placeholder that says where it is.
   */
  apiKey: ApiKeySource | undefined;
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
  const key = apiKey === undefined ? undefined : exampleKey(apiKey);
  const authorization = key === undefined ? '' : `\n    -H "Authorization: Bearer ${key.shell}" \\`;
  const clientKey = key?.code ?? "'unused'";
  return `${colors.bold('freechat server')} listening on ${colors.cyan(url)}${emulated ? ' (against the in-process emulator)' : ''}
${reachable.map((address) => `  also reachable at ${colors.cyan(address)}\n`).join('')}${options.ui === false ? '' : `  chat page: ${colors.cyan(`${url}/`)} (open it in a browser)\n`}  OpenAI-compatible base URL: ${url}/v1
  providers, in fallback order: ${providers.join(', ')}${options.state === undefined ? '' : `\n  state: ${options.state}`}${apiKey !== undefined ? '\n  requests need the API key (Authorization: Bearer …)' : ''}${exposed && apiKey === undefined ? `\n  ${colors.yellow('warning:')} other machines can reach this server and no API key is required: anyone on the network can use it (set FREECHAT_API_KEY or --api-key-file)` : ''}

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

/** The key as the curl command (`shell`) and the `openai` example (`code`) show it. */
function exampleKey(source: ApiKeySource): { shell: string; code: string } {
  if (source.from === 'environment') {
    return { shell: '$FREECHAT_API_KEY', code: 'process.env.FREECHAT_API_KEY' };
  }
  const where =
    source.from === 'key-file' ? `the key in ${source.path}` : `a key of apiKey in ${source.path}`;
  return { shell: `<${where}>`, code: `'<${where}>'` };
}
