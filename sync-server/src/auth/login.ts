/**
 * Sign-in with email and password. An unknown email and a wrong password take the same path (a hash is
 * verified either way) and give the same outcome; both count against the email and the client's address.
 * The password is verified outside any transaction so a slow hash does not hold a database connection.
 */
import type { AppDeps, SessionUser } from '../context';
import { withScope } from '../db/tenant-scope';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords';
import { clearFailures, limitKey, lockedFor, LOGIN_EMAIL_LIMIT, LOGIN_IP_LIMIT, recordFailure } from './rate-limit';
import { createSession, PENDING_SESSION_MS, sessionLifetimeMs, type NewSession } from './sessions';
import { findUserByEmail, normalizeEmail, publicUser } from './users';

export type LoginOutcome =
  | { readonly kind: 'locked'; readonly retryAfterSeconds: number }
  | { readonly kind: 'invalid' }
  /** `pending`: the user has MFA and the session waits for the code. */
  | { readonly kind: 'signed-in'; readonly user: SessionUser; readonly pending: boolean; readonly created: NewSession };

/** The failure counter for sign-ins to one email (also lifted by a password reset). */
export function loginEmailKey(email: string): string {
  return limitKey('login-email', normalizeEmail(email));
}

export async function logIn(deps: AppDeps, input: { email: string; password: string; ip: string }): Promise<LoginOutcome> {
  const now = deps.now();
  const { sql } = deps.db;
  const email = normalizeEmail(input.email);
  const emailKey = loginEmailKey(email);
  const ipKey = limitKey('login-ip', input.ip);

  const found = await withScope(sql, {}, async (tx) => {
    const wait = await lockedFor(tx, [emailKey, ipKey], now);
    return wait === null ? { locked: false as const, user: await findUserByEmail(tx, email) } : { locked: true as const, wait };
  });
  if (found.locked) return { kind: 'locked', retryAfterSeconds: found.wait };
  const { user } = found;

  const matches = await verifyPassword(user?.passwordHash ?? (await dummyHash(deps.config.passwordCost)), input.password);
  if (!user || !matches) {
    await withScope(sql, {}, async (tx) => {
      await recordFailure(tx, emailKey, LOGIN_EMAIL_LIMIT, now);
      await recordFailure(tx, ipKey, LOGIN_IP_LIMIT, now);
    });
    return { kind: 'invalid' };
  }

  const rehashed = needsRehash(user.passwordHash, deps.config.passwordCost) ? await hashPassword(input.password, deps.config.passwordCost) : null;
  const pending = user.totpKey !== null;
  const expiresAt = new Date(now.getTime() + (pending ? PENDING_SESSION_MS : sessionLifetimeMs(deps.config.sessionDays)));
  const created = await withScope(sql, {}, async (tx) => {
    await clearFailures(tx, emailKey);
    if (rehashed) await tx`update users set password_hash = ${rehashed} where id = ${user.id}`;
    return createSession(tx, { userId: user.id, mfaVerified: false, expiresAt, now });
  });
  return { kind: 'signed-in', user: publicUser(user), pending, created };
}
