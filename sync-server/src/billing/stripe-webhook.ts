/**
 * What a verified Stripe webhook event does. Events are recorded once by id (`stripe_events`): a replay answers
 * 200 and changes nothing. For Checkout and subscription events the event's own object is not trusted (it may be
 * older than one already applied): the subscription is read again from Stripe and the tenant's row rebuilt from
 * it, so any order of delivery ends in the state Stripe holds.
 *
 * This runs outside any tenant scope (the tenant is known only once the subscription is read), on the server's
 * own connection: `stripe_events` is not granted to the request role. The tenant's rows are then written with
 * `app.tenant_id` set, as row-level security expects.
 */
import type Stripe from 'stripe';
import type { AppDeps } from '../context';
import type { TransactionSql } from '../db/connect';
import { applySubscription, subscriptionState, type SubscriptionState } from './subscription';
import { stripeClient, type StripeSettings } from './stripe-client';

export type WebhookOutcome = 'applied' | 'unchanged' | 'replay' | 'ignored';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The subscription an event is about, and the tenant it names, if any. */
interface Lookup {
  readonly subscriptionId: string;
  readonly tenantHint: string | null;
}

function lookupOf(event: Stripe.Event): Lookup | null {
  if (event.type === 'checkout.session.completed') {
    const session = event.data.object;
    if (session.mode !== 'subscription' || !session.subscription) return null;
    const subscriptionId = typeof session.subscription === 'string' ? session.subscription : session.subscription.id;
    return { subscriptionId, tenantHint: session.client_reference_id };
  }
  if (event.type.startsWith('customer.subscription.')) {
    const subscription = event.data.object as Stripe.Subscription;
    return { subscriptionId: subscription.id, tenantHint: null };
  }
  return null;
}

/** The subscription's tenant: its metadata (set by our Checkout), the session's reference, or the stored ids. */
async function tenantOf(tx: TransactionSql, state: SubscriptionState, hint: string | null): Promise<string | null> {
  for (const candidate of [state.tenantId, hint]) {
    if (!candidate || !UUID.test(candidate)) continue;
    const [tenant] = await tx<{ id: string }[]>`select id from tenants where id = ${candidate}`;
    if (tenant) return tenant.id;
  }
  const [row] = await tx<{ tenant_id: string }[]>`
    select tenant_id from tenant_billing
    where stripe_subscription_id = ${state.subscriptionId} or stripe_customer_id = ${state.customerId}
    order by (stripe_subscription_id = ${state.subscriptionId}) desc nulls last limit 1`;
  return row?.tenant_id ?? null;
}

async function alreadyRecorded(deps: AppDeps, eventId: string): Promise<boolean> {
  const rows = await deps.db.sql.begin((tx) => tx`select 1 from stripe_events where id = ${eventId}`);
  return rows.length > 0;
}

async function readSubscription(deps: AppDeps, settings: StripeSettings, id: string): Promise<Stripe.Subscription | null> {
  try {
    return await stripeClient(settings).subscriptions.retrieve(id);
  } catch (error) {
    // Gone from Stripe (another account's, or test data deleted): nothing to mirror. Anything else is thrown,
    // answered 500, and Stripe delivers the event again later.
    if ((error as { statusCode?: number }).statusCode === 404) {
      deps.log.warn('stripe webhook names an unknown subscription', { subscriptionId: id });
      return null;
    }
    throw error;
  }
}

async function process(deps: AppDeps, settings: StripeSettings, event: Stripe.Event): Promise<WebhookOutcome> {
  // Cheap check first, so a storm of redeliveries does not each call Stripe; the insert below is the real guard.
  if (await alreadyRecorded(deps, event.id)) return 'replay';
  const lookup = lookupOf(event);
  const subscription = lookup ? await readSubscription(deps, settings, lookup.subscriptionId) : null;
  const state = subscription ? subscriptionState(settings, subscription) : null;
  const now = deps.now();

  return deps.db.sql.begin(async (tx): Promise<WebhookOutcome> => {
    const tenantId = state ? await tenantOf(tx, state, lookup?.tenantHint ?? null) : null;
    const recorded = await tx`
      insert into stripe_events (id, type, tenant_id, received_at) values (${event.id}, ${event.type}, ${tenantId}, ${now})
      on conflict (id) do nothing returning id`;
    if (recorded.length === 0) return 'replay';
    if (!state) return 'ignored';
    if (!tenantId) {
      deps.log.warn('stripe subscription of no known tenant', { eventId: event.id, subscriptionId: state.subscriptionId });
      return 'ignored';
    }
    await tx`select set_config('app.tenant_id', ${tenantId}, true)`;
    const changed = await applySubscription(tx, { tenantId, state, now });
    deps.log.info('stripe subscription synced', { eventId: event.id, type: event.type, tenantId, plan: state.plan, status: state.status });
    return changed ? 'applied' : 'unchanged';
  }) as Promise<WebhookOutcome>;
}

/**
 * One event at a time in this process: two events of one subscription read Stripe at different moments, and
 * without this the older read could be written last.
 */
let queue: Promise<unknown> = Promise.resolve();

export function processStripeEvent(deps: AppDeps, settings: StripeSettings, event: Stripe.Event): Promise<WebhookOutcome> {
  const run = queue.then(() => process(deps, settings, event));
  queue = run.catch(() => undefined);
  return run;
}
