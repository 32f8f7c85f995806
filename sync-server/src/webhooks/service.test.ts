import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebhookEventType } from '@vitals/shared';
import type { BaseDeps, Membership } from '../context';
import type { Database } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { createInProcessFeed } from '../sync/in-process-feed';
import { testClock, testConfig, type TestClock } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { recordingLogger, type RecordingLogger } from '../testing/silent-logger';
import { createTestTenant } from '../testing/tenants';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../testing/webhook-receiver';
import type { ResolveHost } from './destination';
import { changeEndpoint, createEndpoint } from './manage';
import { createWebhookService, type WebhookServiceOptions } from './service';

interface DeliveryRow {
  id: string;
  message_id: string;
  event_type: string;
  payload: unknown;
  status: string;
  attempts: number;
  next_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

interface EndpointRow {
  enabled: boolean;
  disabled_reason: string | null;
  consecutive_failures: number;
}

const DELAYS = [1000, 2000, 4000];
const PUBLIC_IP = '93.184.216.34';

describe.each(databaseKinds())('webhook delivery on %s PostgreSQL', (kind) => {
  let db: Database;
  let receiver: WebhookReceiver;
  let clock: TestClock;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    // Real time, so the official verifier (which reads the system clock) accepts the timestamps.
    clock = testClock(new Date());
  });
  afterEach(() => receiver.close());

  function depsFor(options: { allowPrivate: boolean; log?: RecordingLogger }): BaseDeps {
    const log = options.log ?? recordingLogger();
    const config = testConfig({ OUTBOUND_ALLOW_PRIVATE: String(options.allowPrivate) });
    return { db, config, log, now: clock.now, feed: createInProcessFeed(log) };
  }

  function service(options: WebhookServiceOptions & { allowPrivate?: boolean; log?: RecordingLogger } = {}) {
    const { allowPrivate = true, log, ...rest } = options;
    return createWebhookService(depsFor({ allowPrivate, log }), { retryDelaysMs: DELAYS, ...rest });
  }

  async function owner(): Promise<Membership> {
    const tenant = await createTestTenant(db, { name: 'Hooks', roles: { owner: 'owner' }, now: clock.now() });
    return { tenantId: tenant.id, userId: tenant.users.owner.id, role: 'owner' };
  }

  async function endpoint(
    member: Membership,
    options: { url?: string; events?: WebhookEventType[]; allowPrivate?: boolean; resolveHost?: ResolveHost } = {},
  ) {
    const deps = depsFor({ allowPrivate: options.allowPrivate ?? true });
    const input = { url: options.url ?? `${receiver.url}/hooks`, description: '', events: options.events ?? ['alert.raised'] };
    return createEndpoint(deps, member, input, options.resolveHost);
  }

  async function deliveries(endpointId: string): Promise<DeliveryRow[]> {
    return db.sql<DeliveryRow[]>`
      select id, message_id, event_type, payload, status, attempts, next_attempt_at, last_status, last_error, created_at, delivered_at
      from webhook_deliveries where endpoint_id = ${endpointId} order by created_at, id`;
  }

  async function endpointRow(id: string): Promise<EndpointRow> {
    const [row] = await db.sql<EndpointRow[]>`select enabled, disabled_reason, consecutive_failures from webhook_endpoints where id = ${id}`;
    return row!;
  }

  function verify(secret: string, request: ReceivedWebhook): unknown {
    return new Webhook(secret).verify(request.body, receiver.headersOf(request));
  }

  it('sends one signed delivery to each enabled endpoint of the tenant subscribed to the event', async () => {
    const a = await owner();
    const b = await owner();
    const alerts = await endpoint(a, { url: `${receiver.url}/alerts` });
    await endpoint(a, { url: `${receiver.url}/imports`, events: ['import.committed'] });
    const off = await endpoint(a, { url: `${receiver.url}/off` });
    await changeEndpoint(depsFor({ allowPrivate: true }), a, off.endpoint.id, { enabled: false });
    await endpoint(b, { url: `${receiver.url}/other-tenant` });
    const webhooks = service();

    await webhooks.emit(a.tenantId, 'alert.raised', { alert: { id: 'alert-1', title: 'ACME turned red' } });
    await webhooks.idle();

    expect(receiver.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /alerts']);
    const [request] = receiver.requests;
    const expected = { type: 'alert.raised', timestamp: clock.now().toISOString(), data: { alert: { id: 'alert-1', title: 'ACME turned red' } } };
    expect(verify(alerts.secret, request!)).toEqual(expected);
    expect(() => new Webhook(alerts.secret).verify(request!.body.replace('ACME', 'ACNE'), receiver.headersOf(request!))).toThrow(/No matching signature/);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['user-agent']).toBe('Vitals-Webhooks/1');

    const [row] = await deliveries(alerts.endpoint.id);
    expect(row).toMatchObject({
      message_id: request!.headers['webhook-id'],
      event_type: 'alert.raised',
      payload: expected,
      status: 'succeeded',
      attempts: 1,
      next_attempt_at: null,
      last_status: 200,
      last_error: null,
      delivered_at: clock.now(),
    });
  });

  it('retries on the schedule with the same webhook-id, then marks the delivery failed', async () => {
    const member = await owner();
    const { endpoint: hook, secret } = await endpoint(member);
    const webhooks = service();
    receiver.answer(500, 500, 500, 500);

    await webhooks.emit(member.tenantId, 'alert.raised', { n: 1 });
    await webhooks.idle();
    const waits: number[] = [];
    for (;;) {
      const [row] = await deliveries(hook.id);
      if (row!.status !== 'pending') break;
      const wait = row!.next_attempt_at!.getTime() - clock.now().getTime();
      waits.push(wait);
      clock.advance(wait - 1);
      expect(await webhooks.deliverDue()).toBe(0);
      clock.advance(1);
      expect(await webhooks.deliverDue()).toBe(1);
    }

    expect(waits).toEqual([1000, 2000, 4000]);
    const [row] = await deliveries(hook.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 4, next_attempt_at: null, last_status: 500, last_error: 'The endpoint answered HTTP 500 Internal Server Error.', delivered_at: null });
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id']))).toEqual(new Set([row!.message_id]));
    expect(receiver.requests.map((r) => Number(r.headers['webhook-timestamp']))).toEqual(
      [0, 1000, 3000, 7000].map((ms) => Math.floor((row!.created_at.getTime() + ms) / 1000)),
    );
    for (const request of receiver.requests) expect(verify(secret, request)).toMatchObject({ data: { n: 1 } });

    clock.advance(24 * 60 * 60 * 1000);
    expect(await webhooks.deliverDue()).toBe(0);
    expect(receiver.requests).toHaveLength(4);
  });

  it('succeeds after failures and starts counting the endpoint’s failures afresh', async () => {
    const member = await owner();
    const { endpoint: hook } = await endpoint(member);
    const webhooks = service();
    receiver.answer(503);

    await webhooks.emit(member.tenantId, 'alert.raised', {});
    await webhooks.idle();
    expect(await endpointRow(hook.id)).toMatchObject({ consecutive_failures: 1, enabled: true });

    clock.advance(1000);
    await webhooks.deliverDue();
    const [row] = await deliveries(hook.id);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 2, last_status: 200, last_error: null, delivered_at: clock.now() });
    expect(await endpointRow(hook.id)).toMatchObject({ consecutive_failures: 0, enabled: true });
  });

  it('disables an endpoint after N failed attempts in a row, fails its pending deliveries, and sends again once enabled', async () => {
    const member = await owner();
    const { endpoint: hook } = await endpoint(member);
    const log = recordingLogger();
    const webhooks = service({ disableAfterFailures: 3, log });
    receiver.answer(500, 500, 500);

    for (const n of [1, 2, 3]) {
      await webhooks.emit(member.tenantId, 'alert.raised', { n });
      clock.advance(10);
    }
    await webhooks.idle();

    const reason = 'Disabled after 3 failed attempts in a row (last: HTTP 500). Fix the endpoint and enable it again.';
    expect(await endpointRow(hook.id)).toEqual({ enabled: false, disabled_reason: reason, consecutive_failures: 3 });
    const rows = await deliveries(hook.id);
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
    expect(rows.map((r) => r.last_error).sort()).toEqual([
      'Not sent: the endpoint was disabled.',
      'Not sent: the endpoint was disabled.',
      'The endpoint answered HTTP 500 Internal Server Error.',
    ]);
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'webhook endpoint disabled after repeated failures' }));
    const [audit] = await db.sql`select user_id, action, after from audit_log where document_id = ${hook.id} and action = 'update'`;
    expect(audit).toEqual({ user_id: null, action: 'update', after: { url: hook.url, enabled: false, disabledReason: reason } });

    await webhooks.emit(member.tenantId, 'alert.raised', { n: 4 });
    clock.advance(60_000);
    expect(await webhooks.deliverDue()).toBe(0);
    expect(receiver.requests).toHaveLength(3);

    const enabled = await changeEndpoint(depsFor({ allowPrivate: true }), member, hook.id, { enabled: true });
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
    await webhooks.emit(member.tenantId, 'alert.raised', { n: 5 });
    await webhooks.idle();
    expect(receiver.requests).toHaveLength(4);
    expect(JSON.parse(receiver.requests[3]!.body)).toMatchObject({ data: { n: 5 } });
  });

  it('does not follow a redirect: it is a failed attempt', async () => {
    const member = await owner();
    const { endpoint: hook } = await endpoint(member);
    receiver.answer({ status: 302, headers: { location: `${receiver.url}/elsewhere` } });
    const webhooks = service();

    await webhooks.emit(member.tenantId, 'alert.raised', {});
    await webhooks.idle();

    expect(receiver.requests.map((r) => r.path)).toEqual(['/hooks']);
    expect(await deliveries(hook.id)).toMatchObject([
      { status: 'pending', attempts: 1, last_status: 302, last_error: 'The endpoint answered with a redirect (HTTP 302), which is not followed. Use the final URL.' },
    ]);
  });

  it('says what went wrong when there is no answer: too slow, or nobody listening', async () => {
    const member = await owner();
    const slow = await endpoint(member, { url: `${receiver.url}/slow` });
    const closed = await startWebhookReceiver();
    await closed.close();
    const refused = await endpoint(member, { url: `${closed.url}/gone` });
    receiver.answer({ status: 200, delayMs: 2000 });
    const webhooks = service({ timeoutMs: 100 });

    await webhooks.emit(member.tenantId, 'alert.raised', {});
    await webhooks.idle();

    expect(await deliveries(slow.endpoint.id)).toMatchObject([{ status: 'pending', last_status: null, last_error: 'No answer within 0.1 s.' }]);
    expect(await deliveries(refused.endpoint.id)).toMatchObject([{ status: 'pending', last_status: null, last_error: 'The connection was refused.' }]);
  });

  it('refuses at delivery the destinations saved while private destinations were allowed', async () => {
    const member = await owner();
    const plain = await endpoint(member, { allowPrivate: true });
    const loopback = await endpoint(member, { url: receiver.url.replace('http:', 'https:'), allowPrivate: true });
    const webhooks = service({ allowPrivate: false });

    await webhooks.emit(member.tenantId, 'alert.raised', {});
    await webhooks.idle();

    expect(receiver.requests).toHaveLength(0);
    expect(await deliveries(plain.endpoint.id)).toMatchObject([
      { status: 'pending', attempts: 1, last_status: null, last_error: 'Not sent: Use an https:// URL: webhooks carry your data, so they are only sent encrypted.' },
    ]);
    expect(await deliveries(loopback.endpoint.id)).toMatchObject([
      {
        status: 'pending',
        attempts: 1,
        last_status: null,
        last_error: "Not sent: 127.0.0.1 is a loopback address (this server itself). Webhooks are only sent to addresses on the public internet (the server's operator can allow private ones).",
      },
    ]);
  });

  it('checks the host again at every delivery (DNS rebinding), and delivers once it is public again', async () => {
    const member = await owner();
    let addresses = [PUBLIC_IP];
    const resolveHost: ResolveHost = () => Promise.resolve(addresses);
    const { endpoint: hook } = await endpoint(member, { url: 'https://hooks.example.test/in', allowPrivate: false, resolveHost });
    const sent: { url: string; init: RequestInit }[] = [];
    const fakeFetch: typeof fetch = (input, init) => {
      sent.push({ url: String(input), init: init! });
      return Promise.resolve(new Response('ok', { status: 200 }));
    };
    const webhooks = service({ allowPrivate: false, resolveHost, fetch: fakeFetch });

    addresses = ['10.0.0.7', PUBLIC_IP];
    await webhooks.emit(member.tenantId, 'alert.raised', {});
    await webhooks.idle();
    expect(sent).toHaveLength(0);
    expect(await deliveries(hook.id)).toMatchObject([{ status: 'pending', last_error: expect.stringMatching(/^Not sent: hooks\.example\.test resolves to 10\.0\.0\.7, a private network address\./) as string }]);

    addresses = [PUBLIC_IP];
    clock.advance(1000);
    await webhooks.deliverDue();
    expect(sent).toMatchObject([{ url: 'https://hooks.example.test/in', init: { method: 'POST', redirect: 'manual' } }]);
    expect(await deliveries(hook.id)).toMatchObject([{ status: 'succeeded', attempts: 2 }]);
  });

  it('never sends one attempt twice when several server instances deliver at once', async () => {
    const member = await owner();
    await endpoint(member);
    // A stopped service queues without delivering, so both instances below find the same due deliveries.
    const producer = service();
    await producer.stop();
    for (let n = 0; n < 5; n++) await producer.emit(member.tenantId, 'alert.raised', { n });

    const [first, second] = [service(), service()];
    const counts = await Promise.all([first.deliverDue(), second.deliverDue()]);

    expect(counts[0] + counts[1]).toBe(5);
    expect(receiver.requests).toHaveLength(5);
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(5);
  });

  it('delivers retries from its background loop as they come due, and stop() waits for the work in hand', async () => {
    const member = await owner();
    const { endpoint: hook } = await endpoint(member);
    const webhooks = service({ pollIntervalMs: 10 });
    receiver.answer(500);
    webhooks.start();

    await webhooks.emit(member.tenantId, 'alert.raised', {});
    await vi.waitFor(() => expect(receiver.requests).toHaveLength(1));
    clock.advance(1000);
    await vi.waitFor(() => expect(receiver.requests).toHaveLength(2));
    await webhooks.stop();

    expect(await deliveries(hook.id)).toMatchObject([{ status: 'succeeded', attempts: 2 }]);
  });

  it('prunes finished deliveries after 30 days and keeps pending ones', async () => {
    const member = await owner();
    const { endpoint: hook } = await endpoint(member);
    const old = new Date(clock.now().getTime() - 31 * 24 * 60 * 60 * 1000);
    const insert = (messageId: string, status: string, createdAt: Date) => db.sql`
      insert into webhook_deliveries (tenant_id, endpoint_id, message_id, event_type, payload, status, next_attempt_at, created_at)
      values (${member.tenantId}, ${hook.id}, ${messageId}, 'alert.raised', '{}', ${status},
        ${status === 'pending' ? new Date(clock.now().getTime() + 3_600_000) : null}, ${createdAt})`;
    await insert('msg_oldsucceeded', 'succeeded', old);
    await insert('msg_oldfailed', 'failed', old);
    await insert('msg_oldpending', 'pending', old);
    await insert('msg_recent', 'succeeded', clock.now());
    const webhooks = service({ pollIntervalMs: 10 });

    webhooks.start();
    await vi.waitFor(async () => expect((await deliveries(hook.id)).map((r) => r.message_id).sort()).toEqual(['msg_oldpending', 'msg_recent']));
    await webhooks.stop();
  });

  it('keeps tenants apart with row-level security, even for a query that forgets its WHERE', async () => {
    const a = await owner();
    const b = await owner();
    const hookA = await endpoint(a);
    const hookB = await endpoint(b);
    const producer = service();
    await producer.stop();
    await producer.emit(a.tenantId, 'alert.raised', {});

    await withScope(db.sql, { tenantId: b.tenantId }, async (tx) => {
      expect((await tx<{ id: string }[]>`select id from webhook_endpoints`).map((r) => r.id)).toEqual([hookB.endpoint.id]);
      expect(await tx`select id from webhook_deliveries`).toHaveLength(0);
      expect((await tx`update webhook_endpoints set description = 'changed' returning id`).map((r) => r.id as string)).toEqual([hookB.endpoint.id]);
    });
    const plant = (tenantId: string, endpointId: string) =>
      withScope(db.sql, { tenantId: b.tenantId }, (tx) => tx`
        insert into webhook_deliveries (tenant_id, endpoint_id, message_id, event_type, payload, next_attempt_at)
        values (${tenantId}, ${endpointId}, 'msg_planted', 'alert.raised', '{}', now())`);
    await expect(plant(a.tenantId, hookA.endpoint.id)).rejects.toThrow(/row-level security/);
    // Its own tenant, another tenant's endpoint: the composite foreign key refuses it.
    await expect(plant(b.tenantId, hookA.endpoint.id)).rejects.toThrow(/foreign key/);
    expect(await deliveries(hookA.endpoint.id)).toHaveLength(1);
  });
});
