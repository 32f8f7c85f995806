import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securityHeaders, type SecurityHeadersOptions } from './security-headers';

const HTTP: SecurityHeadersOptions = {
  publicOrigin: 'http://localhost:8787',
  trustProxy: false,
  hstsMaxAge: 15_552_000,
};

function app(options: SecurityHeadersOptions): Hono {
  const root = new Hono();
  root.use('*', securityHeaders(options));
  root.get('/', (c) => c.html('<!doctype html><title>Vitals</title>'));
  root.get('/boom', () => {
    throw new Error('boom');
  });
  root.onError((_error, c) => c.json({ error: { code: 'internal' } }, 500));
  return root;
}

describe('security headers', () => {
  it('sends the policy headers on every response, errors included', async () => {
    for (const path of ['/', '/boom', '/missing']) {
      const res = await app(HTTP).request(path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('permissions-policy')).toContain('camera=()');
      expect(res.headers.get('content-security-policy')).toBeTruthy();
    }
  });

  it('allows only this origin for scripts, connections, workers and the manifest, and no framing', async () => {
    const csp = (await app(HTTP).request('/')).headers.get('content-security-policy')!;
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values.join(' ')]),
    );
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'connect-src': "'self'",
      'worker-src': "'self' blob:",
      'manifest-src': "'self'",
      'frame-ancestors': "'none'",
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
    });
  });

  it.each<[string, SecurityHeadersOptions, Record<string, string>, string | null]>([
    ['an http origin', HTTP, {}, null],
    ['an https origin', { ...HTTP, publicOrigin: 'https://vitals.example.com' }, {}, 'max-age=15552000'],
    [
      'https at a trusted proxy',
      { ...HTTP, trustProxy: true },
      { 'x-forwarded-proto': 'https' },
      'max-age=15552000',
    ],
    ['https claimed without a trusted proxy', HTTP, { 'x-forwarded-proto': 'https' }, null],
    ['http at a trusted proxy', { ...HTTP, trustProxy: true }, { 'x-forwarded-proto': 'http' }, null],
    ['HSTS turned off', { ...HTTP, publicOrigin: 'https://vitals.example.com', hstsMaxAge: 0 }, {}, null],
  ])('sends Strict-Transport-Security for %s: %s', async (_case, options, headers, expected) => {
    const res = await app(options).request('/', { headers });
    expect(res.headers.get('strict-transport-security')).toBe(expected);
  });
});
