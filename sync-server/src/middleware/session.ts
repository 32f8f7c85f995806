/**
 * Who is asking: reads the session cookie, validates it (sliding its expiry when due) and sets
 * `session` — and `user`, once the session is complete (no MFA, or MFA proved). A cookie that no longer
 * stands for a session is cleared. Routes call `requireUser` / `requireSession`, whose 401 says why.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../auth/cookies';
import { sessionLifetimeMs, validateSessionToken } from '../auth/sessions';
import type { AppEnv, CurrentSession, SessionUser } from '../context';
import { withScope } from '../db/tenant-scope';
import { ApiError, ERROR_CODES } from '../errors';

export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return next();
  const deps = c.get('deps');
  const lifetimeMs = sessionLifetimeMs(deps.config.sessionDays);
  const valid = await withScope(deps.db.sql, {}, (tx) => validateSessionToken(tx, token, { now: deps.now(), lifetimeMs }));
  if (!valid) {
    clearSessionCookie(c);
    return next();
  }
  c.set('session', valid.session);
  if (valid.verified) c.set('user', valid.user);
  if (valid.renewed) setSessionCookie(c, token, valid.session.expiresAt);
  return next();
});

/**
 * Any session, complete or waiting for its second factor. Without one: `session-expired` when the
 * request carried a cookie (expired, signed out, or ended by a password change — the client asks to
 * sign in again), `unauthenticated` when it carried none.
 */
export function requireSession(c: Context<AppEnv>): CurrentSession {
  const session = c.get('session');
  if (session) return session;
  if (getCookie(c, SESSION_COOKIE)) throw new ApiError(401, ERROR_CODES.sessionExpired, 'Your session has ended. Please sign in again.');
  throw new ApiError(401, ERROR_CODES.unauthenticated, 'Please sign in.');
}

/** The signed-in user of a complete session; a pending one answers 401 `mfa-required`. */
export function requireUser(c: Context<AppEnv>): SessionUser {
  requireSession(c);
  const user = c.get('user');
  if (!user) throw new ApiError(401, ERROR_CODES.mfaRequired, 'Enter the code from your authenticator app to finish signing in.');
  return user;
}
