import { readFileSync } from 'node:fs';

/** The version of @freechat/cli, from its package.json. */
export function cliVersion(): string {
  const manifest = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}
