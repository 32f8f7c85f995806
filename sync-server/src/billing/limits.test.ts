/**
 * enforceLimit itself, and the storage limit end to end. Reaching Free's 1 GB for real would take minutes of
 * writing, so the stored size (usage.ts) is stubbed here — only that number: the plan, the other counts and
 * every write path are the real ones.
 */
import { markDeleted, type AccountDoc } from '@vitals/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { ApiError } from '../errors';
import { testApp, testConfig } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { makeDoc, stamp } from '../testing/documents';
import { syncClient, type Doc } from '../testing/sync-client';
import { createTestTenant } from '../testing/tenants';
import { enforceLimit, growthOf, type LimitDeps } from './limits';
import type * as Usage from './usage';

const stored = vi.hoisted(() => ({ bytes: null as number | null }));
vi.mock('./usage', async (importOriginal) => {
  const real = await importOriginal<typeof Usage>();
  return {
    ...real,
    readUsageOf: ((tx, tenantId, kind, now) =>
      kind === 'storage' && stored.bytes !== null
        ? Promise.resolve(stored.bytes)
        : real.readUsageOf(tx, tenantId, kind, now)) satisfies typeof real.readUsageOf,
  };
});

const GB = 1024 ** 3;
const BILLING_ON = {
  STRIPE_SECRET_KEY: 'sk_test_x',
  STRIPE_WEBHOOK_SECRET: 'whsec_x',
  STRIPE_PRICE_PROFESSIONAL: 'price_pro',
  STRIPE_PRICE_ENTERPRISE: 'price_ent',
};

const doc = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  _deleted: false,
  name: id,
  ...extra,
});

describe('growthOf', () => {
  it('counts accounts that come to exist, minus those deleted, and only in accounts', () => {
    const before = new Map([
      ['old', doc('old')],
      ['gone', { ...doc('gone'), _deleted: true }],
    ]);
    const writes = [doc('new'), doc('gone'), { ...doc('old'), _deleted: true }, doc('another')];
    expect(growthOf('accounts', writes, before).accounts).toBe(2);
    expect(growthOf('measurements', writes, before).accounts).toBe(0);
  });

  it('measures bytes as the JSON added, never counting a deletion as growth', () => {
    const before = new Map([['a', doc('a', { seq: 41, note: 'x'.repeat(100) })]]);
    expect(growthOf('accounts', [doc('a', { note: 'x'.repeat(150) })], before).bytes).toBe(50);
    expect(growthOf('accounts', [doc('b', { note: 'é' })], before).bytes).toBe(
      JSON.stringify(doc('b', { note: 'é' })).length + 1,
    );
    const tombstone = {
      ...doc('a', { note: 'x'.repeat(100), seq: 41 }),
      _deleted: true,
      clocks: { _deleted: 'hlc' },
    };
    expect(growthOf('accounts', [tombstone], before).bytes).toBe(0);
  });
});

describe.each(databaseKinds())('enforceLimit on %s PostgreSQL', (kind) => {
  let db: Database;
  let harness: ReturnType<typeof testApp>;
  let count = 0;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    harness = testApp(db, { config: testConfig(BILLING_ON) });
  });
  afterAll(() => db.close());
  beforeEach(() => {
    stored.bytes = null;
  });

  const freshTenant = () =>
    createTestTenant(db, { name: `Limits ${++count}`, roles: { owner: 'owner' }, now: harness.clock.now() });
  const enforce = (
    deps: LimitDeps,
    tenantId: string,
    limit: Parameters<typeof enforceLimit>[3],
    requested: number,
  ) => withScope(db.sql, { tenantId }, (tx) => enforceLimit(tx, deps, tenantId, limit, requested));
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error,
    );

  it('refuses storage beyond Free’s 1 GB with a 402 carrying the way up; exactly at the limit is allowed', async () => {
    const tenant = await freshTenant();
    stored.bytes = GB - 100;
    await expect(enforce(harness.deps, tenant.id, 'storage', 100)).resolves.toBeUndefined();
    const error = await refusal(enforce(harness.deps, tenant.id, 'storage', 101));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 402,
      code: 'plan-limit',
      message:
        'The Free plan allows 1 GB of data and this workspace holds 1 GB: the 101 B of new data was not saved. ' +
        'Upgrade to Professional for up to 10 GB of data.',
      details: {
        kind: 'storage',
        plan: 'free',
        limit: GB,
        current: GB - 100,
        requested: 101,
        upgradeTo: 'professional',
      },
    });
  });

  it('never refuses what shrinks a workspace over its limit (after a downgrade), nor nothing at all', async () => {
    const tenant = await freshTenant();
    stored.bytes = 3 * GB;
    await expect(enforce(harness.deps, tenant.id, 'storage', -500)).resolves.toBeUndefined();
    await expect(enforce(harness.deps, tenant.id, 'accounts', 0)).resolves.toBeUndefined();
  });

  it('applies the configured default plan when billing is off: unlimited accounts on Enterprise, Free’s 5 when set', async () => {
    const tenant = await freshTenant();
    const enterprise = { config: testConfig(), now: harness.clock.now };
    await expect(enforce(enterprise, tenant.id, 'accounts', 10_000)).resolves.toBeUndefined();
    const free = { config: testConfig({ DEFAULT_PLAN: 'free' }), now: harness.clock.now };
    expect(await refusal(enforce(free, tenant.id, 'accounts', 6))).toMatchObject({
      status: 402,
      details: { kind: 'accounts', limit: 5 },
    });
  });

  it('refuses a push that would pass the storage limit, keeps what is stored, and still lets a device delete', async () => {
    const tenant = await freshTenant();
    const device = syncClient(harness.app, tenant.id, tenant.users.owner.cookie);
    const a = makeDoc('accounts', { id: 'a', userId: tenant.users.owner.id }) as unknown as Doc;
    await device.push('accounts', [{ newDocumentState: a }]);

    stored.bytes = GB - 10;
    // A storage measurement is trusted for a minute while far below the limit (limits.ts): let it age.
    harness.clock.advance(61_000);
    const month = makeDoc('measurements', {
      id: 'a',
      userId: tenant.users.owner.id,
      accountId: 'a',
    }) as unknown as Doc;
    const res = await device.pushResponse('measurements', [{ newDocumentState: month }]);
    expect(res.status).toBe(402);
    const body = (await res.json()) as {
      error: { code: string; message: string; details: Record<string, unknown> };
    };
    expect(body.error.code).toBe('plan-limit');
    expect(body.error.message).toContain('was not saved');
    expect(body.error.details).toMatchObject({
      kind: 'storage',
      current: GB - 10,
      requested: JSON.stringify(month).length,
    });
    const [row] = await db.sql<
      { n: number }[]
    >`select count(*)::int as n from sync_documents where tenant_id = ${tenant.id}`;
    expect(row!.n).toBe(1);

    const tombstone = markDeleted(a as unknown as AccountDoc, stamp(5)) as unknown as Doc;
    expect(await device.push('accounts', [{ assumedMasterState: a, newDocumentState: tombstone }])).toEqual(
      [],
    );
  });
});
