import { defineConfig } from 'vitest/config';

/**
 * The page is built into dist/ui (dist/index.js, built by tsc, tells the server where it is).
 * `pnpm dev` serves it with hot reload and sends /v1 to a `freechat serve` on port 8787.
 */
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist/ui',
    emptyOutDir: true,
    // No inline script: the server's Content-Security-Policy allows scripts from the page's origin only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:8787' } },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
