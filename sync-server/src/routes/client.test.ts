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

  it('compresses the app for browsers that accept gzip', async () => {
    await writeFile(join(dir, 'assets', 'big.js'), 'const x = 1;\n'.repeat(2000));
    const res = await app(dir).request('/assets/big.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
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
