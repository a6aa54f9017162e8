import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { webAssetsDirectory } from '@freechat/web';
import type { FastifyInstance } from 'fastify';

/** What each file type of the built page is sent as. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * The page runs only its own scripts and styles and talks only to this server, so even markup that
 * slipped into the page could not run script or send the conversation elsewhere.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Route option that lets a request through without the API key (the page holds no secret). */
export const WITHOUT_API_KEY = { withoutApiKey: true } as const;

/**
 * Registers the web chat page of `@freechat/web`: `GET /` (its `index.html`) and its hashed
 * `/assets/*`, read into memory once. They are answered without the API key; the page asks for it and
 * sends it with its `/v1` calls.
 *
 * @throws Error when the page's files are missing (`@freechat/web` not built).
 */
export async function registerWebPage(fastify: FastifyInstance): Promise<void> {
  const files = await listFiles(webAssetsDirectory).catch((error: unknown) => {
    throw new Error(
      `createServer: the web page's files are missing in ${webAssetsDirectory} (build @freechat/web, or pass ui: false): ${(error as Error).message}`,
    );
  });
  for (const file of files) {
    const path = relative(webAssetsDirectory, file).split(sep).join('/');
    const body = await readFile(file);
    const isPage = path === 'index.html';
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      // The page is small and must follow the server's version; the assets have hashed names.
      'cache-control': isPage ? 'no-cache' : 'public, max-age=31536000, immutable',
      ...(isPage ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
    };
    fastify.get(isPage ? '/' : `/${path}`, { config: WITHOUT_API_KEY }, async (_request, reply) =>
      reply.headers(headers).send(body),
    );
  }
}

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
