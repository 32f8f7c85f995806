import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { AppEnv } from '../context';
import type { Database } from '../db/connect';
import { testApp, testConfig, TEST_ORIGIN, type TestClock } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { createApp } from '../app';
import { startFakeStripe, stripeEvent, stripeTestEnv, type FakeStripe } from '../testing/fake-stripe';
import { createTestTenant, type TestTenant } from '../testing/tenants';

const WEBHOOK_SECRET = 'whsec_test_fake';
const signer = new Stripe('sk_test_signer_only');
const DAY = 86_400;

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe.each(databaseKinds())('Stripe webhooks on %s PostgreSQL', (kind) => {
  let db: Database;
  let fake: FakeStripe;
  let app: Hono<AppEnv>;
  let clock: TestClock;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    fake = await startFakeStripe();
    const built = testApp(db, { config: testConfig(stripeTestEnv(fake, WEBHOOK_SECRET)) });
    clock = built.clock;
    app = createApp(built.deps);
  });
  afterAll(async () => {
    await fake?.close();
    await db?.close();
  });

  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

  /** Posts the event as Stripe does: the raw JSON, signed, and no Origin header. */
  async function deliver(event: object, options: { secret?: string; timestamp?: number; signature?: string | null } = {}) {
    const payload = JSON.stringify(event);
    const signature =
      options.signature === undefined
        ? signer.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? WEBHOOK_SECRET, timestamp: options.timestamp ?? nowSeconds() })
        : options.signature;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== null) headers['stripe-signature'] = signature;
    const res = await app.request('/api/stripe/webhook', { method: 'POST', headers, body: payload });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function billingRow(tenantId: string) {
    const [row] = await db.sql<{ plan: string; status: string; stripe_subscription_id: string | null; current_period_end: Date | null }[]>`
      select plan, status, stripe_subscription_id, current_period_end from tenant_billing where tenant_id = ${tenantId}`;
    return row ?? null;
  }

  const billingAudit = (tenantId: string) =>
    db.sql<{ action: string; before: unknown; after: { plan: string; status: string } }[]>`
      select action, before, after from audit_log where tenant_id = ${tenantId} and collection = 'billing' order by id`;

  const newTenant = (): Promise<TestTenant<'owner'>> => createTestTenant(db, { name: 'Acme', roles: { owner: 'owner' }, now: clock.now() });

  function subscribe(tenant: { id: string }, state: Partial<Parameters<FakeStripe['setSubscription']>[0]> = {}) {
    const id = `sub_${Math.random().toString(36).slice(2, 12)}`;
    fake.setSubscription({
      id,
      customer: `cus_${id.slice(4)}`,
      status: 'active',
      priceId: 'price_professional',
      currentPeriodEnd: nowSeconds() + 30 * DAY,
      metadata: { tenant_id: tenant.id },
      ...state,
    });
    return id;
  }

  it('applies a signed subscription event: the tenant is on the plan Stripe holds, and the audit trail says so', async () => {
    const tenant = await newTenant();
    const id = subscribe(tenant, { priceId: 'price_enterprise' });
    const answer = await deliver(stripeEvent('customer.subscription.created', fake.subscriptionObject(id)));
    expect(answer).toEqual({ status: 200, body: { received: true, outcome: 'applied' } });
    expect(await billingRow(tenant.id)).toMatchObject({ plan: 'enterprise', status: 'active', stripe_subscription_id: id });
    const audit = await billingAudit(tenant.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', before: null, after: { plan: 'enterprise', status: 'active' } });
  });

  it('refuses a wrong signature, a missing one and an old one, and changes nothing', async () => {
    const tenant = await newTenant();
    const id = subscribe(tenant);
    const event = stripeEvent('customer.subscription.created', fake.subscriptionObject(id));
    const refusals = [
      await deliver(event, { secret: 'whsec_someone_else' }),
      await deliver(event, { signature: null }),
      await deliver(event, { signature: 't=1,v1=deadbeef' }),
      await deliver(event, { timestamp: nowSeconds() - 301 }), // Stripe's tolerance is five minutes
    ];
    for (const refusal of refusals) {
      expect(refusal.status).toBe(400);
      expect(refusal.body).toMatchObject({ error: { message: 'The Stripe signature of this request is missing, wrong or too old.' } });
    }
    expect(await billingRow(tenant.id)).toBeNull();
    expect(await db.sql`select 1 from stripe_events where id = ${event.id}`).toHaveLength(0);
    // The same event, properly signed, is still taken afterwards.
    expect((await deliver(event)).body).toMatchObject({ outcome: 'applied' });
  });

  it('applies the same event delivered 100 times once: one recorded event, one audit entry', async () => {
    const tenant = await newTenant();
    const id = subscribe(tenant);
    const event = stripeEvent('customer.subscription.created', fake.subscriptionObject(id));
    const answers = await Promise.all(Array.from({ length: 100 }, () => deliver(event)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.outcome === 'applied')).toHaveLength(1);
    expect(answers.filter((a) => a.body.outcome === 'replay')).toHaveLength(99);
    expect(await db.sql`select 1 from stripe_events where id = ${event.id}`).toHaveLength(1);
    expect(await billingAudit(tenant.id)).toHaveLength(1);
    expect(await billingRow(tenant.id)).toMatchObject({ plan: 'professional', status: 'active' });
  });

  describe('events in every order end in the state Stripe holds', () => {
    // Each event carries the subscription as it was when sent; Stripe now holds the last state.
    for (const order of permutations(['created', 'updated', 'deleted'] as const)) {
      it(`a subscription started, upgraded, then cancelled: delivered ${order.join(', ')}`, async () => {
        const tenant = await newTenant();
        const id = subscribe(tenant, { status: 'trialing', trialEnd: nowSeconds() + 14 * DAY });
        const created = stripeEvent('customer.subscription.created', fake.subscriptionObject(id));
        const customer = `cus_${id.slice(4)}`;
        fake.setSubscription({ id, customer, status: 'active', priceId: 'price_enterprise', currentPeriodEnd: nowSeconds() + 30 * DAY, metadata: { tenant_id: tenant.id } });
        const updated = stripeEvent('customer.subscription.updated', fake.subscriptionObject(id));
        fake.setSubscription({ id, customer, status: 'canceled', priceId: 'price_enterprise', currentPeriodEnd: nowSeconds(), metadata: { tenant_id: tenant.id } });
        const deleted = stripeEvent('customer.subscription.deleted', fake.subscriptionObject(id));
        const events = { created, updated, deleted };
        for (const name of order) expect((await deliver(events[name])).status).toBe(200);
        expect(await billingRow(tenant.id)).toMatchObject({ plan: 'enterprise', status: 'canceled', stripe_subscription_id: id });
      });
    }

    for (const order of permutations(['checkout', 'created', 'updated', 'paid'] as const)) {
      it(`a checkout that ends on Enterprise, active: delivered ${order.join(', ')}`, async () => {
        const tenant = await newTenant();
        const id = subscribe(tenant, { status: 'incomplete', metadata: {} });
        const customer = `cus_${id.slice(4)}`;
        const session = { id: 'cs_test_1', object: 'checkout.session', mode: 'subscription', subscription: id, customer, client_reference_id: tenant.id };
        const events = {
          checkout: stripeEvent('checkout.session.completed', session),
          created: stripeEvent('customer.subscription.created', fake.subscriptionObject(id)),
          updated: stripeEvent('customer.subscription.updated', { ...fake.subscriptionObject(id), status: 'active' }),
          paid: stripeEvent('invoice.paid', { id: 'in_1', object: 'invoice', customer }),
        };
        fake.setSubscription({ id, customer, status: 'active', priceId: 'price_enterprise', currentPeriodEnd: nowSeconds() + 30 * DAY, metadata: {} });
        for (const name of order) expect((await deliver(events[name])).status).toBe(200);
        expect(await billingRow(tenant.id)).toMatchObject({ plan: 'enterprise', status: 'active', stripe_subscription_id: id });
      });
    }
  });

  it('finds the tenant by its stored Stripe customer when the subscription names none', async () => {
    const tenant = await newTenant();
    await db.sql`insert into tenant_billing (tenant_id, plan, status, stripe_customer_id) values (${tenant.id}, 'free', 'none', 'cus_known')`;
    const id = subscribe(tenant, { customer: 'cus_known', metadata: {}, status: 'past_due' });
    expect((await deliver(stripeEvent('customer.subscription.updated', fake.subscriptionObject(id)))).body.outcome).toBe('applied');
    expect(await billingRow(tenant.id)).toMatchObject({ plan: 'professional', status: 'past_due' });
  });

  it('maps unpaid and expired subscriptions to cancelled, and leaves a still-incomplete one alone', async () => {
    const tenant = await newTenant();
    const id = subscribe(tenant);
    await deliver(stripeEvent('customer.subscription.created', fake.subscriptionObject(id)));
    fake.setSubscription({ id, customer: `cus_${id.slice(4)}`, status: 'incomplete', priceId: 'price_professional', currentPeriodEnd: nowSeconds(), metadata: { tenant_id: tenant.id } });
    await deliver(stripeEvent('customer.subscription.updated', fake.subscriptionObject(id)));
    expect(await billingRow(tenant.id)).toMatchObject({ status: 'active' });
    fake.setSubscription({ id, customer: `cus_${id.slice(4)}`, status: 'unpaid', priceId: 'price_professional', currentPeriodEnd: nowSeconds(), metadata: { tenant_id: tenant.id } });
    await deliver(stripeEvent('customer.subscription.updated', fake.subscriptionObject(id)));
    expect(await billingRow(tenant.id)).toMatchObject({ status: 'canceled' });
  });

  it('does not let the end of an old subscription cancel the new one', async () => {
    const tenant = await newTenant();
    const customer = 'cus_twice';
    const old = subscribe(tenant, { customer });
    const oldCreated = stripeEvent('customer.subscription.created', fake.subscriptionObject(old));
    const current = subscribe(tenant, { customer, priceId: 'price_enterprise' });
    await deliver(oldCreated);
    await deliver(stripeEvent('customer.subscription.created', fake.subscriptionObject(current)));
    fake.setSubscription({ id: old, customer, status: 'canceled', priceId: 'price_professional', currentPeriodEnd: nowSeconds(), metadata: { tenant_id: tenant.id } });
    expect((await deliver(stripeEvent('customer.subscription.deleted', fake.subscriptionObject(old)))).body.outcome).toBe('unchanged');
    expect(await billingRow(tenant.id)).toMatchObject({ plan: 'enterprise', status: 'active', stripe_subscription_id: current });
  });

  it('answers 200 to events it has no use for, and to subscriptions of no known tenant', async () => {
    const other = stripeEvent('invoice.created', { id: 'in_2', object: 'invoice' });
    expect(await deliver(other)).toEqual({ status: 200, body: { received: true, outcome: 'ignored' } });
    const id = subscribe({ id: '00000000-0000-4000-8000-000000000000' }, { customer: 'cus_nobody' });
    expect((await deliver(stripeEvent('customer.subscription.created', fake.subscriptionObject(id)))).body.outcome).toBe('ignored');
  });

  it('takes webhooks without an Origin header, while tenant requests still need one', async () => {
    const tenant = await newTenant();
    const res = await app.request(`/api/tenants/${tenant.id}/billing/portal`, { method: 'POST', headers: { cookie: tenant.users.owner.cookie } });
    expect(res.status).toBe(403);
    const ok = await app.request(`/api/tenants/${tenant.id}/billing/portal`, { method: 'POST', headers: { cookie: tenant.users.owner.cookie, origin: TEST_ORIGIN } });
    expect(ok.status).toBe(409);
  });
});
