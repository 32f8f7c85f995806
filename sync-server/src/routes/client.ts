/**
 * The built PWA (client/dist) on every path that is not the API, with the single-page fallback to
 * index.html so deep links (/accounts/…) open the app. Without a build, `/` says how to make one.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { AppEnv } from '../context';

export const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../../client/dist', import.meta.url));

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Vitals</title>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Vitals</h1><p>The sync server is running (<a href="/api/health">/api/health</a>), but the app has not been
built on this machine yet. Run <code>npm run build</code>, then restart the server.</p></body></html>`;

export function clientRoutes(clientDir: string = DEFAULT_CLIENT_DIR): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const index = join(clientDir, 'index.html');
  if (!existsSync(index)) {
    app.get('/', (c) => c.html(NOT_BUILT));
    return app;
  }
  const isApi = (path: string): boolean => path === '/api' || path.startsWith('/api/');
  const assets = serveStatic({ root: clientDir });
  // The app shell is ~500 KB of JS before compression; the API (and its SSE stream) is left alone.
  const gzip = compress();
  app.use('/*', (c, next) => (isApi(c.req.path) ? next() : gzip(c, next)));
  app.use('/*', (c, next) => (isApi(c.req.path) ? next() : assets(c, next)));
  app.get('*', async (c, next) => (isApi(c.req.path) ? next() : c.html(await readFile(index, 'utf8'))));
  return app;
}
