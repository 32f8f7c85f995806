/**
 * Plans and payment. Under `/api/tenants/:tenantId/billing` (membership checked by `requireMember`):
 * - `GET /` → `{ plan, status, trialEndsAt, billingEnabled, usage, plans }`: any member sees the plan; `usage`
 *   only owners and admins (`settings.tenant`), `null` for the others;
 * - `POST /checkout` `{ plan: 'professional' | 'enterprise' }` → `{ url }` of a Stripe Checkout page (owners:
 *   `billing.manage`);
 * - `POST /portal` → `{ url }` of the Stripe Customer Portal (payment methods, invoices, plan changes).
 * With billing off both POSTs answer 409. Under `/api/stripe`: `POST /webhook`, Stripe's signed events
 * (billing/stripe-webhook.ts), public: the signature is the authentication.
 */
import { can, PLANS } from '@vitals/shared';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type Stripe from 'stripe';
import * as v from 'valibot';
import { jsonBody } from '../auth/json-body';
import { stripeClient, type StripeSettings } from '../billing/stripe-client';
import { processStripeEvent } from '../billing/stripe-webhook';
import { readTenantPlan } from '../billing/tenant-plan';
import { readUsage } from '../billing/usage';
import type { AppDeps, AppEnv, Membership } from '../context';
import { withScope } from '../db/tenant-scope';
import { ApiError, ERROR_CODES } from '../errors';

const checkoutBody = v.object({
  plan: v.picklist(['professional', 'enterprise'], 'Choose the Professional or the Enterprise plan.'),
});

const requireBillingManager = createMiddleware<AppEnv>(async (c, next) => {
  if (!can(c.get('member').role, 'billing.manage')) {
    throw new ApiError(403, ERROR_CODES.forbidden, 'Only an owner of this workspace can change its plan or payment details.');
  }
  return next();
});

function billingOn(deps: AppDeps): StripeSettings {
  const settings = deps.config.billing.stripe;
  if (!settings) {
    throw new ApiError(409, ERROR_CODES.conflict, `Billing is off on this server: every workspace is on the ${PLANS[deps.config.billing.defaultPlan].name} plan, and there is nothing to pay.`);
  }
  return settings;
}

/** A failed call to Stripe is logged with its detail; the person sees that it was Stripe, and to try again. */
async function callStripe<T>(deps: AppDeps, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const stripeError = error as Partial<Stripe.errors.StripeError>;
    deps.log.error('stripe request failed', { what, type: stripeError.type, status: stripeError.statusCode, message: stripeError.message });
    throw new ApiError(502, 'stripe-unavailable', 'Stripe, our payment provider, could not be reached or refused the request. Please try again in a minute.');
  }
}

interface CustomerRow {
  plan: string;
  status: string;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
}

function readCustomer(deps: AppDeps, member: Membership) {
  return withScope(deps.db.sql, { tenantId: member.tenantId, userId: member.userId }, async (tx) => {
    const [row] = await tx<CustomerRow[]>`
      select plan, status, stripe_customer_id, stripe_subscription_id from tenant_billing where tenant_id = ${member.tenantId}`;
    const [tenant] = await tx<{ name: string }[]>`select name from tenants where id = ${member.tenantId}`;
    return { row: row ?? null, tenantName: tenant?.name ?? null };
  });
}

/** The tenant's Stripe customer: the stored one, or a new one (stored before anything else uses it). */
async function customerOf(deps: AppDeps, member: Membership, settings: StripeSettings, found: Awaited<ReturnType<typeof readCustomer>>): Promise<string> {
  if (found.row?.stripe_customer_id) return found.row.stripe_customer_id;
  const customer = await callStripe(deps, 'create customer', () =>
    stripeClient(settings).customers.create(
      { name: found.tenantName ?? undefined, metadata: { tenant_id: member.tenantId } },
      // Two owners clicking at once get one customer (Stripe keeps idempotency keys for 24 hours).
      { idempotencyKey: `vitals-customer-${member.tenantId}` },
    ),
  );
  return withScope(deps.db.sql, { tenantId: member.tenantId, userId: member.userId }, async (tx) => {
    const [row] = await tx<{ stripe_customer_id: string }[]>`
      insert into tenant_billing (tenant_id, plan, status, stripe_customer_id, updated_at)
      values (${member.tenantId}, 'free', 'none', ${customer.id}, ${deps.now()})
      on conflict (tenant_id) do update set stripe_customer_id = coalesce(tenant_billing.stripe_customer_id, excluded.stripe_customer_id)
      returning stripe_customer_id`;
    return row!.stripe_customer_id;
  });
}

const SUBSCRIBED = new Set(['active', 'past_due', 'trialing']);

export const billingRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const deps = c.get('deps');
    const member = c.get('member');
    const now = deps.now();
    const { tenantPlan, usage } = await withScope(deps.db.sql, { tenantId: member.tenantId, userId: member.userId }, async (tx) => ({
      tenantPlan: await readTenantPlan(tx, member.tenantId, deps.config.billing, now),
      usage: can(member.role, 'settings.tenant') ? await readUsage(tx, member.tenantId, now) : null,
    }));
    return c.json({ ...tenantPlan, usage, plans: Object.values(PLANS) });
  })

  .post('/checkout', requireBillingManager, jsonBody(checkoutBody), async (c) => {
    const deps = c.get('deps');
    const member = c.get('member');
    const settings = billingOn(deps);
    const { plan } = c.req.valid('json');
    const found = await readCustomer(deps, member);
    // A second Checkout would start a second subscription, billed on top of the first.
    if (found.row?.stripe_subscription_id && SUBSCRIBED.has(found.row.status)) {
      throw new ApiError(409, ERROR_CODES.conflict, 'This workspace already has a subscription. Change its plan under "Manage billing".');
    }
    const customer = await customerOf(deps, member, settings, found);
    const origin = deps.config.publicOrigin;
    const session = await callStripe(deps, 'create checkout session', () =>
      stripeClient(settings).checkout.sessions.create({
        mode: 'subscription',
        customer,
        client_reference_id: member.tenantId,
        line_items: [{ price: settings.prices[plan], quantity: 1 }],
        subscription_data: { metadata: { tenant_id: member.tenantId } },
        success_url: `${origin}/settings?billing=success#billing`,
        cancel_url: `${origin}/settings?billing=cancelled#billing`,
      }),
    );
    if (!session.url) throw new ApiError(502, 'stripe-unavailable', 'Stripe did not return a checkout page. Please try again.');
    deps.log.info('checkout started', { tenantId: member.tenantId, plan, session: session.id });
    return c.json({ url: session.url });
  })

  .post('/portal', requireBillingManager, async (c) => {
    const deps = c.get('deps');
    const member = c.get('member');
    const settings = billingOn(deps);
    const found = await readCustomer(deps, member);
    const customer = found.row?.stripe_customer_id;
    if (!customer) throw new ApiError(409, ERROR_CODES.conflict, 'Nothing to manage yet: upgrade first.');
    const session = await callStripe(deps, 'create portal session', () =>
      stripeClient(settings).billingPortal.sessions.create({ customer, return_url: `${deps.config.publicOrigin}/settings#billing` }),
    );
    return c.json({ url: session.url });
  });

export const stripeWebhookRoutes = new Hono<AppEnv>().post('/webhook', async (c) => {
  const deps = c.get('deps');
  const settings = deps.config.billing.stripe;
  if (!settings) throw new ApiError(404, ERROR_CODES.notFound, 'Billing is off on this server: it takes no Stripe webhooks.');
  // The signature covers the exact bytes sent: verify those, not a re-encoding.
  const payload = Buffer.from(await c.req.arrayBuffer());
  let event: Stripe.Event;
  try {
    event = stripeClient(settings).webhooks.constructEvent(payload, c.req.header('stripe-signature') ?? '', settings.webhookSecret, undefined, undefined, deps.now().getTime());
  } catch (error) {
    deps.log.warn('stripe webhook refused', { message: (error as Error).message });
    throw new ApiError(400, ERROR_CODES.badRequest, 'The Stripe signature of this request is missing, wrong or too old.');
  }
  const outcome = await processStripeEvent(deps, settings, event);
  return c.json({ received: true, outcome });
});
