import { randomBytes } from 'node:crypto';
import { markDeleted, type AccountDoc } from '@vitals/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { testApp } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { makeDoc, stamp } from '../testing/documents';
import { syncClient, type Doc } from '../testing/sync-client';
import { createTestTenant, type TestTenant } from '../testing/tenants';
import { countAiQuestion, readUsage, usageMonth } from './usage';

const DAY = 24 * 60 * 60 * 1000;

describe('usageMonth', () => {
  it('is the UTC calendar month, whatever the server’s time zone', () => {
    expect(usageMonth(new Date('2025-10-31T23:30:00-05:00'))).toBe('2025-11');
    expect(usageMonth(new Date('2025-12-31T23:59:59Z'))).toBe('2025-12');
  });
});

describe.each(databaseKinds())('readUsage on %s PostgreSQL', (kind) => {
  let db: Database;
  let harness: ReturnType<typeof testApp>;
  let count = 0;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    harness = testApp(db);
  });
  afterAll(() => db.close());

  async function freshTenant(): Promise<TestTenant<'owner' | 'csm'>> {
    return createTestTenant(db, {
      name: `Usage ${++count}`,
      roles: { owner: 'owner', csm: 'csm' },
      now: harness.clock.now(),
    });
  }
  const usage = (tenantId: string, now = harness.clock.now()) =>
    withScope(db.sql, { tenantId }, (tx) => readUsage(tx, tenantId, now));

  async function invitation(
    tenantId: string,
    email: string,
    state: { expiresInDays: number; accepted?: boolean; revoked?: boolean },
  ) {
    const now = harness.clock.now();
    await db.sql`
      insert into invitations (tenant_id, email, role, token_hash, expires_at, accepted_at, revoked_at)
      values (${tenantId}, ${email}, 'csm', ${randomBytes(32).toString('hex')},
        ${new Date(now.getTime() + state.expiresInDays * DAY)}, ${state.accepted ? now : null}, ${state.revoked ? now : null})`;
  }

  it('is all zero but the members for a new workspace', async () => {
    const tenant = await freshTenant();
    expect(await usage(tenant.id)).toEqual({
      users: 2,
      accounts: 0,
      storageBytes: 0,
      aiQuestionsThisMonth: 0,
    });
  });

  it('counts members and the invitations that can still be accepted, not expired, accepted or withdrawn ones', async () => {
    const tenant = await freshTenant();
    await invitation(tenant.id, 'pending@example.com', { expiresInDays: 3 });
    await invitation(tenant.id, 'expired@example.com', { expiresInDays: -1 });
    await invitation(tenant.id, 'accepted@example.com', { expiresInDays: 3, accepted: true });
    await invitation(tenant.id, 'withdrawn@example.com', { expiresInDays: 3, revoked: true });
    expect((await usage(tenant.id)).users).toBe(3);
    // Four days on, the pending one has expired too.
    expect((await usage(tenant.id, new Date(harness.clock.now().getTime() + 4 * DAY))).users).toBe(2);
  });

  it('counts live accounts only, and the stored size of every document of the workspace', async () => {
    const tenant = await freshTenant();
    const device = syncClient(harness.app, tenant.id, tenant.users.owner.cookie);
    const accounts = ['a', 'b', 'c'].map(
      (id) => makeDoc('accounts', { id, userId: tenant.users.owner.id }) as unknown as Doc,
    );
    await device.push(
      'accounts',
      accounts.map((doc) => ({ newDocumentState: doc })),
    );
    const before = await usage(tenant.id);
    expect(before.accounts).toBe(3);
    expect(before.storageBytes).toBeGreaterThan(0);

    await device.push('accounts', [
      {
        assumedMasterState: accounts[0],
        newDocumentState: markDeleted(accounts[0] as unknown as AccountDoc, stamp(5)) as unknown as Doc,
      },
    ]);
    const month = makeDoc('measurements', {
      id: 'b',
      userId: tenant.users.owner.id,
      accountId: 'b',
    }) as unknown as Doc;
    await device.push('measurements', [{ newDocumentState: month }]);
    const after = await usage(tenant.id);
    expect(after.accounts).toBe(2);
    // The measurement added its size; the tombstone is still stored (and synced), so it still counts.
    expect(after.storageBytes).toBeGreaterThan(before.storageBytes);
  });

  it('counts AI questions per UTC month, each workspace its own', async () => {
    const tenant = await freshTenant();
    const other = await freshTenant();
    const october = new Date('2025-10-31T22:00:00Z');
    const november = new Date('2025-11-01T00:30:00Z');
    for (const now of [october, october, november]) {
      await withScope(db.sql, { tenantId: tenant.id }, (tx) => countAiQuestion(tx, tenant.id, now));
    }
    expect((await usage(tenant.id, october)).aiQuestionsThisMonth).toBe(2);
    expect((await usage(tenant.id, november)).aiQuestionsThisMonth).toBe(1);
    expect((await usage(other.id, october)).aiQuestionsThisMonth).toBe(0);
  });
});
