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
import { etag } from 'hono/etag';
import type { AppEnv } from '../context';
import { staticCacheControl } from '../http/caching';

export const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../../client/dist', import.meta.url));

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Vitals</title>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Vitals</h1><p>The sync server is running (<a href="/api/health">/api/health</a>), but the app has not been
built on this machine yet. Run <code>npm run build</code>, then restart the server.</p></body></html>`;

/**
 * Compression is the app's (http/compression.ts); here each file gets its Cache-Control (http/caching.ts)
 * and the revalidated ones an ETag, so a reload of the shell is a 304.
 */
export function clientRoutes(clientDir: string = DEFAULT_CLIENT_DIR): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const index = join(clientDir, 'index.html');
  if (!existsSync(index)) {
    app.get('/', (c) => c.html(NOT_BUILT));
    return app;
  }
  const isApi = (path: string): boolean => path === '/api' || path.startsWith('/api/');
  const isAsset = (path: string): boolean => path.startsWith('/assets/');
  const assets = serveStatic({ root: clientDir });
  const tag = etag();
  app.use('/*', async (c, next) => {
    if (isApi(c.req.path)) return next();
    await next();
    c.res.headers.set('Cache-Control', staticCacheControl(c.req.path, c.res.status));
  });
  app.use('/*', (c, next) => (isApi(c.req.path) || isAsset(c.req.path) ? next() : tag(c, next)));
  app.use('/*', (c, next) => (isApi(c.req.path) ? next() : assets(c, next)));
  app.get('*', async (c, next) => {
    if (isApi(c.req.path)) return next();
    // A missing hashed file is an old build's: answering it with index.html (cached for a year) would break the page.
    if (isAsset(c.req.path)) return c.notFound();
    return c.html(await readFile(index, 'utf8'));
  });
  return app;
}
