import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { clearFailures, limitKey, lockedFor, recordFailure, type RateLimitPolicy } from './rate-limit';

const MINUTE = 60_000;
const POLICY: RateLimitPolicy = { maxFailures: 3, windowMs: 15 * MINUTE, lockMs: 10 * MINUTE };
const T0 = new Date('2025-10-01T09:00:00Z').getTime();
const at = (minutes: number): Date => new Date(T0 + minutes * MINUTE);

describe.each(databaseKinds())('rate limits on %s PostgreSQL', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());

  // As the request role, like the routes.
  const fail = (key: string, minutes: number) => withScope(db.sql, {}, (tx) => recordFailure(tx, key, POLICY, at(minutes)));
  const wait = (keys: string[], minutes: number) => withScope(db.sql, {}, (tx) => lockedFor(tx, keys, at(minutes)));

  it('locks at the last allowed failure, for lockMs, then counts afresh', async () => {
    const key = limitKey('test', 'a');
    expect(await fail(key, 0)).toBe(false);
    expect(await fail(key, 1)).toBe(false);
    expect(await wait([key], 1)).toBeNull();
    expect(await fail(key, 2)).toBe(true);
    expect(await wait([key], 2)).toBe(600);
    expect(await wait([key], 11.5)).toBe(30);
    expect(await wait([key], 12)).toBeNull();
    // The old window is over: one failure does not lock again.
    expect(await fail(key, 20)).toBe(false);
    expect(await wait([key], 20)).toBeNull();
  });

  it('forgets failures older than the window', async () => {
    const key = limitKey('test', 'b');
    await fail(key, 0);
    await fail(key, 1);
    expect(await fail(key, 16)).toBe(false);
    expect(await fail(key, 17)).toBe(false);
    expect(await fail(key, 18)).toBe(true);
  });

  it('answers for the latest lock among several keys, and clears', async () => {
    const [a, b] = [limitKey('test', 'c'), limitKey('test', 'd')];
    for (const m of [0, 0, 0]) await fail(a, m);
    for (const m of [5, 5, 5]) await fail(b, m);
    expect(await wait([a, b], 6)).toBe(9 * 60);
    await withScope(db.sql, {}, (tx) => clearFailures(tx, b));
    expect(await wait([a, b], 6)).toBe(4 * 60);
  });

  it('counts failures racing from several connections', async () => {
    const key = limitKey('test', 'e');
    await Promise.all(Array.from({ length: 6 }, () => fail(key, 0)));
    const [row] = await db.sql<{ failures: number }[]>`select failures from rate_limits where key = ${key}`;
    expect(row!.failures).toBe(6);
    expect(await wait([key], 0)).toBe(600);
  });

  it('stores keys hashed', () => {
    expect(limitKey('login-email', 'ana@example.com')).toMatch(/^login-email:[0-9a-f]{64}$/);
  });
});
