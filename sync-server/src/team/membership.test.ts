import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Membership } from '../context';
import type { Database } from '../db/connect';
import { ApiError } from '../errors';
import { testApp } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { makeDoc } from '../testing/documents';
import { writeAsServer } from '../testing/server-documents';
import { createTestTenant, type TestUser } from '../testing/tenants';
import { lockTenantWrites } from '../sync/tenant-lock';
import { LAST_OWNER_CODE, listMembers, transferOwnership, updateMember } from './membership';

describe.each(databaseKinds())('membership changes on %s PostgreSQL', (kind) => {
  let db: Database;
  let harness: ReturnType<typeof testApp>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    harness = testApp(db);
  });
  afterAll(() => db.close());

  const as = (tenantId: string, user: TestUser): Membership => ({
    tenantId,
    userId: user.id,
    role: user.role,
  });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => (error instanceof ApiError ? { status: error.status, code: error.code } : error),
    );

  it('lets only one of two owners demoting each other at once succeed', async () => {
    const t = await createTestTenant(db, {
      name: 'Race',
      roles: { a: 'owner', b: 'owner' },
      now: harness.clock.now(),
    });
    const { a, b } = t.users;
    const demotions = (): Promise<unknown[]> =>
      Promise.all([
        refusal(updateMember(harness.deps, as(t.id, a), b.id, { role: 'admin' })),
        refusal(updateMember(harness.deps, as(t.id, b), a.id, { role: 'admin' })),
      ]);
    let results: unknown[];
    if (db.kind === 'server') {
      // Both start while another transaction holds the tenant's lock, so both are in flight at once: without
      // the lock in changeTeam, each would count two owners and demote one.
      let running: Promise<unknown[]> | undefined;
      await db.sql.begin(async (tx) => {
        await lockTenantWrites(tx, t.id);
        running = demotions();
        await new Promise((resolve) => setTimeout(resolve, 200));
      });
      results = await running!;
    } else {
      // PGlite has one connection: transactions already run one at a time.
      results = await demotions();
    }
    // The loser, re-checked under the lock, is no longer an owner: it may not change one (403), or, had it
    // still been one, it would have met the last-owner rule (409). Either way exactly one change happened.
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.find((r) => r !== null)).toMatchObject({ status: expect.any(Number) });
    const owners = (await listMembers(harness.deps, as(t.id, a))).filter((m) => m.role === 'owner');
    expect(owners).toHaveLength(1);
  });

  it('re-reads the actor: a membership demoted since the request began no longer manages', async () => {
    const t = await createTestTenant(db, {
      name: 'Stale',
      roles: { owner: 'owner', admin: 'admin', csm: 'csm' },
      now: harness.clock.now(),
    });
    const stale = as(t.id, t.users.admin);
    await updateMember(harness.deps, as(t.id, t.users.owner), t.users.admin.id, { role: 'viewer' });
    expect(await refusal(updateMember(harness.deps, stale, t.users.csm.id, { role: 'viewer' }))).toEqual({
      status: 403,
      code: 'forbidden',
    });
  });

  it('keeps the manager a seeded members document names when only the role changes', async () => {
    const t = await createTestTenant(db, {
      name: 'Seeded',
      roles: { owner: 'owner', boss: 'manager', csm: 'csm' },
      now: harness.clock.now(),
    });
    const { owner, boss, csm } = t.users;
    const seeded = { ...makeDoc('members', { id: csm.id, userId: csm.id }), managerId: boss.id };
    await writeAsServer(db, {
      tenantId: t.id,
      userId: owner.id,
      collection: 'members',
      documents: [seeded],
      at: harness.clock.now(),
    });
    const member = await updateMember(harness.deps, as(t.id, owner), csm.id, { role: 'viewer' });
    expect(member).toMatchObject({ role: 'viewer', managerId: boss.id });
  });

  it('makes the new owner and the former one admin together, or neither', async () => {
    const t = await createTestTenant(db, {
      name: 'Hand over',
      roles: { owner: 'owner', admin: 'admin' },
      now: harness.clock.now(),
    });
    const { owner, admin } = t.users;
    // A refused transfer changes nothing at all.
    expect(await refusal(transferOwnership(harness.deps, as(t.id, owner), owner.id))).toMatchObject({
      status: 400,
    });
    const roles = async () =>
      (await listMembers(harness.deps, as(t.id, admin))).map((m) => [m.id, m.role]).sort();
    expect(await roles()).toEqual(
      [
        [owner.id, 'owner'],
        [admin.id, 'admin'],
      ].sort(),
    );
    await transferOwnership(harness.deps, as(t.id, owner), admin.id);
    expect(await roles()).toEqual(
      [
        [owner.id, 'admin'],
        [admin.id, 'owner'],
      ].sort(),
    );
    expect(await refusal(updateMember(harness.deps, as(t.id, admin), admin.id, { role: 'viewer' }))).toEqual({
      status: 409,
      code: LAST_OWNER_CODE,
    });
  });
});
