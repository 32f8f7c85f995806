/**
 * A rate-limited attempt on a signed-in user's behalf (a TOTP or recovery code, a re-entered password):
 * refused while the key is locked; a failure is counted and committed even though the request fails;
 * a success clears the count.
 */
import type { AppDeps } from '../context';
import { withScope } from '../db/tenant-scope';
import type { TransactionSql } from '../db/connect';
import type { ApiError } from '../errors';
import { clearFailures, lockedFor, recordFailure, type RateLimitPolicy } from './rate-limit';
import { findUserById, type UserRecord } from './users';

export type AttemptResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export type Guarded<T> =
  | { readonly kind: 'locked'; readonly retryAfterSeconds: number }
  | { readonly kind: 'failed'; readonly error: ApiError }
  | { readonly kind: 'ok'; readonly value: T };

/**
 * `attempt` answers `{ ok: false }` for a wrong secret (counted, and the failure committed) and throws for
 * anything else (nothing counted, its transaction rolled back). It must write nothing before it knows the
 * secret was right, since a counted failure commits the transaction.
 */
export async function guardedAttempt<T>(
  deps: AppDeps,
  options: { userId: string; key: string; policy: RateLimitPolicy },
  attempt: (tx: TransactionSql, user: UserRecord, now: Date) => Promise<AttemptResult<T>>,
): Promise<Guarded<T>> {
  const now = deps.now();
  return withScope(deps.db.sql, { userId: options.userId }, async (tx): Promise<Guarded<T>> => {
    const wait = await lockedFor(tx, [options.key], now);
    if (wait !== null) return { kind: 'locked', retryAfterSeconds: wait };
    const user = await findUserById(tx, options.userId);
    if (!user) throw new Error(`Signed-in user ${options.userId} has no row.`);
    const result = await attempt(tx, user, now);
    if (!result.ok) {
      await recordFailure(tx, options.key, options.policy, now);
      return { kind: 'failed', error: result.error };
    }
    await clearFailures(tx, options.key);
    return { kind: 'ok', value: result.value };
  });
}
