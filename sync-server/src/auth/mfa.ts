/**
 * TOTP MFA for an account: setup stores a pending key, enable proves it with a code and hands out
 * recovery codes, disable needs the password and a code, verify completes a pending sign-in. Every code
 * check is rate-limited per user (MFA_LIMIT).
 */
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import type { AppDeps, CurrentSession, SessionUser } from '../context';
import { withScope } from '../db/tenant-scope';
import { ApiError, ERROR_CODES } from '../errors';
import { AUTH_ERROR_CODES } from './errors';
import { guardedAttempt, type Guarded } from './guarded';
import { verifyPassword } from './passwords';
import { limitKey, MFA_LIMIT } from './rate-limit';
import { deleteRecoveryCodes, replaceRecoveryCodes } from './recovery-codes';
import { acceptSecondFactor, type SecondFactor } from './second-factor';
import { completeSessionMfa, sessionLifetimeMs } from './sessions';
import { generateTotpKey, totpKeyUri, verifyTotp } from './totp';
import { findUserById, publicUser } from './users';

const wrongCode = (): ApiError => new ApiError(401, AUTH_ERROR_CODES.invalidCode, 'That code is not valid. Codes change every 30 seconds and work only once.');

function mfaGuard(userId: string): { userId: string; key: string; policy: typeof MFA_LIMIT } {
  return { userId, key: limitKey('mfa', userId), policy: MFA_LIMIT };
}

export interface MfaSetup {
  /** Base32, uppercase, for typing into an authenticator app. */
  readonly secret: string;
  readonly uri: string;
}

export async function startMfaSetup(deps: AppDeps, userId: string): Promise<MfaSetup> {
  const key = generateTotpKey();
  const email = await withScope(deps.db.sql, { userId }, async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw new Error(`Signed-in user ${userId} has no row.`);
    if (user.totpKey) throw new ApiError(409, AUTH_ERROR_CODES.mfaAlreadyEnabled, 'Two-factor authentication is already on. Turn it off first to move it to a new app.');
    await tx`update users set totp_pending_key = ${Buffer.from(key)} where id = ${userId}`;
    return user.email;
  });
  return { secret: encodeBase32UpperCaseNoPadding(key), uri: totpKeyUri(email, key) };
}

/**
 * Proves the pending key with a code, turns MFA on and returns fresh recovery codes. The current session
 * counts as verified (it just proved the code); the user's other sessions must prove it on next use.
 */
export async function enableMfa(deps: AppDeps, session: CurrentSession, code: string): Promise<Guarded<string[]>> {
  return guardedAttempt(deps, mfaGuard(session.userId), async (tx, user, now) => {
    if (user.totpKey) throw new ApiError(409, AUTH_ERROR_CODES.mfaAlreadyEnabled, 'Two-factor authentication is already on.');
    if (!user.totpPendingKey) throw new ApiError(409, AUTH_ERROR_CODES.mfaSetupNotStarted, 'Start the two-factor setup first.');
    const counter = verifyTotp(user.totpPendingKey, code, { now, lastCounter: null });
    if (counter === null) return { ok: false, error: wrongCode() };
    await tx`update users set totp_key = totp_pending_key, totp_pending_key = null, totp_last_counter = ${counter.toString()}::bigint
      where id = ${user.id}`;
    await tx`update sessions set mfa_verified = true where id = ${session.id}`;
    return { ok: true, value: await replaceRecoveryCodes(tx, user.id) };
  });
}

export async function disableMfa(deps: AppDeps, userId: string, input: { password: string; factor: SecondFactor }): Promise<Guarded<SessionUser>> {
  return guardedAttempt(deps, mfaGuard(userId), async (tx, user, now) => {
    if (!user.totpKey) throw new ApiError(409, AUTH_ERROR_CODES.mfaNotEnabled, 'Two-factor authentication is not on.');
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      return { ok: false, error: new ApiError(401, AUTH_ERROR_CODES.invalidPassword, 'Your password is not correct.') };
    }
    if (!(await acceptSecondFactor(tx, user, input.factor, now))) return { ok: false, error: wrongCode() };
    await tx`update users set totp_key = null, totp_pending_key = null, totp_last_counter = null where id = ${user.id}`;
    await deleteRecoveryCodes(tx, user.id);
    return { ok: true, value: { ...publicUser(user), mfaEnabled: false } };
  });
}

/** Completes a pending sign-in: the session becomes whole, with a full lifetime. */
export async function verifyMfa(
  deps: AppDeps,
  session: CurrentSession,
  factor: SecondFactor,
): Promise<Guarded<{ user: SessionUser; session: CurrentSession }>> {
  return guardedAttempt(deps, mfaGuard(session.userId), async (tx, user, now) => {
    if (!(await acceptSecondFactor(tx, user, factor, now))) return { ok: false, error: wrongCode() };
    const expiresAt = new Date(now.getTime() + sessionLifetimeMs(deps.config.sessionDays));
    const completed = await completeSessionMfa(tx, session.id, expiresAt);
    // Signed out (or expired and swept) between loading the session and now.
    if (!completed) throw new ApiError(401, ERROR_CODES.sessionExpired, 'Your session has ended. Please sign in again.');
    return { ok: true, value: { user: publicUser(user), session: completed } };
  });
}
