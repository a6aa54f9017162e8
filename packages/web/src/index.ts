import { fileURLToPath } from 'node:url';

/**
 * The absolute path of the built chat page: `index.html` and its `assets/` (hashed file names, safe
 * to cache forever). `@freechat/server` serves it at `/` with `createServer({ ui: true })`.
 *
 * @example
 * import { readdir } from 'node:fs/promises';
 * import { webAssetsDirectory } from '@freechat/web';
 *
 * console.log(await readdir(webAssetsDirectory)); // [ 'assets', 'index.html' ]
 */
export const webAssetsDirectory: string = fileURLToPath(new URL('./ui/', import.meta.url));
