import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../context';
import { clientRoutes } from './client';

describe('serving the app', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vitals-client-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Vitals app</title>');
    await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {})');
    await writeFile(join(dir, 'manifest.webmanifest'), '{"name":"Vitals"}');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const app = (clientDir: string) => {
    const root = new Hono<AppEnv>();
    root.route('/', clientRoutes(clientDir));
    root.notFound((c) => c.json({ error: { code: 'not-found' } }, 404));
    return root;
  };

  it('serves built files and falls back to index.html for deep links', async () => {
    const res = await app(dir).request('/assets/app.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log(1)');
    const deep = await app(dir).request('/accounts/acc-1');
    expect(await deep.text()).toContain('Vitals app');
  });

  // Compression is the whole app's now: http/compression.test.ts.

  it.each([
    ['a hashed asset', '/assets/app.js', 200, 'public, max-age=31536000, immutable'],
    ['the app shell', '/', 200, 'no-cache'],
    ['index.html', '/index.html', 200, 'no-cache'],
    ['a deep link', '/accounts/acc-1', 200, 'no-cache'],
    ['the service worker', '/sw.js', 200, 'no-cache'],
    ['the manifest', '/manifest.webmanifest', 200, 'no-cache'],
    ['an asset of an older build', '/assets/gone-1234.js', 404, 'no-cache'],
  ])('caches %s (%s) as %s', async (_what, path, status, cacheControl) => {
    const res = await app(dir).request(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('cache-control')).toBe(cacheControl);
  });

  it('answers a revalidated shell with 304 when it has not changed', async () => {
    const first = await app(dir).request('/sw.js');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    const again = await app(dir).request('/sw.js', { headers: { 'if-none-match': tag! } });
    expect(again.status).toBe(304);
  });

  it('leaves unknown API paths to the API 404', async () => {
    const res = await app(dir).request('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not-found' } });
  });

  it('says how to build the app when there is no build', async () => {
    const res = await app(join(dir, 'missing')).request('/');
    expect(await res.text()).toContain('npm run build');
  });
});
