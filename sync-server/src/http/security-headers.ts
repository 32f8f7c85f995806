/**
 * Security headers on every response (hono/secure-headers), with a Content-Security-Policy the built PWA
 * passes: its scripts, styles, workers and manifest all come from this origin. `style-src` allows inline
 * styles because Solid's `style={{…}}` bindings and uPlot position elements with style attributes;
 * `blob:`/`data:` images are exports and chart snapshots. HSTS only over https (see `isHttps`).
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  manifestSrc: ["'self'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

export interface SecurityHeadersOptions {
  /** The app's public origin: https there means every response is https (config.publicOrigin). */
  readonly publicOrigin: string;
  /** Believe X-Forwarded-Proto (a reverse proxy terminating TLS in front of us). */
  readonly trustProxy: boolean;
  /** Strict-Transport-Security max-age in seconds; 0 never sends it. */
  readonly hstsMaxAge: number;
}

export function securityHeaders(options: SecurityHeadersOptions): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    referrerPolicy: 'strict-origin-when-cross-origin',
    xFrameOptions: 'DENY',
    crossOriginOpenerPolicy: 'same-origin',
    // Decided per request below: over plain http the header would be ignored at best, a lock-out at worst.
    strictTransportSecurity: false,
    // Features the app never uses; fullscreen (meeting mode) and clipboard keep their same-origin default.
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
      browsingTopics: [],
    },
  });
  const publicHttps = options.publicOrigin.startsWith('https://');
  return async (c, next) => {
    await headers(c, next);
    const https =
      publicHttps ||
      (options.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https');
    if (options.hstsMaxAge > 0 && https)
      c.res.headers.set('Strict-Transport-Security', `max-age=${options.hstsMaxAge}`);
  };
}
