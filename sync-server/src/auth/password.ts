/**
 * Changing and resetting passwords. Either way every session of the user ends and every reset link dies;
 * a change signs the current device back in with a new token.
 */
import type { AppDeps, CurrentSession } from '../context';
import { withScope } from '../db/tenant-scope';
import { ApiError } from '../errors';
import { enqueueEmail } from '../mail/outbox';
import { markEmailVerified } from './email-verifications';
import { AUTH_ERROR_CODES } from './errors';
import { guardedAttempt, type Guarded } from './guarded';
import { loginEmailKey } from './login';
import { consumePasswordReset, createPasswordReset, deletePasswordResets, RESET_TOKEN_LIFETIME_MS } from './password-resets';
import { hashPassword, verifyPassword } from './passwords';
import { clearFailures, limitKey, lockedFor, recordFailure, REAUTH_LIMIT, RESET_EMAIL_LIMIT } from './rate-limit';
import { createSession, invalidateUserSessions, sessionLifetimeMs, type NewSession } from './sessions';
import { findUserByEmail, normalizeEmail, setPasswordHash } from './users';

export async function changePassword(
  deps: AppDeps,
  session: CurrentSession,
  input: { currentPassword: string; newPassword: string },
): Promise<Guarded<NewSession>> {
  const guard = { userId: session.userId, key: limitKey('reauth', session.userId), policy: REAUTH_LIMIT };
  return guardedAttempt(deps, guard, async (tx, user, now) => {
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      return { ok: false, error: new ApiError(401, AUTH_ERROR_CODES.invalidPassword, 'Your current password is not correct.') };
    }
    await setPasswordHash(tx, user.id, await hashPassword(input.newPassword, deps.config.passwordCost), now);
    await deletePasswordResets(tx, user.id);
    await invalidateUserSessions(tx, user.id);
    const expiresAt = new Date(now.getTime() + sessionLifetimeMs(deps.config.sessionDays));
    return { ok: true, value: await createSession(tx, { userId: user.id, mfaVerified: session.mfaVerified, expiresAt, now }) };
  });
}

/**
 * Emails a reset link when the address belongs to a user; does the same visible nothing otherwise. Each
 * request counts per address, so the link cannot be used to flood an inbox.
 */
export async function requestPasswordReset(deps: AppDeps, rawEmail: string): Promise<void> {
  const now = deps.now();
  const email = normalizeEmail(rawEmail);
  const key = limitKey('reset-email', email);
  await withScope(deps.db.sql, {}, async (tx) => {
    if ((await lockedFor(tx, [key], now)) !== null) return;
    await recordFailure(tx, key, RESET_EMAIL_LIMIT, now);
    const user = await findUserByEmail(tx, email);
    if (!user) return;
    const token = await createPasswordReset(tx, user.id, now);
    const link = `${deps.config.publicOrigin}/reset-password?token=${token}`;
    const minutes = RESET_TOKEN_LIFETIME_MS / 60_000;
    await enqueueEmail(
      tx,
      {
        tenantId: null,
        to: user.email,
        kind: 'password-reset',
        subject: 'Reset your Vitals password',
        body: `Someone asked to reset the password of your Vitals account.\n\nTo choose a new password, open this link within ${minutes} minutes:\n${link}\n\nIf it was not you, ignore this email: your password stays as it is.\n`,
      },
      now,
    );
  });
}

/**
 * Sets the new password from a reset link and ends every session; the user then signs in (with MFA, if
 * on). A sign-in lock on the email is lifted: someone guessing the old password locked the owner out, and
 * the owner has just proved they hold the mailbox — which also confirms the address, as its own link would.
 */
export async function confirmPasswordReset(deps: AppDeps, input: { token: string; newPassword: string }): Promise<void> {
  const now = deps.now();
  await withScope(deps.db.sql, {}, async (tx) => {
    const userId = await consumePasswordReset(tx, input.token, now);
    if (!userId) throw new ApiError(400, AUTH_ERROR_CODES.invalidToken, 'This reset link is invalid, used or expired. Please ask for a new one.');
    const [user] = await tx<{ email: string }[]>`select email from users where id = ${userId}`;
    if (!user) throw new Error(`Password reset for user ${userId}, who has no row.`);
    await setPasswordHash(tx, userId, await hashPassword(input.newPassword, deps.config.passwordCost), now);
    await deletePasswordResets(tx, userId);
    await invalidateUserSessions(tx, userId);
    await clearFailures(tx, loginEmailKey(user.email));
    await markEmailVerified(tx, userId, now);
  });
}
