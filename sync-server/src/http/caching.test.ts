import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { apiNoStore, staticCacheControl } from './caching';

describe('caching', () => {
  const app = new Hono();
  app.use('/api/*', apiNoStore());
  app.get('/api/me', (c) => c.json({ id: 'u1' }));
  app.get('/api/export', (c) => c.body('a,b', 200, { 'cache-control': 'private, max-age=60' }));
  app.post('/api/fail', (c) => c.json({ error: { code: 'bad-request' } }, 400));

  it('marks every API answer no-store, errors too', async () => {
    expect((await app.request('/api/me')).headers.get('cache-control')).toBe('no-store');
    expect((await app.request('/api/fail', { method: 'POST' })).headers.get('cache-control')).toBe(
      'no-store',
    );
  });

  it("keeps a route's own choice", async () => {
    expect((await app.request('/api/export')).headers.get('cache-control')).toBe('private, max-age=60');
  });

  it.each([
    ['/assets/index-B3VgzgXx.js', 200, 'public, max-age=31536000, immutable'],
    ['/assets/index-B3VgzgXx.js', 404, 'no-cache'],
    ['/index.html', 200, 'no-cache'],
    ['/sw.js', 200, 'no-cache'],
    ['/manifest.webmanifest', 200, 'no-cache'],
  ])('serves the built file %s (%d) with %s', (path, status, expected) => {
    expect(staticCacheControl(path, status)).toBe(expected);
  });
});
