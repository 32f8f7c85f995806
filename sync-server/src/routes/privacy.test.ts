import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connect';
import type { Logger } from '../logger';
import { testApp } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { makeDoc } from '../testing/documents';
import { writeAsServer } from '../testing/server-documents';
import { syncClient, type Doc } from '../testing/sync-client';
import { caller } from '../testing/caller';
import { createTestTenant, type TestTenant } from '../testing/tenants';
import { hashPassword } from '../auth/passwords';
import { accountPrivacyRoutes, tenantDeletionRoutes, tenantPrivacyRoutes } from './privacy';

type Roles = 'owner' | 'admin' | 'manager' | 'csm' | 'viewer';
const PASSWORD = 'correct horse battery';



describe.each(databaseKinds())('privacy on %s PostgreSQL', (kind) => {
  let db: Database;
  let harness: ReturnType<typeof testApp>;
  let call: ReturnType<typeof caller>;
  let a: TestTenant<Roles>;
  let b: TestTenant<'owner'>;
  let slugOf: (id: string) => Promise<string>;
  const logged: { message: string; fields?: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    harness = testApp(db);
    // The record of a tenant's deletion is an info line of the app's own logger: keep those.
    const info = harness.deps.log.info.bind(harness.deps.log);
    (harness.deps.log as { info: Logger['info'] }).info = (message, fields) => {
      logged.push({ message, fields });
      info(message, fields);
    };
    // Mounted as app.ts mounts them.
    harness.app.route('/api/auth/me', accountPrivacyRoutes);
    harness.app.route('/api/tenants/:tenantId/privacy', tenantPrivacyRoutes);
    harness.app.route('/api/tenants/:tenantId', tenantDeletionRoutes);
    call = caller(harness.app);
    const now = harness.clock.now();
    a = await createTestTenant(db, {
      name: 'Acme Health',
      roles: { owner: 'owner', admin: 'admin', manager: 'manager', csm: 'csm', viewer: 'viewer' },
      now,
    });
    b = await createTestTenant(db, { name: 'Beta Labs', roles: { owner: 'owner' }, now });
    slugOf = async (id) =>
      (await db.sql<{ slug: string }[]>`select slug from tenants where id = ${id}`)[0]!.slug;
    const at = harness.clock.now();
    await writeAsServer(db, {
      tenantId: a.id,
      userId: a.users.csm.id,
      collection: 'accounts',
      documents: [makeDoc('accounts', { id: 'acc-1', userId: a.users.csm.id })],
      at,
    });
    await writeAsServer(db, {
      tenantId: a.id,
      userId: a.users.csm.id,
      collection: 'conversations',
      documents: [
        { ...makeDoc('conversations', { id: 'csm-chat', userId: a.users.csm.id }), title: 'My private chat' },
        makeDoc('conversations', { id: 'owner-chat', userId: a.users.owner.id }),
      ],
      at,
    });
    await db.sql`update users set password_hash = ${await hashPassword(PASSWORD, 10)}, totp_key = '\\x0102'
      where id in ${db.sql([a.users.csm.id, a.users.owner.id])}`;
  });
  afterAll(() => db.close());

  const auditOf = (tenantId: string, action: string) =>
    db.sql<{ user_id: string; collection: string; document_id: string; after: Record<string, unknown> }[]>`
      select user_id, collection, document_id, after from audit_log where tenant_id = ${tenantId} and action = ${action}`;

  describe('tenant export', () => {
    it.each<[Roles, number]>([
      ['admin', 403],
      ['manager', 403],
      ['csm', 403],
      ['viewer', 403],
    ])('refuses a %s (%i)', async (role, status) => {
      const res = await call('GET', `/api/tenants/${a.id}/privacy/export`, { cookie: a.users[role].cookie });
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
    });

    it("answers the owner of another workspace with the workspace's 404", async () => {
      const res = await call('GET', `/api/tenants/${a.id}/privacy/export`, { cookie: b.users.owner.cookie });
      expect(res.status).toBe(404);
    });

    it('gives the owner every document, the team, invitations and the trail as a download, and audits it', async () => {
      const invited = await call('POST', `/api/tenants/${a.id}/invitations`, {
        cookie: a.users.owner.cookie,
        body: { email: 'newcomer@example.com', role: 'csm' },
      });
      expect(invited.status).toBe(201);
      const res = await call('GET', `/api/tenants/${a.id}/privacy/export`, { cookie: a.users.owner.cookie });
      expect(res.status).toBe(200);
      const slug = await slugOf(a.id);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="vitals-${slug}-2025-10-01.json"`,
      );
      const body = res.body as {
        tenant: { id: string; slug: string };
        members: { id: string; email: string }[];
        invitations: Record<string, unknown>[];
        documents: Record<string, { id: string }[]>;
        audit: { action: string; documentId: string }[];
      };
      expect(body.tenant).toMatchObject({ id: a.id, slug, name: 'Acme Health' });
      expect(body.members.map((m) => m.id).sort()).toEqual(
        Object.values(a.users)
          .map((u) => u.id)
          .sort(),
      );
      expect(body.invitations).toEqual([
        expect.objectContaining({ email: 'newcomer@example.com', role: 'csm' }),
      ]);
      expect(Object.keys(body.invitations[0]!)).not.toContain('tokenHash');
      expect(body.documents.accounts!.map((d) => d.id)).toEqual(['acc-1']);
      // Someone else's assistant conversation stays theirs.
      expect(body.documents.conversations!.map((d) => d.id)).toEqual(['owner-chat']);
      expect(res.text).not.toContain('My private chat');
      expect(body.audit.map((e) => e.action)).toContain('create');
      const [hash] = await db.sql<
        { token_hash: string }[]
      >`select token_hash from invitations where tenant_id = ${a.id}`;
      expect(res.text).not.toContain(hash!.token_hash);
      expect(res.text).not.toContain('password');
      expect(await auditOf(a.id, 'privacy.export')).toEqual([
        {
          user_id: a.users.owner.id,
          collection: 'tenants',
          document_id: a.id,
          after: { fileName: `vitals-${slug}-2025-10-01.json` },
        },
      ]);
    });
  });

  describe('user export', () => {
    it('gives the signed-in user their account, memberships, sessions, conversations and audit entries, no secret', async () => {
      // A write of their own, pushed from a device, is in the trail as theirs.
      const pushed = makeDoc('conversations', { id: 'csm-chat-2', userId: a.users.csm.id });
      await syncClient(harness.app, a.id, a.users.csm.cookie).push('conversations', [
        { newDocumentState: pushed as unknown as Doc },
      ]);
      const res = await call('GET', '/api/auth/me/export', { cookie: a.users.csm.cookie });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(
        'attachment; filename="vitals-account-2025-10-01.json"',
      );
      const body = res.body as {
        user: Record<string, unknown>;
        memberships: { tenantId: string; role: string }[];
        sessions: Record<string, unknown>[];
        workspaces: { tenantId: string; conversations: { id: string }[]; audit: { userId: string }[] }[];
      };
      expect(body.user).toEqual({
        id: a.users.csm.id,
        email: a.users.csm.email,
        name: a.users.csm.name,
        mfaEnabled: true,
        passwordChangedAt: expect.any(String),
        createdAt: expect.any(String),
      });
      expect(body.memberships).toEqual([expect.objectContaining({ tenantId: a.id, role: 'csm' })]);
      expect(body.sessions).toEqual([expect.objectContaining({ current: true, mfaVerified: true })]);
      expect(Object.keys(body.sessions[0]!).sort()).toEqual([
        'createdAt',
        'current',
        'expiresAt',
        'mfaVerified',
      ]);
      const [workspace] = body.workspaces;
      expect(workspace!.conversations.map((d) => d.id)).toEqual(['csm-chat', 'csm-chat-2']);
      expect(workspace!.audit).toEqual([
        expect.objectContaining({
          userId: a.users.csm.id,
          collection: 'conversations',
          documentId: 'csm-chat-2',
        }),
      ]);
      expect(workspace!.audit.every((e) => e.userId === a.users.csm.id)).toBe(true);
      const [secrets] = await db.sql<{ password_hash: string; session: string }[]>`
        select u.password_hash, s.id as session from users u join sessions s on s.user_id = u.id where u.id = ${a.users.csm.id}`;
      expect(res.text).not.toContain(secrets!.password_hash);
      expect(res.text).not.toContain(secrets!.session);
      expect(res.text).not.toContain(a.users.csm.cookie.split('=')[1]!);
      expect(res.text).not.toMatch(/totp|password_?hash/i);
      expect(await auditOf(a.id, 'privacy.user-export')).toEqual([
        { user_id: a.users.csm.id, collection: 'users', document_id: a.users.csm.id, after: {} },
      ]);
    });

    it('asks for a signed-in user', async () => {
      expect((await call('GET', '/api/auth/me/export')).status).toBe(401);
    });
  });

  describe('user deletion', () => {
    it('refuses a wrong password (401) and the last owner of a workspace (409)', async () => {
      const wrong = await call('DELETE', '/api/auth/me', {
        cookie: a.users.csm.cookie,
        body: { password: 'not the one at all' },
      });
      expect(wrong.status).toBe(401);
      const owner = await call('DELETE', '/api/auth/me', {
        cookie: a.users.owner.cookie,
        body: { password: PASSWORD },
      });
      expect(owner.status).toBe(409);
      expect(owner.body).toEqual({
        error: { code: 'last-owner', message: 'Transfer ownership of Acme Health or delete it first.' },
      });
      const [still] = await db.sql`select 1 from users where id = ${a.users.owner.id}`;
      expect(still).toBeDefined();
    });

    it('deletes the user: membership gone, tombstones on devices, accounts kept, audited', async () => {
      // The csm manages the viewer; the viewer's document loses its manager.
      await db.sql`update memberships set manager_id = ${a.users.csm.id} where tenant_id = ${a.id} and user_id = ${a.users.viewer.id}`;
      const devices = syncClient(harness.app, a.id, a.users.manager.cookie);
      const { checkpoint } = await devices.pullAll('members');
      const res = await call('DELETE', '/api/auth/me', {
        cookie: a.users.csm.cookie,
        body: { password: PASSWORD },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('set-cookie')).toMatch(/^vitals_session=;/);
      expect(await db.sql`select 1 from users where id = ${a.users.csm.id}`).toEqual([]);
      expect(await db.sql`select 1 from sessions where user_id = ${a.users.csm.id}`).toEqual([]);
      expect((await call('GET', '/api/auth/me', { cookie: a.users.csm.cookie })).status).toBe(401);

      const members = await devices.pullAll('members', { checkpoint });
      expect(members.documents).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: a.users.csm.id, _deleted: true, name: 'Deleted user' }),
          expect.objectContaining({ id: a.users.viewer.id, _deleted: false, managerId: null }),
        ]),
      );
      expect(JSON.stringify(members.documents)).not.toContain(a.users.csm.email);
      const [chat] = await db.sql<{ deleted: boolean; data: { title: string; messages: unknown[] } }[]>`
        select deleted, data from sync_documents where tenant_id = ${a.id} and id = 'csm-chat'`;
      expect(chat).toMatchObject({ deleted: true, data: { title: '', messages: [] } });
      const [account] = await db.sql<{ owner: string; deleted: boolean }[]>`
        select data->>'ownerId' as owner, deleted from sync_documents where tenant_id = ${a.id} and id = 'acc-1'`;
      expect(account).toEqual({ owner: a.users.csm.id, deleted: false });
      expect(await auditOf(a.id, 'privacy.user-delete')).toEqual([
        {
          user_id: a.users.csm.id,
          collection: 'users',
          document_id: a.users.csm.id,
          after: { role: 'csm', conversations: 2, reports: [a.users.viewer.id] },
        },
      ]);
    });

    it('lets an owner go once another owner remains', async () => {
      const pair = await createTestTenant(db, {
        name: 'Pair Co',
        roles: { first: 'owner', second: 'owner' },
        now: harness.clock.now(),
      });
      await db.sql`update users set password_hash = ${await hashPassword(PASSWORD, 10)} where id = ${pair.users.first.id}`;
      const res = await call('DELETE', '/api/auth/me', {
        cookie: pair.users.first.cookie,
        body: { password: PASSWORD },
      });
      expect(res.status).toBe(204);
      expect(await db.sql`select user_id::text as id from memberships where tenant_id = ${pair.id}`).toEqual([
        { id: pair.users.second.id },
      ]);
    });
  });

  describe('tenant deletion', () => {
    it.each<[Roles, number]>([
      ['admin', 403],
      ['manager', 403],
      ['viewer', 403],
    ])('refuses a %s (%i)', async (role, status) => {
      const res = await call('DELETE', `/api/tenants/${a.id}`, {
        cookie: a.users[role].cookie,
        body: { confirm: await slugOf(a.id) },
      });
      expect(res.status).toBe(status);
    });

    it("answers another workspace's owner with 404, and a wrong confirmation with 400", async () => {
      const slug = await slugOf(a.id);
      expect(
        (
          await call('DELETE', `/api/tenants/${a.id}`, {
            cookie: b.users.owner.cookie,
            body: { confirm: slug },
          })
        ).status,
      ).toBe(404);
      const wrong = await call('DELETE', `/api/tenants/${a.id}`, {
        cookie: a.users.owner.cookie,
        body: { confirm: 'acme' },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({ error: { code: 'confirmation-mismatch' } });
    });

    it('refuses while a Stripe subscription is live', async () => {
      await db.sql`insert into tenant_billing (tenant_id, plan, status, stripe_subscription_id) values (${b.id}, 'professional', 'active', 'sub_privacy')`;
      const res = await call('DELETE', `/api/tenants/${b.id}`, {
        cookie: b.users.owner.cookie,
        body: { confirm: await slugOf(b.id) },
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: { code: 'subscription-active' } });
      await db.sql`update tenant_billing set status = 'canceled' where tenant_id = ${b.id}`;
    });

    it('deletes the tenant and everything in it, recording it in the server log', async () => {
      const slug = await slugOf(a.id);
      const other = await slugOf(b.id);
      const res = await call('DELETE', `/api/tenants/${a.id}`, {
        cookie: a.users.owner.cookie,
        body: { confirm: ` ${slug.toUpperCase()} ` },
      });
      expect(res.status).toBe(204);
      for (const table of [
        'tenants',
        'memberships',
        'sync_documents',
        'audit_log',
        'invitations',
        'outbox',
      ]) {
        const column = table === 'tenants' ? 'id' : 'tenant_id';
        expect(await db.sql`select 1 from ${db.sql(table)} where ${db.sql(column)} = ${a.id}`, table).toEqual(
          [],
        );
      }
      // Its people stay: they may belong to other workspaces.
      expect(await db.sql`select 1 from users where id = ${a.users.owner.id}`).toHaveLength(1);
      expect(logged).toContainEqual({
        message: 'tenant deleted',
        fields: expect.objectContaining({
          tenantId: a.id,
          slug,
          userId: a.users.owner.id,
          at: harness.clock.now().toISOString(),
        }),
      });
      expect(
        (await call('GET', `/api/tenants/${a.id}/privacy/export`, { cookie: a.users.owner.cookie })).status,
      ).toBe(404);
      // Another workspace's trail is untouched, and still append-only.
      expect(await db.sql`select 1 from tenants where slug = ${other}`).toHaveLength(1);
      await db.sql`insert into audit_log (tenant_id, action) values (${b.id}, 'probe')`;
      await expect(db.sql`delete from audit_log where tenant_id = ${b.id}`).rejects.toThrow(/append-only/);
    });
  });
});
