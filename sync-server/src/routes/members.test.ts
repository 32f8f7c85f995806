import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connect';
import { TEST_ORIGIN, testApp } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { makeDoc } from '../testing/documents';
import { writeAsServer } from '../testing/server-documents';
import { syncClient } from '../testing/sync-client';
import { createTestTenant, type TestTenant } from '../testing/tenants';

type Key = 'owner' | 'admin' | 'manager' | 'csm' | 'viewer';
const ALL: Record<Key, Key> = {
  owner: 'owner',
  admin: 'admin',
  manager: 'manager',
  csm: 'csm',
  viewer: 'viewer',
};
const LAST_OWNER = {
  error: { code: 'last-owner', message: 'A workspace needs an owner: make someone else owner first.' },
};

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

describe.each(databaseKinds())('members on %s PostgreSQL', (kind) => {
  let db: Database;
  let harness: ReturnType<typeof testApp>;
  let app: ReturnType<typeof testApp>['app'];
  let other: TestTenant<'owner'>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    harness = testApp(db);
    app = harness.app;
    other = await createTestTenant(db, {
      name: 'Beta Labs',
      roles: { owner: 'owner' },
      now: harness.clock.now(),
    });
  });
  afterAll(() => db.close());

  async function call(method: string, path: string, cookie: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { origin: TEST_ORIGIN, cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  const tenant = <K extends string>(roles: Record<K, Key>) =>
    createTestTenant(db, { name: 'Acme Health', roles, now: harness.clock.now() });
  const members = (t: { id: string }) => `/api/tenants/${t.id}/members`;
  const patch = (t: { id: string }, cookie: string, userId: string, body: unknown) =>
    call('PATCH', `${members(t)}/${userId}`, cookie, body);
  const remove = (t: { id: string }, cookie: string, userId: string) =>
    call('DELETE', `${members(t)}/${userId}`, cookie);
  const transfer = (t: { id: string }, cookie: string, userId: string) =>
    call('POST', `${members(t)}/transfer-ownership`, cookie, { userId });
  const roleOf = async (t: { id: string }, userId: string) =>
    (
      await db.sql<
        { role: string }[]
      >`select role from memberships where tenant_id = ${t.id} and user_id = ${userId}`
    )[0]?.role;

  it('lists the members to any member, and hides the workspace from others', async () => {
    const t = await tenant(ALL);
    const res = await call('GET', members(t), t.users.viewer.cookie);
    expect(res.status).toBe(200);
    const list = res.body.members as { id: string }[];
    expect(list).toHaveLength(5);
    expect(list).toContainEqual({
      id: t.users.csm.id,
      name: t.users.csm.name,
      email: t.users.csm.email,
      role: 'csm',
      managerId: null,
      joinedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect((await call('GET', members(t), other.users.owner.cookie)).status).toBe(404);
  });

  it.each<[Key, Key, Key, number]>([
    ['owner', 'csm', 'manager', 200],
    ['owner', 'admin', 'owner', 200],
    ['admin', 'csm', 'viewer', 200],
    ['admin', 'manager', 'admin', 200],
    ['admin', 'csm', 'owner', 403],
    ['admin', 'owner', 'viewer', 403],
    ['manager', 'csm', 'viewer', 403],
    ['csm', 'viewer', 'csm', 403],
    ['viewer', 'csm', 'viewer', 403],
  ])('answers a %s changing the %s to %s with %i', async (actor, target, role, status) => {
    const t = await tenant(ALL);
    const res = await patch(t, t.users[actor].cookie, t.users[target].id, { role });
    expect(res.status).toBe(status);
    expect(await roleOf(t, t.users[target].id)).toBe(status === 200 ? role : target);
    if (status === 200) expect(res.body.member).toMatchObject({ id: t.users[target].id, role });
    else expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('never demotes, removes or lets leave the last owner, but does a second one', async () => {
    const t = await tenant({ owner: 'owner', admin: 'admin', second: 'admin' });
    const { owner, second } = t.users;
    expect(await patch(t, owner.cookie, owner.id, { role: 'admin' })).toEqual({
      status: 409,
      body: LAST_OWNER,
    });
    expect(await remove(t, owner.cookie, owner.id)).toEqual({ status: 409, body: LAST_OWNER });
    expect(await call('POST', `${members(t)}/leave`, owner.cookie)).toEqual({
      status: 409,
      body: LAST_OWNER,
    });
    expect(await roleOf(t, owner.id)).toBe('owner');

    expect((await patch(t, owner.cookie, second.id, { role: 'owner' })).status).toBe(200);
    expect((await patch(t, second.cookie, owner.id, { role: 'admin' })).status).toBe(200);
    // Now `second` is the last one.
    expect(await patch(t, second.cookie, second.id, { role: 'viewer' })).toEqual({
      status: 409,
      body: LAST_OWNER,
    });
    expect((await call('POST', `${members(t)}/leave`, second.cookie)).status).toBe(409);
  });

  it('sets a manager who is a member, and refuses anyone else', async () => {
    const t = await tenant(ALL);
    const { admin, manager, csm } = t.users;
    const set = await patch(t, admin.cookie, csm.id, { managerId: manager.id });
    expect(set.body.member).toMatchObject({ role: 'csm', managerId: manager.id });
    for (const managerId of [other.users.owner.id, 'nobody', csm.id]) {
      const res = await patch(t, admin.cookie, csm.id, { managerId });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: { code: 'invalid-input', details: { issues: [{ path: 'managerId' }] } },
      });
    }
    expect((await patch(t, admin.cookie, csm.id, {})).status).toBe(400);
    expect((await patch(t, admin.cookie, csm.id, { managerId: null })).body.member).toMatchObject({
      managerId: null,
    });
  });

  it('answers 404 for a user of another workspace, or no user at all', async () => {
    const t = await tenant(ALL);
    const foreign = other.users.owner.id;
    expect((await patch(t, t.users.owner.cookie, foreign, { role: 'viewer' })).status).toBe(404);
    expect((await remove(t, t.users.owner.cookie, foreign)).status).toBe(404);
    expect((await transfer(t, t.users.owner.cookie, foreign)).status).toBe(404);
    expect((await remove(t, t.users.owner.cookie, 'not-a-uuid')).status).toBe(404);
    expect(await roleOf(other, foreign)).toBe('owner');
  });

  it('shows role changes and removals to every device through the members document', async () => {
    const t = await tenant(ALL);
    const device = syncClient(harness.app, t.id, t.users.viewer.cookie);
    const { checkpoint } = await device.pullAll('members');

    await patch(t, t.users.admin.cookie, t.users.csm.id, { role: 'manager', managerId: t.users.manager.id });
    const changed = await device.pullAll('members', { checkpoint });
    expect(changed.documents).toEqual([
      expect.objectContaining({
        id: t.users.csm.id,
        email: t.users.csm.email,
        role: 'manager',
        managerId: t.users.manager.id,
        _deleted: false,
      }),
    ]);

    // Removing the manager also unsets them as the csm's manager.
    expect((await remove(t, t.users.admin.cookie, t.users.manager.id)).status).toBe(204);
    const removed = await device.pullAll('members', { checkpoint: changed.checkpoint });
    expect(removed.documents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: t.users.manager.id, _deleted: true }),
        expect.objectContaining({ id: t.users.csm.id, managerId: null, _deleted: false }),
      ]),
    );
    expect(removed.documents).toHaveLength(2);
  });

  it.each<[Key, Key, number]>([
    ['owner', 'admin', 204],
    ['owner', 'csm', 204],
    ['admin', 'manager', 204],
    ['admin', 'owner', 403],
    ['manager', 'csm', 403],
    ['csm', 'viewer', 403],
    ['viewer', 'csm', 403],
  ])('answers a %s removing the %s with %i', async (actor, target, status) => {
    const t = await tenant({ ...ALL, spare: 'owner' });
    expect((await remove(t, t.users[actor].cookie, t.users[target].id)).status).toBe(status);
    expect(await roleOf(t, t.users[target].id)).toBe(status === 204 ? undefined : target);
  });

  it('signs a removed member out, keeping the accounts they own', async () => {
    const t = await tenant(ALL);
    const { csm } = t.users;
    const account = makeDoc('accounts', { id: `acc-${t.id.slice(0, 8)}`, userId: csm.id });
    await writeAsServer(db, {
      tenantId: t.id,
      userId: t.users.owner.id,
      collection: 'accounts',
      documents: [account],
      at: harness.clock.now(),
    });

    expect((await remove(t, t.users.owner.cookie, csm.id)).status).toBe(204);
    const me = await harness.app.request('/api/auth/me', {
      headers: { cookie: csm.cookie, origin: TEST_ORIGIN },
    });
    expect(me.status).toBe(401);
    expect((await syncClient(harness.app, t.id, csm.cookie).pullResponse('members')).status).toBe(401);
    const [row] = await db.sql<{ owner: string }[]>`
      select data->>'ownerId' as owner from sync_documents where tenant_id = ${t.id} and id = ${account.id}`;
    expect(row?.owner).toBe(csm.id);
    const [user] = await db.sql`select 1 from users where id = ${csm.id}`;
    expect(user).toBeDefined();
  });

  it('lets a member leave: the workspace is gone for them, their session is not', async () => {
    const t = await tenant(ALL);
    const { csm } = t.users;
    expect((await call('POST', `${members(t)}/leave`, csm.cookie)).status).toBe(204);
    expect((await call('GET', members(t), csm.cookie)).status).toBe(404);
    const me = await harness.app.request('/api/auth/me', {
      headers: { cookie: csm.cookie, origin: TEST_ORIGIN },
    });
    expect(me.status).toBe(200);
    const { documents } = await syncClient(harness.app, t.id, t.users.viewer.cookie).pullAll('members');
    expect(documents).toContainEqual(expect.objectContaining({ id: csm.id, _deleted: true }));
  });

  it('transfers ownership in one step, only from an owner, never to oneself', async () => {
    const t = await tenant(ALL);
    const { owner, admin, csm } = t.users;
    expect((await transfer(t, admin.cookie, csm.id)).status).toBe(403);
    expect((await transfer(t, owner.cookie, owner.id)).status).toBe(400);

    const res = await transfer(t, owner.cookie, csm.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      owner: expect.objectContaining({ id: csm.id, role: 'owner' }),
      formerOwner: expect.objectContaining({ id: owner.id, role: 'admin' }),
    });
    expect([await roleOf(t, csm.id), await roleOf(t, owner.id)]).toEqual(['owner', 'admin']);
    // Both documents in one write: adjacent seqs, pulled together.
    const { documents } = await syncClient(harness.app, t.id, t.users.viewer.cookie).pullAll('members');
    const [a, b] = documents.filter((d) => d.id === csm.id || d.id === owner.id);
    expect(Math.abs(a!.seq! - b!.seq!)).toBe(1);

    // The former owner is an admin now: the new (and only) owner is out of their reach.
    expect((await transfer(t, owner.cookie, admin.id)).status).toBe(403);
    expect((await patch(t, owner.cookie, csm.id, { role: 'viewer' })).status).toBe(403);
    expect((await remove(t, owner.cookie, csm.id)).status).toBe(403);
    expect(await call('POST', `${members(t)}/leave`, csm.cookie)).toEqual({ status: 409, body: LAST_OWNER });
  });

  it('audits every change', async () => {
    const t = await tenant(ALL);
    const { owner, admin, manager, csm, viewer } = t.users;
    await patch(t, admin.cookie, csm.id, { role: 'viewer' });
    await remove(t, admin.cookie, manager.id);
    await call('POST', `${members(t)}/leave`, viewer.cookie);
    await transfer(t, owner.cookie, admin.id);
    const audit = await call('GET', `/api/tenants/${t.id}/audit`, admin.cookie);
    const entries = (
      audit.body.entries as {
        userId: string;
        action: string;
        collection: string;
        documentId: string;
        before: unknown;
        after: unknown;
      }[]
    )
      .filter((e) => e.collection === 'memberships')
      .map(({ userId, action, documentId, before, after }) => ({
        userId,
        action,
        documentId,
        before,
        after,
      }));
    const shown = (u: { email: string }, role: string) => ({ email: u.email, role, managerId: null });
    expect(entries).toEqual([
      {
        userId: owner.id,
        action: 'update',
        documentId: owner.id,
        before: shown(owner, 'owner'),
        after: shown(owner, 'admin'),
      },
      {
        userId: owner.id,
        action: 'update',
        documentId: admin.id,
        before: shown(admin, 'admin'),
        after: shown(admin, 'owner'),
      },
      {
        userId: viewer.id,
        action: 'delete',
        documentId: viewer.id,
        before: shown(viewer, 'viewer'),
        after: null,
      },
      {
        userId: admin.id,
        action: 'delete',
        documentId: manager.id,
        before: shown(manager, 'manager'),
        after: null,
      },
      {
        userId: admin.id,
        action: 'update',
        documentId: csm.id,
        before: shown(csm, 'csm'),
        after: shown(csm, 'viewer'),
      },
    ]);
  });
});
