import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connect';
import type { FeedEvent } from '../sync/change-feed';
import { testApp, testConfig } from '../testing/app';
import { caller } from '../testing/caller';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { feedPosition, syncClient } from '../testing/sync-client';
import { createTestTenant } from '../testing/tenants';

const PASSWORD = 'correct horse battery';
const DAY = 24 * 60 * 60 * 1000;
/** Billing on (no Stripe call is made here): a new workspace starts a Professional trial. */
const BILLING_ON = {
  STRIPE_SECRET_KEY: 'sk_test_x',
  STRIPE_WEBHOOK_SECRET: 'whsec_x',
  STRIPE_PRICE_PROFESSIONAL: 'price_pro',
  STRIPE_PRICE_ENTERPRISE: 'price_ent',
};
/** ACME, the sample: 23 accounts. */
const SAMPLE_ACCOUNTS = 23;

let seq = 0;
const newEmail = (prefix: string): string => `${prefix}-${++seq}-${Math.random().toString(36).slice(2, 8)}@example.com`;

interface TenantJson {
  id: string;
  slug: string;
  name: string;
  role: string;
}

describe.each(databaseKinds())('workspaces and the sample on %s PostgreSQL', (kind) => {
  let db: Database;
  let harness: ReturnType<typeof testApp>;
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    harness = testApp(db, { config: testConfig(BILLING_ON) });
    call = caller(harness.app);
  });
  afterAll(() => db.close());

  /** Signs up through the API: an unverified user, signed in. */
  async function signUp(name = 'Ana Ops'): Promise<{ email: string; cookie: string; userId: string }> {
    const email = newEmail('ana');
    const res = await call('POST', '/api/auth/signup', { body: { email, password: PASSWORD, name } });
    expect(res.status).toBe(201);
    return { email, cookie: res.cookie!, userId: (res.body.user as { id: string }).id };
  }

  /** Opens the newest confirmation link mailed to `email`. */
  async function confirm(email: string): Promise<void> {
    const [mail] = await db.sql<{ body: string }[]>`
      select body from outbox where to_email = ${email} and kind = 'email-verification' order by id desc limit 1`;
    const token = /verify-email\?token=([a-z2-7]{32})/.exec(mail!.body)![1]!;
    expect((await call('POST', '/api/auth/verify-email', { body: { token } })).status).toBe(200);
  }

  async function verifiedUserWithWorkspace(name: string) {
    const user = await signUp();
    await confirm(user.email);
    const res = await call('POST', '/api/tenants', { cookie: user.cookie, body: { name } });
    expect(res.status).toBe(201);
    return { ...user, tenant: res.body.tenant as TenantJson };
  }

  describe('POST /api/tenants', () => {
    it('refuses an unconfirmed address, then creates the workspace with its owner, trial and members document', async () => {
      const { email, cookie, userId } = await signUp('Ana Ops');
      const refused = await call('POST', '/api/tenants', { cookie, body: { name: 'Zeta Health' } });
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({
        error: { code: 'email-unverified', message: 'Confirm your email address first: we sent you a link.' },
      });
      const [none] = await db.sql<{ n: number }[]>`select count(*)::int as n from memberships where user_id = ${userId}`;
      expect(none!.n).toBe(0);

      await confirm(email);
      const created = await call('POST', '/api/tenants', { cookie, body: { name: '  Zeta Health ' } });
      expect(created.status).toBe(201);
      const tenant = created.body.tenant as TenantJson;
      expect(tenant).toEqual({ id: expect.any(String), slug: expect.stringMatching(/^zeta-health(-\d+)?$/), name: 'Zeta Health', role: 'owner' });
      expect(created.body).toEqual({
        tenant,
        user: { id: userId, email, name: 'Ana Ops', mfaEnabled: false, emailVerified: true },
        tenants: [tenant],
      });
      expect((await call('GET', '/api/auth/me', { cookie })).body).toEqual({ user: created.body.user, tenants: [tenant] });

      // The trial sign-up used to start.
      const [billing] = await db.sql<{ plan: string; status: string; trial_ends_at: Date }[]>`
        select plan, status, trial_ends_at from tenant_billing where tenant_id = ${tenant.id}`;
      expect(billing).toEqual({
        plan: 'professional',
        status: 'trialing',
        trial_ends_at: new Date(harness.clock.now().getTime() + 14 * DAY),
      });

      // Devices see the owner among the team.
      const members = await syncClient(harness.app, tenant.id, cookie).pullAll('members');
      expect(members.documents).toEqual([
        { id: userId, name: 'Ana Ops', email, role: 'owner', managerId: null, _deleted: false, seq: expect.any(Number) },
      ]);

      const audit = await call('GET', `/api/tenants/${tenant.id}/audit`, { cookie });
      expect(audit.body.entries).toContainEqual(
        expect.objectContaining({ userId, action: 'tenant.created', after: { name: 'Zeta Health', slug: tenant.slug } }),
      );
    });

    it('gives each workspace a unique slug', async () => {
      const name = `Same Name ${newEmail('co').slice(0, 12)}`;
      const first = await verifiedUserWithWorkspace(name);
      const second = await verifiedUserWithWorkspace(name);
      expect(second.tenant.slug).toBe(`${first.tenant.slug}-2`);
    });

    it('needs a session and a name of 1 to 80 characters', async () => {
      expect((await call('POST', '/api/tenants', { body: { name: 'X' } })).body).toMatchObject({ error: { code: 'unauthenticated' } });
      const { email, cookie } = await signUp();
      await confirm(email);
      for (const [name, message] of [
        ['   ', 'Enter a name for your workspace.'],
        ['x'.repeat(81), 'Use at most 80 characters for the workspace name.'],
      ] as const) {
        const res = await call('POST', '/api/tenants', { cookie, body: { name } });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ error: { code: 'invalid-input', message } });
      }
      expect((await call('POST', '/api/tenants', { cookie, body: { name: 'x'.repeat(80) } })).status).toBe(201);
    });
  });

  describe('POST /api/tenants/:tenantId/sample', () => {
    it('loads the sample once, owned by the caller, where devices pull it and streams are told', async () => {
      const { cookie, userId, tenant } = await verifiedUserWithWorkspace('Sample Co');
      const device = syncClient(harness.app, tenant.id, cookie);
      const before = await device.pullAll('accounts');
      const events: FeedEvent[] = [];
      let documents = 0;
      const unsubscribe = harness.deps.feed.subscribe(tenant.id, (event) => events.push(event));
      try {
        const loaded = await call('POST', `/api/tenants/${tenant.id}/sample`, { cookie });
        expect(loaded.status).toBe(201);
        expect(loaded.body).toEqual({ accounts: SAMPLE_ACCOUNTS, documents: expect.any(Number) });
        const [stored] = await db.sql<{ n: number }[]>`select count(*)::int as n from sync_documents where tenant_id = ${tenant.id} and collection <> 'members'`;
        expect(loaded.body.documents).toBe(stored!.n);
        documents = stored!.n;

        const accounts = await device.pullAll('accounts', { checkpoint: before.checkpoint });
        expect(accounts.documents).toHaveLength(SAMPLE_ACCOUNTS);
        expect(new Set(accounts.documents.map((a) => a.ownerId))).toEqual(new Set([userId]));
        expect((await device.pullAll('measurements')).documents.length).toBeGreaterThan(SAMPLE_ACCOUNTS);
        expect((await device.pullAll('versions')).documents).toEqual([expect.objectContaining({ note: 'Sample data', createdBy: userId })]);
        // The team is still just the caller: the sample's people all stand for them.
        expect((await device.pullAll('members')).documents.map((m) => m.id)).toEqual([userId]);
        // One notification per collection written, at its last document.
        const changed = events.flatMap((e) => (e.type === 'change' ? [e.change.collection] : []));
        expect(changed).toEqual(expect.arrayContaining(['accounts', 'measurements', 'versions', 'playbook_runs']));
        expect(events.find((e) => e.type === 'change' && e.change.collection === 'accounts')).toEqual({
          type: 'change',
          change: { tenantId: tenant.id, collection: 'accounts', checkpoint: feedPosition(accounts.checkpoint) },
        });
      } finally {
        unsubscribe();
      }

      const again = await call('POST', `/api/tenants/${tenant.id}/sample`, { cookie });
      expect(again.status).toBe(409);
      expect(again.body).toEqual({
        error: { code: 'tenant-not-empty', message: 'This workspace already has data, so the sample was not added.' },
      });
      const audit = await call('GET', `/api/tenants/${tenant.id}/audit`, { cookie });
      const sampled = (audit.body.entries as { action: string }[]).filter((e) => e.action === 'sample.loaded');
      expect(sampled).toEqual([expect.objectContaining({ userId, after: { sample: 'acme', accounts: SAMPLE_ACCOUNTS, documents } })]);
    });

    it.each([
      ['admin', 201],
      ['manager', 403],
      ['csm', 403],
      ['viewer', 403],
    ] as const)('answers a %s with %i', async (role, status) => {
      // Billing off: the default plan, which the sample fits (a tenant made this way has no trial).
      const plain = testApp(db);
      const tenant = await createTestTenant(db, { name: `Roles ${role}`, roles: { owner: 'owner', member: role }, now: plain.clock.now() });
      const res = await caller(plain.app)('POST', `/api/tenants/${tenant.id}/sample`, { cookie: tenant.users.member.cookie });
      expect(res.status).toBe(status);
      const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from sync_documents where tenant_id = ${tenant.id}`;
      if (status === 403) {
        expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
        expect(row!.n).toBe(0);
      } else {
        expect(row!.n).toBe(res.body.documents);
      }
    });

    it('answers 404 to someone outside the workspace', async () => {
      const { tenant } = await verifiedUserWithWorkspace('Private Co');
      const stranger = await verifiedUserWithWorkspace('Stranger Co');
      expect((await call('POST', `/api/tenants/${tenant.id}/sample`, { cookie: stranger.cookie })).status).toBe(404);
    });

    it('keeps to the Free plan: 5 accounts, so nothing is written', async () => {
      const free = testApp(db, { config: testConfig({ DEFAULT_PLAN: 'free' }) });
      const tenant = await createTestTenant(db, { name: 'Free Co', roles: { owner: 'owner' }, now: free.clock.now() });
      const res = await caller(free.app)('POST', `/api/tenants/${tenant.id}/sample`, { cookie: tenant.users.owner.cookie });
      expect(res.status).toBe(402);
      expect(res.body).toMatchObject({ error: { code: 'plan-limit', details: { kind: 'accounts', limit: 5 } } });
      const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from sync_documents where tenant_id = ${tenant.id}`;
      expect(row!.n).toBe(0);
    });
  });
});
