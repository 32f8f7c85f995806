/**
 * `/api/auth`: sign-up and confirming the email address, sign-in (with TOTP as second factor), sign-out, the
 * account's MFA and password, and password resets by email. The work lives in ../auth/; these handlers read validated input, call it,
 * and set or clear the session cookie.
 */
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { accountBody } from '../auth/account';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../auth/cookies';
import { resendVerification, verifyEmail } from '../auth/email-verification';
import { AUTH_ERROR_CODES } from '../auth/errors';
import { clientIp } from '../auth/client-ip';
import { tooManyAttempts, unwrap } from '../auth/http';
import { jsonBody } from '../auth/json-body';
import { logIn } from '../auth/login';
import { disableMfa, enableMfa, startMfaSetup, verifyMfa } from '../auth/mfa';
import { changePassword, confirmPasswordReset, requestPasswordReset } from '../auth/password';
import {
  loginBody,
  mfaDisableBody,
  mfaEnableBody,
  mfaVerifyBody,
  passwordChangeBody,
  resetConfirmBody,
  resetRequestBody,
  signupBody,
  verifyEmailBody,
} from '../auth/schemas';
import { secondFactorFrom } from '../auth/second-factor';
import { invalidateSession } from '../auth/sessions';
import { signUp } from '../auth/signup';
import type { AppEnv } from '../context';
import { withScope } from '../db/tenant-scope';
import { ApiError } from '../errors';
import { requireSession, requireUser } from '../middleware/session';

const INVALID_CREDENTIALS = 'The email or password is not correct.';

export const authRoutes = new Hono<AppEnv>()
  .post('/signup', jsonBody(signupBody), async (c) => {
    const deps = c.get('deps');
    const outcome = await signUp(deps, { ...c.req.valid('json'), ip: clientIp(c) });
    if (outcome.kind === 'locked') throw tooManyAttempts(c, outcome.retryAfterSeconds);
    await endPresentedSession(c);
    setSessionCookie(c, outcome.created.token, outcome.created.session.expiresAt);
    return c.json({ user: outcome.user, tenants: outcome.tenants }, 201);
  })

  // The link from the email: confirms the address, and neither needs nor creates a session.
  .post('/verify-email', jsonBody(verifyEmailBody), async (c) => {
    const deps = c.get('deps');
    return c.json(await accountBody(deps, await verifyEmail(deps, c.req.valid('json').token)));
  })

  .post('/verify-email/resend', async (c) => {
    const outcome = await resendVerification(c.get('deps'), requireUser(c));
    if (outcome.kind === 'locked') throw tooManyAttempts(c, outcome.retryAfterSeconds);
    return c.json({ ok: true }, 202);
  })

  .post('/login', jsonBody(loginBody), async (c) => {
    const deps = c.get('deps');
    const outcome = await logIn(deps, { ...c.req.valid('json'), ip: clientIp(c) });
    if (outcome.kind === 'locked') throw tooManyAttempts(c, outcome.retryAfterSeconds);
    if (outcome.kind === 'invalid') throw new ApiError(401, AUTH_ERROR_CODES.invalidCredentials, INVALID_CREDENTIALS);
    // A new token at every sign-in; whatever session this browser had is ended.
    await endPresentedSession(c);
    setSessionCookie(c, outcome.created.token, outcome.created.session.expiresAt);
    if (outcome.pending) return c.json({ mfaRequired: true });
    return c.json(await accountBody(deps, outcome.user));
  })

  .post('/mfa/verify', jsonBody(mfaVerifyBody), async (c) => {
    const session = requireSession(c);
    if (c.get('user')) throw new ApiError(409, AUTH_ERROR_CODES.mfaNotPending, 'This sign-in is already complete.');
    const deps = c.get('deps');
    const { user, session: completed } = unwrap(c, await verifyMfa(deps, session, c.req.valid('json')));
    // Same token, longer life: the cookie is sent again with the new Max-Age.
    setSessionCookie(c, getCookie(c, SESSION_COOKIE) ?? '', completed.expiresAt);
    return c.json(await accountBody(deps, user));
  })

  .post('/logout', async (c) => {
    await endPresentedSession(c);
    clearSessionCookie(c);
    return c.json({ ok: true });
  })

  .get('/me', async (c) => c.json(await accountBody(c.get('deps'), requireUser(c))))

  .post('/mfa/setup', async (c) => {
    const user = requireUser(c);
    return c.json(await startMfaSetup(c.get('deps'), user.id));
  })

  .post('/mfa/enable', jsonBody(mfaEnableBody), async (c) => {
    requireUser(c);
    const recoveryCodes = unwrap(c, await enableMfa(c.get('deps'), requireSession(c), c.req.valid('json').code));
    return c.json({ recoveryCodes });
  })

  .post('/mfa/disable', jsonBody(mfaDisableBody), async (c) => {
    const user = requireUser(c);
    const { password, code } = c.req.valid('json');
    return c.json({ user: unwrap(c, await disableMfa(c.get('deps'), user.id, { password, factor: secondFactorFrom(code) })) });
  })

  .post('/password', jsonBody(passwordChangeBody), async (c) => {
    requireUser(c);
    const created = unwrap(c, await changePassword(c.get('deps'), requireSession(c), c.req.valid('json')));
    setSessionCookie(c, created.token, created.session.expiresAt);
    return c.json({ ok: true });
  })

  .post('/password-reset/request', jsonBody(resetRequestBody), async (c) => {
    await requestPasswordReset(c.get('deps'), c.req.valid('json').email);
    return c.json({ ok: true }, 202);
  })

  .post('/password-reset/confirm', jsonBody(resetConfirmBody), async (c) => {
    await confirmPasswordReset(c.get('deps'), c.req.valid('json'));
    return c.json({ ok: true });
  });

/** Ends the session this request presented, if any (sign-out, or a new sign-in on the same browser). */
async function endPresentedSession(c: Context<AppEnv>): Promise<void> {
  const session = c.get('session');
  if (session) await withScope(c.get('deps').db.sql, {}, (tx) => invalidateSession(tx, session.id));
}
