import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connect';
import { testClock } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { createTestTenant } from '../testing/tenants';
import { streamAccess } from './stream-access';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(databaseKinds())('who may keep a stream open, on %s PostgreSQL', (kind) => {
  let db: Database;
  const clock = testClock();

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());

  async function viewer(): Promise<{
    tenantId: string;
    userId: string;
    sessionId: string;
    check: () => Promise<boolean>;
  }> {
    const tenant = await createTestTenant(db, { name: 'Watching', roles: { csm: 'csm' }, now: clock.now() });
    const [session] = await db.sql<
      { id: string }[]
    >`select id from sessions where user_id = ${tenant.users.csm.id}`;
    const who = { tenantId: tenant.id, userId: tenant.users.csm.id, sessionId: session!.id };
    return { ...who, check: streamAccess({ db, now: clock.now }, who) };
  }

  it('a member with a live session', async () => {
    expect(await (await viewer()).check()).toBe(true);
  });

  it('not after signing out', async () => {
    const { sessionId, check } = await viewer();
    await db.sql`delete from sessions where id = ${sessionId}`;
    expect(await check()).toBe(false);
  });

  it('not once the session has expired', async () => {
    const { check } = await viewer();
    clock.advance(31 * DAY_MS);
    try {
      expect(await check()).toBe(false);
    } finally {
      clock.advance(-31 * DAY_MS);
    }
  });

  it('not after removal from the tenant', async () => {
    const { tenantId, userId, check } = await viewer();
    await db.sql`delete from memberships where tenant_id = ${tenantId} and user_id = ${userId}`;
    expect(await check()).toBe(false);
  });
});
