/**
 * Cross-site request forgery guard (Lucia's guide): a state-changing request must come from our own
 * origin. Browsers always send Origin on such requests; a request without one is refused too, except on
 * routes that authenticate by other means (signed webhooks).
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { ApiError, ERROR_CODES } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function originCheck(options: { allowedOrigins: readonly string[]; exemptPaths?: readonly RegExp[] }) {
  const allowed = new Set(options.allowedOrigins);
  return createMiddleware<AppEnv>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || options.exemptPaths?.some((p) => p.test(c.req.path))) return next();
    const origin = c.req.header('origin');
    if (!origin || !allowed.has(origin)) {
      throw new ApiError(403, ERROR_CODES.badOrigin, 'This request did not come from the Vitals app, so it was refused.');
    }
    return next();
  });
}
