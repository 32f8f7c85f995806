/**
 * A Stripe subscription, as last read from Stripe, written into `tenant_billing`. Webhook events only say
 * "look again": the row is always rebuilt from the subscription Stripe holds now, so events arriving twice,
 * late or out of order all end in Stripe's state.
 */
import type { PlanId } from '@vitals/shared';
import type Stripe from 'stripe';
import { appendAudit } from '../audit/append';
import type { TransactionSql } from '../db/connect';
import type { StripeSettings } from './stripe-client';
import type { BillingStatus } from './tenant-plan';

export interface SubscriptionState {
  readonly subscriptionId: string;
  readonly customerId: string;
  /** `null`: a price that is not one of ours (the row keeps its plan). */
  readonly plan: PlanId | null;
  /** `null`: not decided yet (`incomplete`: the first payment is still pending), so the row keeps its status. */
  readonly status: BillingStatus | null;
  readonly trialEndsAt: Date | null;
  readonly currentPeriodEnd: Date | null;
  /** `metadata.tenant_id`, set on every subscription our Checkout creates. */
  readonly tenantId: string | null;
}

/** Stripe's statuses in ours: anything that no longer pays is `canceled` (readTenantPlan then means Free). */
const STATUSES: Readonly<Record<string, BillingStatus>> = {
  trialing: 'trialing',
  active: 'active',
  past_due: 'past_due',
  canceled: 'canceled',
  unpaid: 'canceled',
  incomplete_expired: 'canceled',
  paused: 'canceled',
};

/** `null` for `incomplete` (and any status Stripe adds later): nothing decided, nothing to change. */
export function billingStatusOf(status: Stripe.Subscription.Status): BillingStatus | null {
  return STATUSES[status] ?? null;
}

export function planOfPrice(settings: StripeSettings, priceId: string | undefined): PlanId | null {
  if (priceId === settings.prices.professional) return 'professional';
  if (priceId === settings.prices.enterprise) return 'enterprise';
  return null;
}

const fromUnix = (seconds: number | null | undefined) => (typeof seconds === 'number' ? new Date(seconds * 1000) : null);

export function subscriptionState(settings: StripeSettings, subscription: Stripe.Subscription): SubscriptionState {
  const item = subscription.items.data[0];
  const status = billingStatusOf(subscription.status);
  return {
    subscriptionId: subscription.id,
    customerId: typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id,
    plan: planOfPrice(settings, item?.price.id),
    status,
    trialEndsAt: status === 'trialing' ? fromUnix(subscription.trial_end ?? item?.current_period_end) : null,
    currentPeriodEnd: fromUnix(item?.current_period_end),
    tenantId: subscription.metadata?.tenant_id ?? null,
  };
}

interface Row {
  plan: PlanId;
  status: BillingStatus;
  stripe_subscription_id: string | null;
}

const PAYING: readonly BillingStatus[] = ['trialing', 'active', 'past_due'];

/**
 * Writes the tenant's row from `state`. Returns whether the plan or status changed (an audit entry says so).
 * The caller's transaction must see the tenant's `tenant_billing` row (its scope, or the owner's connection).
 */
export async function applySubscription(
  tx: TransactionSql,
  options: { tenantId: string; state: SubscriptionState; now: Date },
): Promise<boolean> {
  const { tenantId, state, now } = options;
  const [before] = await tx<Row[]>`
    select plan, status, stripe_subscription_id from tenant_billing where tenant_id = ${tenantId} for update`;
  // A tenant that subscribed again: the end of its old subscription must not end the new one.
  const replaced = before !== undefined && before.stripe_subscription_id !== null && before.stripe_subscription_id !== state.subscriptionId;
  if (replaced && PAYING.includes(before.status) && (state.status === null || !PAYING.includes(state.status))) return false;

  const plan = state.plan ?? before?.plan ?? 'free';
  const status = state.status ?? before?.status ?? 'none';
  await tx`
    insert into tenant_billing (tenant_id, plan, status, trial_ends_at, stripe_customer_id, stripe_subscription_id,
      current_period_end, stripe_synced_at, updated_at)
    values (${tenantId}, ${plan}, ${status}, ${state.trialEndsAt}, ${state.customerId}, ${state.subscriptionId},
      ${state.currentPeriodEnd}, ${now}, ${now})
    on conflict (tenant_id) do update set
      plan = excluded.plan, status = excluded.status,
      trial_ends_at = case when excluded.status = 'trialing' then excluded.trial_ends_at else null end,
      stripe_customer_id = excluded.stripe_customer_id, stripe_subscription_id = excluded.stripe_subscription_id,
      current_period_end = excluded.current_period_end, stripe_synced_at = excluded.stripe_synced_at,
      updated_at = excluded.updated_at`;
  if (before && before.plan === plan && before.status === status) return false;
  await appendAudit(tx, {
    tenantId,
    userId: null,
    at: now,
    entries: [
      {
        action: before ? 'update' : 'create',
        collection: 'billing',
        documentId: tenantId,
        before: before ? { plan: before.plan, status: before.status } : null,
        after: { plan, status, stripeSubscriptionId: state.subscriptionId },
      },
    ],
  });
  return true;
}
