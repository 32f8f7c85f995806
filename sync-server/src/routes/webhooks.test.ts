import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookDeliveryView, WebhookEndpointView } from '@vitals/shared';
import type { AppDeps, AppEnv, BaseDeps } from '../context';
import type { Database } from '../db/connect';
import { ApiError, errorBody } from '../errors';
import { createLogger } from '../logger';
import { loadSession } from '../middleware/session';
import { requireMember } from '../middleware/tenant';
import type { Outbound } from '../outbound/types';
import { createInProcessFeed } from '../sync/in-process-feed';
import { TEST_ORIGIN, testClock, testConfig } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { createTestTenant, type TestTenant } from '../testing/tenants';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver';
import type { ResolveHost } from '../webhooks/destination';
import { createWebhookService } from '../webhooks/service';
import { createWebhookRoutes } from './webhooks';

type Roles = 'owner' | 'admin' | 'manager' | 'csm' | 'viewer';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const PRIVATE_NAME = 'intranet.example.com';
/** Public names resolve to a documentation-free public address; one name resolves to a private one. */
const fakeResolver: ResolveHost = (host) => Promise.resolve(host === PRIVATE_NAME ? ['10.20.30.40'] : ['93.184.216.34']);

/**
 * The routes mounted as app.ts mounts a tenant resource (session, membership, the one error shape), over
 * deps whose outbound services are the webhook service alone: these routes use nothing else.
 */
function webhookApp(db: Database, allowPrivate: boolean) {
  const clock = testClock(new Date());
  const config = testConfig({ OUTBOUND_ALLOW_PRIVATE: String(allowPrivate) });
  const log = createLogger('silent');
  const base: BaseDeps = { db, config, log, now: clock.now, feed: createInProcessFeed(log) };
  const webhooks = createWebhookService(base, { retryDelaysMs: [60_000], resolveHost: fakeResolver });
  const unused = (): never => {
    throw new Error('Not used by the webhook routes.');
  };
  const outbound: Outbound = {
    push: { vapidPublicKey: unused, sendToUsers: unused },
    webhooks,
    alerts: { afterWrite: unused, sweep: unused, idle: unused },
    start: unused,
    stop: unused,
  };
  const deps: AppDeps = { ...base, outbound };
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('session', null);
    c.set('user', null);
    await next();
  });
  app.use('/api/*', loadSession);
  app.use('/api/tenants/:tenantId/*', requireMember);
  app.route('/api/tenants/:tenantId/webhooks', createWebhookRoutes({ resolveHost: fakeResolver }));
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(errorBody(error.code, error.message, error.details), error.status);
    throw error;
  });

  async function call(method: string, path: string, cookie: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { origin: TEST_ORIGIN, cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  return { call, clock, webhooks };
}

describe.each(databaseKinds())('webhook routes on %s PostgreSQL', (kind) => {
  let db: Database;
  let receiver: WebhookReceiver;
  let open: ReturnType<typeof webhookApp>;
  let strict: ReturnType<typeof webhookApp>;
  let a: TestTenant<Roles>;
  let b: TestTenant<'owner'>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    receiver = await startWebhookReceiver();
    open = webhookApp(db, true);
    strict = webhookApp(db, false);
    const now = open.clock.now();
    a = await createTestTenant(db, { name: 'Acme', roles: { owner: 'owner', admin: 'admin', manager: 'manager', csm: 'csm', viewer: 'viewer' }, now });
    b = await createTestTenant(db, { name: 'Beta', roles: { owner: 'owner' }, now });
  });
  afterAll(async () => {
    await open.webhooks.idle();
    await receiver.close();
    await db.close();
  });

  const base = (tenant: { id: string }) => `/api/tenants/${tenant.id}/webhooks`;

  async function created(tenant: TestTenant<string>, body: Record<string, unknown> = {}) {
    const res = await open.call('POST', base(tenant), tenant.users.owner!.cookie, { url: `${receiver.url}/in`, events: ['alert.raised'], ...body });
    expect(res.status).toBe(201);
    return res.body as unknown as { endpoint: WebhookEndpointView; secret: string };
  }

  it.each(['manager', 'csm', 'viewer'] as const)('refuses a %s', async (role) => {
    const cookie = a.users[role].cookie;
    for (const [method, body] of [['GET', undefined], ['POST', { url: `${receiver.url}/in`, events: ['alert.raised'] }]] as const) {
      const res = await open.call(method, base(a), cookie, body);
      expect(res).toEqual({ status: 403, body: { error: { code: 'forbidden', message: 'Only owners and admins can manage webhooks.' } } });
    }
  });

  it('lets an admin create an endpoint; the secret is shown once, and the list says whether private destinations are allowed', async () => {
    const res = await open.call('POST', base(a), a.users.admin.cookie, {
      url: `${receiver.url}/in`,
      description: '  CRM sync  ',
      events: ['alert.raised', 'import.committed', 'alert.raised'],
    });
    expect(res.status).toBe(201);
    const { endpoint, secret } = res.body as { endpoint: WebhookEndpointView; secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      url: `${receiver.url}/in`,
      description: 'CRM sync',
      events: ['alert.raised', 'import.committed'],
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
      createdAt: open.clock.now().toISOString(),
    });

    const list = await open.call('GET', base(a), a.users.owner.cookie);
    expect(list.status).toBe(200);
    expect(list.body.allowPrivateDestinations).toBe(true);
    expect(list.body.endpoints).toContainEqual(endpoint);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect((await strict.call('GET', base(a), a.users.owner.cookie)).body.allowPrivateDestinations).toBe(false);

    const [audit] = await db.sql`select user_id, action, after from audit_log where document_id = ${endpoint.id}`;
    expect(audit).toEqual({
      user_id: a.users.admin.id,
      action: 'create',
      after: { url: endpoint.url, description: 'CRM sync', events: ['alert.raised', 'import.committed'], enabled: true, disabledReason: null },
    });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it.each([
    [{ events: ['alert.raised'] }, 'The field "url" is missing.'],
    [{ url: '   ', events: ['alert.raised'] }, 'Enter the URL your endpoint receives webhooks at.'],
    [{ url: 'https://hooks.example.com/in', events: [] }, 'Choose at least one event to send.'],
    [{ url: 'https://hooks.example.com/in', events: ['account.deleted'] }, 'Choose events among: alert.raised, playbook_run.completed, import.committed.'],
    [{ url: 'https://hooks.example.com/in', events: ['alert.raised'], description: 'x'.repeat(501) }, 'The description is too long (at most 500 characters).'],
    [{ url: `https://hooks.example.com/${'x'.repeat(2000)}`, events: ['alert.raised'] }, 'The URL is too long (at most 2000 characters).'],
  ])('refuses %j: %s', async (body, message) => {
    const res = await strict.call('POST', base(a), a.users.owner.cookie, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid-input', message });
  });

  it.each([
    ['https://127.0.0.1/hook', '127.0.0.1 is a loopback address (this server itself).'],
    ['https://localhost:8443/hook', 'localhost is a loopback name (this server itself).'],
    ['https://10.1.2.3/hook', '10.1.2.3 is a private network address.'],
    ['https://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address (where cloud metadata services live).'],
    ['https://[::1]:8443/hook', '::1 is a loopback address (this server itself).'],
    [`https://${PRIVATE_NAME}/hook`, `${PRIVATE_NAME} resolves to 10.20.30.40, a private network address.`],
  ])('refuses %s at creation when private destinations are not allowed', async (url, message) => {
    const res = await strict.call('POST', base(a), a.users.owner.cookie, { url, events: ['alert.raised'] });
    expect(res.status).toBe(400);
    const error = res.body.error as { code: string; message: string };
    expect(error.code).toBe('destination-refused');
    expect(error.message).toBe(`${message} Webhooks are only sent to addresses on the public internet (the server's operator can allow private ones).`);
  });

  it('accepts a public https destination when private destinations are not allowed, but not plain http', async () => {
    const http = await strict.call('POST', base(b), b.users.owner.cookie, { url: 'http://hooks.example.com/vitals', events: ['playbook_run.completed'] });
    expect(http).toEqual({
      status: 400,
      body: { error: { code: 'destination-refused', message: 'Use an https:// URL: webhooks carry your data, so they are only sent encrypted.', details: { reason: 'scheme' } } },
    });
    const res = await strict.call('POST', base(b), b.users.owner.cookie, { url: 'https://hooks.example.com/vitals', events: ['playbook_run.completed'] });
    expect(res.status).toBe(201);
    expect((res.body.endpoint as WebhookEndpointView).url).toBe('https://hooks.example.com/vitals');
    expect((await strict.call('DELETE', `${base(b)}/${(res.body.endpoint as WebhookEndpointView).id}`, b.users.owner.cookie)).status).toBe(204);
  });

  it('changes an endpoint, checking a new URL again; disabling fails its pending deliveries, enabling starts afresh', async () => {
    const { endpoint } = await created(a);
    const path = `${base(a)}/${endpoint.id}`;
    const cookie = a.users.owner.cookie;

    const changed = await open.call('PATCH', path, cookie, { description: 'Ops', events: ['playbook_run.completed'] });
    expect(changed.status).toBe(200);
    expect(changed.body.endpoint).toMatchObject({ description: 'Ops', events: ['playbook_run.completed'], url: endpoint.url });

    const refused = await strict.call('PATCH', path, cookie, { url: 'https://169.254.169.254/' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'destination-refused' });
    expect(await strict.call('PATCH', path, cookie, {})).toMatchObject({ status: 400, body: { error: { message: 'Send at least one of url, description, events, enabled.' } } });

    // A pending delivery (queued by a service that does not deliver), then the endpoint disabled by hand.
    const producer = createWebhookService({ db, config: testConfig(), log: createLogger('silent'), now: open.clock.now, feed: createInProcessFeed(createLogger('silent')) });
    await producer.stop();
    await producer.emit(a.id, 'playbook_run.completed', { run: { id: 'r1' } });
    const disabled = await open.call('PATCH', path, cookie, { enabled: false });
    expect(disabled.body.endpoint).toMatchObject({ enabled: false, disabledReason: null });
    const log = await open.call('GET', `${path}/deliveries`, cookie);
    expect(log.body.deliveries).toMatchObject([{ status: 'failed', attempts: 0, lastError: 'Not sent: the endpoint was disabled.', nextAttemptAt: null }]);

    await db.sql`update webhook_endpoints set disabled_reason = 'Disabled after 15 failed attempts in a row (last: HTTP 500). Fix the endpoint and enable it again.', consecutive_failures = 15 where id = ${endpoint.id}`;
    const enabled = await open.call('PATCH', path, cookie, { enabled: true });
    expect(enabled.body.endpoint).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
  });

  it('shows the delivery log, newest first, with what happened to each', async () => {
    const { endpoint } = await created(b);
    receiver.answer(500);
    await open.webhooks.emit(b.id, 'alert.raised', { alert: { id: 'first' } });
    await open.webhooks.idle();
    const failedAt = open.clock.now();
    open.clock.advance(1000);
    await open.webhooks.emit(b.id, 'alert.raised', { alert: { id: 'second' } });
    await open.webhooks.idle();

    const res = await open.call('GET', `${base(b)}/${endpoint.id}/deliveries`, b.users.owner.cookie);
    expect(res.status).toBe(200);
    const [newest, oldest] = res.body.deliveries as WebhookDeliveryView[];
    expect(newest).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      messageId: receiver.requests.at(-1)!.headers['webhook-id'],
      eventType: 'alert.raised',
      status: 'succeeded',
      attempts: 1,
      lastStatus: 200,
      lastError: null,
      nextAttemptAt: null,
      createdAt: open.clock.now().toISOString(),
      deliveredAt: open.clock.now().toISOString(),
    });
    expect(oldest).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatus: 500,
      lastError: 'The endpoint answered HTTP 500 Internal Server Error.',
      nextAttemptAt: new Date(failedAt.getTime() + 60_000).toISOString(),
      deliveredAt: null,
    });
    expect((await open.call('DELETE', `${base(b)}/${endpoint.id}`, b.users.owner.cookie)).status).toBe(204);
  });

  it('keeps the log to the last 50 deliveries', async () => {
    const { endpoint } = await created(b, { events: ['import.committed'] });
    const producer = createWebhookService({ db, config: testConfig(), log: createLogger('silent'), now: open.clock.now, feed: createInProcessFeed(createLogger('silent')) });
    await producer.stop();
    const first = open.clock.now();
    for (let n = 0; n < 51; n++) {
      await producer.emit(b.id, 'import.committed', { n });
      open.clock.advance(1);
    }
    const res = await open.call('GET', `${base(b)}/${endpoint.id}/deliveries`, b.users.owner.cookie);
    const times = (res.body.deliveries as WebhookDeliveryView[]).map((d) => Date.parse(d.createdAt));
    expect(times).toHaveLength(50);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(times).not.toContain(first.getTime());
    expect((await open.call('DELETE', `${base(b)}/${endpoint.id}`, b.users.owner.cookie)).status).toBe(204);
  });

  it('answers 404 for another tenant’s endpoint, whatever the route, and leaves it alone', async () => {
    const { endpoint } = await created(a);
    const foreign = `${base(b)}/${endpoint.id}`;
    const notFound = { status: 404, body: { error: { code: 'not-found', message: 'That webhook endpoint was not found.' } } };
    const cookie = b.users.owner.cookie;

    expect(await open.call('PATCH', foreign, cookie, { enabled: false })).toEqual(notFound);
    expect(await open.call('GET', `${foreign}/deliveries`, cookie)).toEqual(notFound);
    expect(await open.call('DELETE', foreign, cookie)).toEqual(notFound);
    expect(await open.call('DELETE', `${base(b)}/not-a-uuid`, cookie)).toEqual(notFound);
    expect(((await open.call('GET', base(b), cookie)).body.endpoints as WebhookEndpointView[]).map((e) => e.id)).not.toContain(endpoint.id);
    // Another tenant's id in A's own path is just as unknown to B's owner: B is not a member of A.
    expect((await open.call('GET', base(a), cookie)).status).toBe(404);

    const mine = await open.call('GET', base(a), a.users.owner.cookie);
    expect(mine.body.endpoints).toContainEqual(endpoint);
  });

  it('deletes an endpoint with its deliveries', async () => {
    const { endpoint } = await created(a);
    await open.webhooks.emit(a.id, 'alert.raised', {});
    await open.webhooks.idle();
    const path = `${base(a)}/${endpoint.id}`;
    expect(await open.call('DELETE', path, a.users.owner.cookie)).toEqual({ status: 204, body: {} });
    expect((await open.call('GET', `${path}/deliveries`, a.users.owner.cookie)).status).toBe(404);
    expect((await open.call('DELETE', path, a.users.owner.cookie)).status).toBe(404);
    const [row] = await db.sql<{ count: number }[]>`select count(*)::int as count from webhook_deliveries where endpoint_id = ${endpoint.id}`;
    expect(row!.count).toBe(0);
  });

  it('limits a workspace to 20 endpoints', async () => {
    const tenant = await createTestTenant(db, { name: 'Many', roles: { owner: 'owner' }, now: open.clock.now() });
    for (let i = 0; i < 20; i++) await created(tenant);
    const res = await open.call('POST', base(tenant), tenant.users.owner.cookie, { url: `${receiver.url}/in`, events: ['alert.raised'] });
    expect(res).toEqual({
      status: 409,
      body: { error: { code: 'too-many-endpoints', message: 'A workspace can have at most 20 webhook endpoints. Delete one you no longer use first.' } },
    });
  });
});
