/**
 * The Stripe client, built from `config.billing.stripe`. `apiUrl` points it at another host (the fake in
 * testing/fake-stripe.ts, or stripe-mock), so tests run the real `stripe` package over real HTTP.
 */
import Stripe from 'stripe';
import type { BillingConfig } from '../config';

export type StripeSettings = NonNullable<BillingConfig['stripe']>;

/** A request to Stripe that takes longer than this fails (and a user sees "try again"), rather than hangs. */
export const STRIPE_TIMEOUT_MS = 10_000;

const clients = new WeakMap<StripeSettings, Stripe>();

export function createStripeClient(settings: StripeSettings): Stripe {
  const api = settings.apiUrl ? new URL(settings.apiUrl) : null;
  const protocol = api?.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(settings.secretKey, {
    // One retry: Stripe's requests are idempotent (the package sends idempotency keys on retried POSTs), and a
    // person is waiting on checkout, so more would only delay the error.
    maxNetworkRetries: 1,
    timeout: STRIPE_TIMEOUT_MS,
    appInfo: { name: 'Vitals' },
    ...(api ? { host: api.hostname, port: api.port || (protocol === 'http' ? 80 : 443), protocol } : {}),
  });
}

/** One client per configuration (it keeps connections alive), built on first use. */
export function stripeClient(settings: StripeSettings): Stripe {
  let client = clients.get(settings);
  if (!client) {
    client = createStripeClient(settings);
    clients.set(settings, client);
  }
  return client;
}
