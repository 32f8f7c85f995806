/**
 * Failure counting in the rate_limits table, so every server process sees the same counts. A key (an
 * email, an IP, a user) that fails `maxFailures` times within `windowMs` is locked for `lockMs`; while
 * locked it is refused before any password or code is checked. Keys are stored hashed: the table should
 * not become a list of email addresses and IPs.
 */
import type { TransactionSql } from '../db/connect';
import { hashToken } from './tokens';

export interface RateLimitPolicy {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

const MINUTE_MS = 60 * 1000;

/** Guessing one account's password: 5 tries per quarter hour. */
export const LOGIN_EMAIL_LIMIT: RateLimitPolicy = { maxFailures: 5, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS };
/**
 * One address trying many accounts. Higher than per email because an office shares one address behind
 * its NAT, and five typos there must not lock out everyone; still far below what stuffing needs.
 */
export const LOGIN_IP_LIMIT: RateLimitPolicy = { maxFailures: 25, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS };
/** Guessing a 6-digit code (or a recovery code) once the password is known. */
export const MFA_LIMIT: RateLimitPolicy = { maxFailures: 5, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS };
/** Re-entering the current password (password change, MFA disable) from a stolen session. */
export const REAUTH_LIMIT: RateLimitPolicy = { maxFailures: 5, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS };
/** Probing which emails are registered through sign-up. */
export const SIGNUP_IP_LIMIT: RateLimitPolicy = { maxFailures: 10, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS };
/** Reset emails for one address: enough for a lost email, too few to flood an inbox. */
export const RESET_EMAIL_LIMIT: RateLimitPolicy = { maxFailures: 5, windowMs: 60 * MINUTE_MS, lockMs: 60 * MINUTE_MS };

/** Confirmation emails a signed-in user asks for again: enough for a lost email, too few to flood an inbox. */
export const VERIFY_EMAIL_LIMIT: RateLimitPolicy = { maxFailures: 5, windowMs: 60 * MINUTE_MS, lockMs: 60 * MINUTE_MS };

/** A stored key: what is limited (`login-email`, `mfa`, …) and a hash of whom. */
export function limitKey(kind: string, subject: string): string {
  return `${kind}:${hashToken(subject)}`;
}

/** Seconds until the last of these keys unlocks, or null when none is locked. */
export async function lockedFor(tx: TransactionSql, keys: readonly string[], now: Date): Promise<number | null> {
  const [row] = await tx<{ until: Date | null }[]>`
    select max(locked_until) as until from rate_limits where key in ${tx(keys)} and locked_until > ${now}`;
  if (!row?.until) return null;
  return Math.max(1, Math.ceil((row.until.getTime() - now.getTime()) / 1000));
}

/**
 * Counts a failure in one atomic statement (two processes failing at once both count). A window older
 * than `windowMs` starts over; reaching `maxFailures` sets the lock. Returns whether the key is now locked.
 */
export async function recordFailure(tx: TransactionSql, key: string, policy: RateLimitPolicy, now: Date): Promise<boolean> {
  const windowStart = new Date(now.getTime() - policy.windowMs);
  const lockUntil = new Date(now.getTime() + policy.lockMs);
  const [row] = await tx<{ locked_until: Date | null }[]>`
    insert into rate_limits as r (key, window_start, failures, locked_until)
    values (${key}, ${now}, 1, ${policy.maxFailures <= 1 ? lockUntil : null})
    on conflict (key) do update set
      window_start = case when r.window_start <= ${windowStart} then ${now} else r.window_start end,
      failures = case when r.window_start <= ${windowStart} then 1 else r.failures + 1 end,
      locked_until = case
        when (case when r.window_start <= ${windowStart} then 1 else r.failures + 1 end) >= ${policy.maxFailures}
          then ${lockUntil}::timestamptz
        when r.window_start <= ${windowStart} then null
        else r.locked_until end
    returning locked_until`;
  return row?.locked_until !== null && row?.locked_until !== undefined && row.locked_until > now;
}

export async function clearFailures(tx: TransactionSql, key: string): Promise<void> {
  await tx`delete from rate_limits where key = ${key}`;
}
