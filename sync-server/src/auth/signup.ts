/**
 * Sign-up: a user with an unconfirmed address, signed in at once, and a confirmation link in the outbox, in
 * one transaction. No workspace yet: one is created (POST /api/tenants) once the address is confirmed, so an
 * address nobody proved to hold never owns one (see email-verification.ts). An email that is already
 * registered is answered 409 `email-taken` — saying so is what lets a person who forgot they had an account
 * find it; in exchange such answers count against the client's address, which slows probing.
 */
import type { AppDeps, SessionUser } from '../context';
import { withScope } from '../db/tenant-scope';
import { ApiError } from '../errors';
import { sendVerificationEmail } from './email-verification';
import { AUTH_ERROR_CODES } from './errors';
import { limitKey, lockedFor, recordFailure, SIGNUP_IP_LIMIT } from './rate-limit';
import { createSession, sessionLifetimeMs, type NewSession } from './sessions';
import { createUser, normalizeEmail, type TenantSummary } from './users';

export type SignupOutcome =
  | { readonly kind: 'locked'; readonly retryAfterSeconds: number }
  | { readonly kind: 'created'; readonly user: SessionUser; readonly tenants: TenantSummary[]; readonly created: NewSession };

export async function signUp(
  deps: AppDeps,
  input: { email: string; password: string; name: string; ip: string },
): Promise<SignupOutcome> {
  const now = deps.now();
  const { sql } = deps.db;
  const ipKey = limitKey('signup-ip', input.ip);
  const wait = await withScope(sql, {}, (tx) => lockedFor(tx, [ipKey], now));
  if (wait !== null) return { kind: 'locked', retryAfterSeconds: wait };

  const email = normalizeEmail(input.email);
  try {
    return await withScope(sql, {}, async (tx): Promise<SignupOutcome> => {
      const { id: userId } = await createUser(tx, { email, password: input.password, name: input.name }, deps.config.passwordCost, { unverified: true });
      await sendVerificationEmail(tx, { user: { id: userId, email }, publicOrigin: deps.config.publicOrigin, now });
      const expiresAt = new Date(now.getTime() + sessionLifetimeMs(deps.config.sessionDays));
      const created = await createSession(tx, { userId, mfaVerified: false, expiresAt, now });
      return {
        kind: 'created',
        user: { id: userId, email, name: input.name, mfaEnabled: false, emailVerified: false },
        tenants: [],
        created,
      };
    });
  } catch (error) {
    // The refusal itself is the answer; it only needs counting first (its transaction rolled back).
    if (error instanceof ApiError && error.code === AUTH_ERROR_CODES.emailTaken) {
      await withScope(sql, {}, (tx) => recordFailure(tx, ipKey, SIGNUP_IP_LIMIT, now));
    }
    throw error;
  }
}
