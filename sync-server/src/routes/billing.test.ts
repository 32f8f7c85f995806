import type { Hono } from 'hono';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANS } from '@vitals/shared';
import type { AppDeps, AppEnv } from '../context';
import type { Database } from '../db/connect';
import { testApp, testConfig, TEST_ORIGIN } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { createApp } from '../app';
import { startFakeStripe, stripeEvent, stripeTestEnv, type FakeStripe } from '../testing/fake-stripe';
import { createTestTenant, type TestTenant } from '../testing/tenants';

type Roles = 'owner' | 'admin' | 'manager' | 'csm';
const ROLES = { owner: 'owner', admin: 'admin', manager: 'manager', csm: 'csm' } as const;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

function client(app: Hono<AppEnv>) {
  return async (method: string, path: string, cookie: string, body?: unknown): Promise<Answer> => {
    const headers: Record<string, string> = { origin: TEST_ORIGIN, cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
}

describe.each(databaseKinds())('billing routes on %s PostgreSQL', (kind) => {
  let db: Database;
  let fake: FakeStripe;
  let deps: AppDeps;
  let call: ReturnType<typeof client>;
  let callWithBillingOff: ReturnType<typeof client>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    fake = await startFakeStripe();
    deps = testApp(db, { config: testConfig(stripeTestEnv(fake)) }).deps;
    call = client(createApp(deps));
    callWithBillingOff = client(createApp(testApp(db, { config: testConfig({ DEFAULT_PLAN: 'enterprise' }) }).deps));
  });
  afterAll(async () => {
    await fake?.close();
    await db?.close();
  });

  const newTenant = (): Promise<TestTenant<Roles>> => createTestTenant(db, { name: 'Acme', roles: ROLES, now: deps.now() });
  const base = (tenant: { id: string }) => `/api/tenants/${tenant.id}/billing`;

  it('shows every member the plan, and only owners and admins the usage', async () => {
    const tenant = await newTenant();
    for (const role of ['owner', 'admin'] as const) {
      const { status, body } = await call('GET', base(tenant), tenant.users[role].cookie);
      expect(status).toBe(200);
      expect(body).toMatchObject({ plan: 'free', status: 'none', trialEndsAt: null, billingEnabled: true });
      expect(body.usage).toMatchObject({ users: 4, accounts: 0 });
      expect(body.plans).toEqual(Object.values(PLANS));
    }
    for (const role of ['manager', 'csm'] as const) {
      const { status, body } = await call('GET', base(tenant), tenant.users[role].cookie);
      expect(status).toBe(200);
      expect(body).toMatchObject({ plan: 'free', usage: null });
    }
  });

  it('says billing is off and puts everyone on the default plan without Stripe', async () => {
    const tenant = await newTenant();
    const { body } = await callWithBillingOff('GET', base(tenant), tenant.users.owner.cookie);
    expect(body).toMatchObject({ plan: 'enterprise', billingEnabled: false, status: 'none' });
    for (const path of ['/checkout', '/portal']) {
      const answer = await callWithBillingOff('POST', base(tenant) + path, tenant.users.owner.cookie, { plan: 'professional' });
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ error: { message: expect.stringContaining('Billing is off on this server') } });
    }
  });

  it('sends an owner to Stripe Checkout for the chosen plan, with one Stripe customer per workspace', async () => {
    const tenant = await newTenant();
    const first = await call('POST', `${base(tenant)}/checkout`, tenant.users.owner.cookie, { plan: 'enterprise' });
    expect(first.status).toBe(200);
    const url = first.body.url as string;
    expect(url.startsWith(`${fake.url}/checkout/cs_test_`)).toBe(true);
    const session = fake.checkoutSessions.get(url.split('/').pop()!)!;
    expect(session).toMatchObject({
      mode: 'subscription',
      client_reference_id: tenant.id,
      line_items: [{ price: 'price_enterprise', quantity: 1 }],
      subscription_metadata: { tenant_id: tenant.id },
      success_url: `${TEST_ORIGIN}/settings?billing=success#billing`,
      cancel_url: `${TEST_ORIGIN}/settings?billing=cancelled#billing`,
    });
    expect(fake.customers.get(session.customer!)).toMatchObject({ metadata: { tenant_id: tenant.id } });

    // Cancelled at Stripe, tried again: the same customer.
    const second = await call('POST', `${base(tenant)}/checkout`, tenant.users.owner.cookie, { plan: 'professional' });
    const again = fake.checkoutSessions.get((second.body.url as string).split('/').pop()!)!;
    expect(again.customer).toBe(session.customer);
    expect(again.line_items).toEqual([{ price: 'price_professional', quantity: 1 }]);
  });

  it('lets only owners pay: admins, managers and CSMs are refused', async () => {
    const tenant = await newTenant();
    for (const role of ['admin', 'manager', 'csm'] as const) {
      for (const path of ['/checkout', '/portal']) {
        const answer = await call('POST', base(tenant) + path, tenant.users[role].cookie, { plan: 'professional' });
        expect(answer.status).toBe(403);
        expect(answer.body).toMatchObject({ error: { message: 'Only an owner of this workspace can change its plan or payment details.' } });
      }
    }
    const [row] = await db.sql`select 1 from tenant_billing where tenant_id = ${tenant.id}`;
    expect(row).toBeUndefined();
  });

  it("refuses another workspace's billing like one that does not exist", async () => {
    const mine = await newTenant();
    const theirs = await newTenant();
    for (const [method, path] of [['GET', ''], ['POST', '/checkout'], ['POST', '/portal']] as const) {
      const answer = await call(method, base(theirs) + path, mine.users.owner.cookie, method === 'POST' ? { plan: 'professional' } : undefined);
      expect(answer.status).toBe(404);
    }
  });

  it('refuses a plan that cannot be bought', async () => {
    const tenant = await newTenant();
    const answer = await call('POST', `${base(tenant)}/checkout`, tenant.users.owner.cookie, { plan: 'free' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { message: 'Choose the Professional or the Enterprise plan.' } });
  });

  it('opens the Customer Portal once there is something to manage', async () => {
    const tenant = await newTenant();
    const before = await call('POST', `${base(tenant)}/portal`, tenant.users.owner.cookie);
    expect(before).toMatchObject({ status: 409, body: { error: { message: 'Nothing to manage yet: upgrade first.' } } });
    await call('POST', `${base(tenant)}/checkout`, tenant.users.owner.cookie, { plan: 'professional' });
    const after = await call('POST', `${base(tenant)}/portal`, tenant.users.owner.cookie);
    expect(after.status).toBe(200);
    const portal = fake.portalSessions.at(-1)!;
    expect(after.body).toEqual({ url: portal.url });
    expect(portal.return_url).toBe(`${TEST_ORIGIN}/settings#billing`);
  });

  it('tells the owner when Stripe fails, and to try again', async () => {
    const tenant = await newTenant();
    fake.failWith(500);
    const answer = await call('POST', `${base(tenant)}/checkout`, tenant.users.owner.cookie, { plan: 'professional' }).finally(() => fake.failWith(null));
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ error: { message: expect.stringContaining('Please try again') } });
  });

  it('upgrades through Checkout end to end, then refuses a second subscription', async () => {
    const tenant = await newTenant();
    const { body } = await call('POST', `${base(tenant)}/checkout`, tenant.users.owner.cookie, { plan: 'professional' });
    const { session } = fake.completeCheckout((body.url as string).split('/').pop()!);
    const payload = JSON.stringify(stripeEvent('checkout.session.completed', session));
    const signature = new Stripe('sk_test_signer_only').webhooks.generateTestHeaderString({
      payload,
      secret: 'whsec_test_fake',
      timestamp: Math.floor(deps.now().getTime() / 1000),
    });
    const app = createApp(deps);
    const delivered = await app.request('/api/stripe/webhook', { method: 'POST', headers: { 'stripe-signature': signature }, body: payload });
    expect(delivered.status).toBe(200);

    const shown = await call('GET', base(tenant), tenant.users.csm.cookie);
    expect(shown.body).toMatchObject({ plan: 'professional', status: 'active', billingEnabled: true });
    const twice = await call('POST', `${base(tenant)}/checkout`, tenant.users.owner.cookie, { plan: 'enterprise' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: { message: expect.stringContaining('Manage billing') } });
  });
});
