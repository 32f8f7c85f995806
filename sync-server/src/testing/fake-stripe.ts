/**
 * A fake Stripe API for the calls Vitals makes, spoken the way api.stripe.com speaks it: form-encoded request
 * bodies (`line_items[0][price]=…`), `Authorization: Bearer <secret key>`, JSON objects carrying their `object`
 * type, and errors as `{ error: { type, code, message, param } }` with Stripe's statuses. The `stripe` package is
 * pointed at it by host and port (STRIPE_API_URL), so the production code is tested over real HTTP.
 *
 * - `POST /v1/customers`, `POST /v1/checkout/sessions`, `POST /v1/billing_portal/sessions`;
 * - `GET /v1/subscriptions/:id`: the state the fake holds, which tests set (`setSubscription`) or create the way
 *   a completed Checkout would (`completeCheckout`).
 * `event()` builds the JSON of a webhook event for tests to sign and deliver.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './http-fake';

export type FakeSubscriptionStatus =
  | 'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid' | 'incomplete' | 'incomplete_expired' | 'paused';

/** What the fake holds of a subscription; what `GET /v1/subscriptions/:id` answers. */
export interface FakeSubscription {
  readonly id: string;
  readonly customer: string;
  readonly status: FakeSubscriptionStatus;
  readonly priceId: string;
  /** Unix seconds. */
  readonly currentPeriodEnd: number;
  readonly trialEnd?: number | null;
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface FakeCheckoutSession {
  readonly id: string;
  readonly object: 'checkout.session';
  readonly url: string;
  readonly mode: string;
  readonly customer: string | null;
  readonly client_reference_id: string | null;
  readonly success_url: string;
  readonly cancel_url: string | null;
  readonly status: 'open' | 'complete';
  readonly subscription: string | null;
  readonly line_items: readonly { price: string; quantity: number }[];
  readonly subscription_metadata: Readonly<Record<string, string>>;
}

export interface FakeStripe extends FakeServer {
  readonly secretKey: string;
  readonly requests: RecordedRequest[];
  readonly customers: Map<string, { id: string; metadata: Record<string, string>; name: string | null }>;
  readonly checkoutSessions: Map<string, FakeCheckoutSession>;
  readonly portalSessions: { id: string; customer: string; return_url: string | null; url: string }[];
  setSubscription(subscription: FakeSubscription): void;
  /** Stripe's side of a finished Checkout: a subscription on the session's price, metadata and customer. */
  completeCheckout(sessionId: string, state?: Partial<Omit<FakeSubscription, 'id' | 'customer'>>): {
    session: Record<string, unknown>;
    subscription: Record<string, unknown>;
  };
  /** The subscription as the API returns it. */
  subscriptionObject(id: string): Record<string, unknown>;
  /** Every request answers with this status and Stripe's error body (retries included), until `null`. */
  failWith(status: number | null): void;
}

const DAY = 86_400;

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** A webhook event's JSON, as Stripe posts it. */
export function stripeEvent(type: string, object: Record<string, unknown>, options: { id?: string; created?: number } = {}) {
  return {
    id: options.id ?? newId('evt'),
    object: 'event',
    api_version: '2026-10-28.endive',
    created: options.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

/** Stripe's form encoding (`a[b][0][c]=x`) back into nested objects and arrays. */
export function parseStripeForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const parts = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> | unknown[] = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const slot = node as Record<string, unknown>;
      if (last) slot[part] = value;
      else {
        slot[part] ??= /^\d+$/.test(parts[i + 1]!) ? [] : {};
        node = slot[part] as Record<string, unknown>;
      }
    });
  }
  return root;
}

function stripeError(res: ServerResponse, status: number, message: string, extra: Record<string, unknown> = {}): void {
  const type = status === 401 || status === 404 || status === 400 ? 'invalid_request_error' : 'api_error';
  sendJson(res, status, { error: { type, message, ...extra } });
}

export async function startFakeStripe(options: { secretKey?: string; prices?: readonly string[] } = {}): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? 'sk_test_fake';
  const prices = new Set(options.prices ?? ['price_professional', 'price_enterprise']);
  const requests: RecordedRequest[] = [];
  const customers: FakeStripe['customers'] = new Map();
  const checkoutSessions: FakeStripe['checkoutSessions'] = new Map();
  const portalSessions: FakeStripe['portalSessions'] = [];
  const subscriptions = new Map<string, FakeSubscription>();
  const idempotent = new Map<string, { status: number; body: unknown }>();
  let failure: number | null = null;
  let origin = '';

  function subscriptionObject(id: string): Record<string, unknown> {
    const s = subscriptions.get(id);
    if (!s) throw new Error(`The fake holds no subscription ${id}`);
    const start = s.currentPeriodEnd - 30 * DAY;
    return {
      id: s.id,
      object: 'subscription',
      customer: s.customer,
      status: s.status,
      metadata: { ...s.metadata },
      cancel_at_period_end: false,
      created: start,
      start_date: start,
      trial_end: s.trialEnd ?? null,
      livemode: false,
      items: {
        object: 'list',
        data: [
          {
            id: `si_${s.id.slice(4)}`,
            object: 'subscription_item',
            subscription: s.id,
            quantity: 1,
            current_period_start: start,
            current_period_end: s.currentPeriodEnd,
            price: { id: s.priceId, object: 'price', active: true, currency: 'usd', type: 'recurring' },
          },
        ],
        has_more: false,
        url: `/v1/subscription_items?subscription=${s.id}`,
      },
    };
  }

  function sessionObject(s: FakeCheckoutSession): Record<string, unknown> {
    const { line_items: _items, subscription_metadata: _metadata, ...rest } = s;
    return { ...rest, payment_status: s.status === 'complete' ? 'paid' : 'unpaid', livemode: false };
  }

  function createCheckoutSession(res: ServerResponse, body: Record<string, unknown>): void {
    if (body.mode !== 'subscription' && body.mode !== 'payment' && body.mode !== 'setup') {
      return stripeError(res, 400, 'Missing required param: mode.', { code: 'parameter_missing', param: 'mode' });
    }
    if (typeof body.success_url !== 'string') {
      return stripeError(res, 400, 'Missing required param: success_url.', { code: 'parameter_missing', param: 'success_url' });
    }
    const items = (Array.isArray(body.line_items) ? body.line_items : []) as { price?: string; quantity?: string }[];
    for (const [i, item] of items.entries()) {
      if (!item.price || !prices.has(item.price)) {
        return stripeError(res, 400, `No such price: '${item.price}'`, { code: 'resource_missing', param: `line_items[${i}][price]` });
      }
    }
    const customer = typeof body.customer === 'string' ? body.customer : null;
    if (customer && !customers.has(customer)) {
      return stripeError(res, 400, `No such customer: '${customer}'`, { code: 'resource_missing', param: 'customer' });
    }
    const id = newId('cs_test');
    const subscriptionData = (body.subscription_data ?? {}) as { metadata?: Record<string, string> };
    const session: FakeCheckoutSession = {
      id,
      object: 'checkout.session',
      url: `${origin}/checkout/${id}`,
      mode: body.mode,
      customer,
      client_reference_id: typeof body.client_reference_id === 'string' ? body.client_reference_id : null,
      success_url: body.success_url,
      cancel_url: typeof body.cancel_url === 'string' ? body.cancel_url : null,
      status: 'open',
      subscription: null,
      line_items: items.map((item) => ({ price: item.price!, quantity: Number(item.quantity ?? 1) })),
      subscription_metadata: { ...subscriptionData.metadata },
    };
    checkoutSessions.set(id, session);
    sendJson(res, 200, sessionObject(session));
  }

  async function route(request: RecordedRequest, res: ServerResponse): Promise<void> {
    const body = typeof request.body === 'string' ? parseStripeForm(request.body) : {};
    const { method, path } = request;
    if (method === 'POST' && path === '/v1/customers') {
      const id = newId('cus');
      const customer = { id, metadata: { ...(body.metadata as Record<string, string>) }, name: (body.name as string) ?? null };
      customers.set(id, customer);
      return sendJson(res, 200, { ...customer, object: 'customer', email: body.email ?? null, livemode: false });
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') return createCheckoutSession(res, body);
    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      const customer = body.customer as string | undefined;
      if (!customer || !customers.has(customer)) {
        return stripeError(res, 400, `No such customer: '${customer}'`, { code: 'resource_missing', param: 'customer' });
      }
      const id = newId('bps');
      const session = { id, customer, return_url: (body.return_url as string) ?? null, url: `${origin}/portal/${id}` };
      portalSessions.push(session);
      return sendJson(res, 200, { ...session, object: 'billing_portal.session', livemode: false });
    }
    const subscription = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
    if (method === 'GET' && subscription) {
      const id = decodeURIComponent(subscription[1]!);
      if (!subscriptions.has(id)) {
        return stripeError(res, 404, `No such subscription: '${id}'`, { code: 'resource_missing', param: 'id' });
      }
      return sendJson(res, 200, subscriptionObject(id));
    }
    stripeError(res, 404, `Unrecognized request URL (${method}: ${path}).`);
  }

  async function handle(request: RecordedRequest, res: ServerResponse): Promise<void> {
    if (request.headers.authorization !== `Bearer ${secretKey}`) {
      return stripeError(res, 401, 'Invalid API Key provided: ' + String(request.headers.authorization).slice(7, 15) + '***');
    }
    if (failure !== null) return stripeError(res, failure, 'Scripted failure of the fake Stripe.');
    // A repeated Idempotency-Key gets the first answer again, as Stripe does (the package sends one per POST).
    const key = request.method === 'POST' ? request.headers['idempotency-key'] : undefined;
    const previous = typeof key === 'string' ? idempotent.get(key) : undefined;
    if (previous) return sendJson(res, previous.status, previous.body);
    if (typeof key === 'string') {
      const write = res.end.bind(res);
      const chunks: string[] = [];
      res.end = ((chunk?: unknown) => {
        if (typeof chunk === 'string') chunks.push(chunk);
        idempotent.set(key, { status: res.statusCode, body: JSON.parse(chunks.join('') || 'null') as unknown });
        return write(chunk as string);
      }) as typeof res.end;
    }
    await route(request, res);
  }

  const server = await startFakeServer(handle, requests);
  origin = server.url;
  return {
    ...server,
    secretKey,
    requests,
    customers,
    checkoutSessions,
    portalSessions,
    setSubscription: (s) => void subscriptions.set(s.id, s),
    subscriptionObject,
    completeCheckout(sessionId, state = {}) {
      const session = checkoutSessions.get(sessionId);
      if (!session) throw new Error(`The fake holds no checkout session ${sessionId}`);
      let customer = session.customer;
      if (!customer) {
        customer = newId('cus');
        customers.set(customer, { id: customer, metadata: {}, name: null });
      }
      const id = newId('sub');
      subscriptions.set(id, {
        id,
        customer,
        status: 'active',
        priceId: session.line_items[0]?.price ?? 'price_professional',
        currentPeriodEnd: Math.floor(Date.now() / 1000) + 30 * DAY,
        metadata: session.subscription_metadata,
        ...state,
      });
      const completed: FakeCheckoutSession = { ...session, customer, status: 'complete', subscription: id };
      checkoutSessions.set(sessionId, completed);
      return { session: sessionObject(completed), subscription: subscriptionObject(id) };
    },
    failWith: (status) => void (failure = status),
  };
}

/** The settings that point billing at a fake: pass to `testConfig`. */
export function stripeTestEnv(fake: FakeStripe, webhookSecret = 'whsec_test_fake'): Record<string, string> {
  return {
    STRIPE_SECRET_KEY: fake.secretKey,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_PRICE_PROFESSIONAL: 'price_professional',
    STRIPE_PRICE_ENTERPRISE: 'price_enterprise',
    STRIPE_API_URL: fake.url,
  };
}
