/**
 * Cache-Control: the app's hashed files under /assets/ never change (a new build has new names), so
 * browsers keep them a year; the shell (index.html, sw.js, the manifest, icons) is revalidated on every
 * load so a deploy reaches users; API answers are per user and never stored.
 */
import type { MiddlewareHandler } from 'hono';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
export const NO_STORE = 'no-store';

/** The policy for a file of the built app (not the API) answered with `status`. */
export function staticCacheControl(path: string, status: number): string {
  return path.startsWith('/assets/') && status === 200 ? IMMUTABLE : REVALIDATE;
}

/** API responses are `no-store` unless a route chose otherwise (e.g. the SSE stream's `no-cache`). */
export function apiNoStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.res.headers.set('Cache-Control', NO_STORE);
  };
}
