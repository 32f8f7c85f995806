/**
 * Sign-up: a user, their new workspace and their owner membership, in one transaction. An email that is
 * already registered is answered 409 `email-taken` — saying so is what lets a person who forgot they had
 * an account find it; in exchange such answers count against the client's address, which slows probing.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps, SessionUser } from '../context';
import { withScope } from '../db/tenant-scope';
import { ApiError } from '../errors';
import { AUTH_ERROR_CODES } from './errors';
import { limitKey, lockedFor, recordFailure, SIGNUP_IP_LIMIT } from './rate-limit';
import { createSession, sessionLifetimeMs, type NewSession } from './sessions';
import { startTrial } from '../billing/trial';
import { createTenant } from './tenants';
import { addMembership, createUser, normalizeEmail, type TenantSummary } from './users';

export type SignupOutcome =
  | { readonly kind: 'locked'; readonly retryAfterSeconds: number }
  | { readonly kind: 'created'; readonly user: SessionUser; readonly tenants: TenantSummary[]; readonly created: NewSession };

export async function signUp(
  deps: AppDeps,
  input: { email: string; password: string; name: string; tenantName: string; ip: string },
): Promise<SignupOutcome> {
  const now = deps.now();
  const { sql } = deps.db;
  const ipKey = limitKey('signup-ip', input.ip);
  const wait = await withScope(sql, {}, (tx) => lockedFor(tx, [ipKey], now));
  if (wait !== null) return { kind: 'locked', retryAfterSeconds: wait };

  const tenantId = randomUUID();
  const email = normalizeEmail(input.email);
  try {
    // Scoped to the new tenant: row-level security checks the tenant and membership rows against it.
    return await withScope(sql, { tenantId }, async (tx): Promise<SignupOutcome> => {
      const { id: userId } = await createUser(tx, { email, password: input.password, name: input.name }, deps.config.passwordCost);
      const tenant = await createTenant(tx, { id: tenantId, name: input.tenantName });
      await addMembership(tx, { tenantId, userId, role: 'owner' });
      // A new workspace tries Professional for 14 days (with billing on; otherwise it is on the default plan).
      await startTrial(tx, tenantId, now, deps.config.billing);
      const expiresAt = new Date(now.getTime() + sessionLifetimeMs(deps.config.sessionDays));
      const created = await createSession(tx, { userId, mfaVerified: false, expiresAt, now });
      return {
        kind: 'created',
        user: { id: userId, email, name: input.name, mfaEnabled: false },
        tenants: [{ id: tenant.id, slug: tenant.slug, name: input.tenantName, role: 'owner' }],
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
