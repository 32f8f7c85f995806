import { createECDH, randomBytes } from 'node:crypto';
import { DEFAULT_NOTIFICATION_PREFS, parsePushPayload, type NotificationPrefs } from '@vitals/shared';
import type { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppEnv } from '../context';
import type { Database } from '../db/connect';
import { testApp, testConfig } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { startPushReceiver, type PushReceiver, type PushSubscriptionJson } from '../testing/push-receiver';
import { caller } from '../testing/caller';
import { createTestTenant, type TestTenant } from '../testing/tenants';


/** A browser's requests: the devices list names each subscription by its user-agent. */
function browserCaller(app: Hono<AppEnv>) {
  const call = caller(app);
  return async (method: string, path: string, options: { cookie?: string; body?: unknown; userAgent?: string } = {}) => {
    const { status, body } = await call(method, path, {
      cookie: options.cookie,
      body: options.body,
      headers: { 'user-agent': options.userAgent ?? 'Mozilla/5.0 (Test) Firefox/140.0' },
    });
    return { status, body };
  };
}


describe.each(databaseKinds())('push routes on %s PostgreSQL', (kind) => {
  let db: Database;
  let receiver: PushReceiver;
  let call: ReturnType<typeof browserCaller>;
  /** The same server with the production default: public https push services only. */
  let strictCall: ReturnType<typeof browserCaller>;
  let a: TestTenant<'ana' | 'ben'>;
  let b: TestTenant<'cleo'>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    receiver = await startPushReceiver();
    const local = testApp(db, {
      config: testConfig({ OUTBOUND_ALLOW_PRIVATE: 'true' }),
      outbound: { push: { retryDelaysMs: [5] } },
    });
    call = browserCaller(local.app);
    strictCall = browserCaller(testApp(db).app);
    const now = local.clock.now();
    a = await createTestTenant(db, { name: 'Acme Health', roles: { ana: 'csm', ben: 'viewer' }, now });
    b = await createTestTenant(db, { name: 'Beta Labs', roles: { cleo: 'owner' }, now });
  });
  afterAll(async () => {
    await receiver?.close();
    await db?.close();
  });
  beforeEach(() => receiver.reset());

  const subscribe = (cookie: string, subscription: PushSubscriptionJson) =>
    call('POST', '/api/push/subscriptions', { cookie, body: { subscription } });
  const devices = async (cookie: string) =>
    (await call('GET', '/api/push/subscriptions', { cookie })).body.subscriptions as {
      id: string;
      endpointHost: string;
    }[];

  describe('signing in', () => {
    it.each([
      ['GET', '/api/push/key'],
      ['GET', '/api/push/subscriptions'],
      ['POST', '/api/push/subscriptions'],
      ['DELETE', '/api/push/subscriptions'],
      ['POST', '/api/push/subscriptions/renew'],
    ])('%s %s needs a signed-in user', async (method, path) => {
      const res = await call(method, path, method === 'GET' ? {} : { body: {} });
      expect(res).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    });
  });

  it('gives the VAPID key to subscribe with, generated and stored by default', async () => {
    const res = await call('GET', '/api/push/key', { cookie: a.users.ana.cookie });
    expect(res).toEqual({
      status: 200,
      body: { publicKey: expect.stringMatching(/^[\w-]{87}$/), generated: true },
    });
    expect((await call('GET', '/api/push/key', { cookie: b.users.cleo.cookie })).body).toEqual(res.body);
  });

  it('subscribes a device and lists it to its person only, without the endpoint', async () => {
    const { subscription } = receiver.newSubscription();
    const res = await subscribe(a.users.ana.cookie, subscription);
    expect(res).toEqual({ status: 201, body: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });

    const listed = await call('GET', '/api/push/subscriptions', { cookie: a.users.ana.cookie });
    expect(listed.body.subscriptions).toContainEqual({
      id: res.body.id,
      endpointHost: new URL(receiver.url).host,
      userAgent: 'Mozilla/5.0 (Test) Firefox/140.0',
      createdAt: '2025-10-01T09:00:00.000Z',
      lastSuccessAt: null,
    });
    expect(JSON.stringify(listed.body)).not.toContain(subscription.endpoint);
    expect((await devices(a.users.ben.cookie)).map((d) => d.id)).not.toContain(res.body.id);
  });

  it('subscribing the same browser again keeps one device', async () => {
    const { subscription } = receiver.newSubscription();
    const first = await subscribe(a.users.ana.cookie, subscription);
    const again = await subscribe(a.users.ana.cookie, subscription);
    expect(again.body.id).toBe(first.body.id);
    expect((await devices(a.users.ana.cookie)).filter((d) => d.id === first.body.id)).toHaveLength(1);
  });

  it('moves a browser to whoever subscribes it next (a shared computer, another person signed in)', async () => {
    const { subscription } = receiver.newSubscription();
    const { body } = await subscribe(a.users.ana.cookie, subscription);
    await subscribe(b.users.cleo.cookie, subscription);
    expect((await devices(a.users.ana.cookie)).map((d) => d.id)).not.toContain(body.id);
    expect((await devices(b.users.cleo.cookie)).map((d) => d.id)).toContain(body.id);
  });

  it('unsubscribes only the caller’s own device; another person’s endpoint is not found', async () => {
    const { subscription } = receiver.newSubscription();
    const { body } = await subscribe(a.users.ana.cookie, subscription);

    const foreign = await call('DELETE', '/api/push/subscriptions', {
      cookie: a.users.ben.cookie,
      body: { endpoint: subscription.endpoint },
    });
    expect(foreign).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
    expect((await devices(a.users.ana.cookie)).map((d) => d.id)).toContain(body.id);

    const own = await call('DELETE', '/api/push/subscriptions', {
      cookie: a.users.ana.cookie,
      body: { endpoint: subscription.endpoint },
    });
    expect(own.status).toBe(204);
    expect((await devices(a.users.ana.cookie)).map((d) => d.id)).not.toContain(body.id);
    expect(
      (
        await call('DELETE', '/api/push/subscriptions', {
          cookie: a.users.ana.cookie,
          body: { endpoint: subscription.endpoint },
        })
      ).status,
    ).toBe(404);
  });

  it('renews a subscription the browser replaced, and leaves another person’s device alone', async () => {
    const old = receiver.newSubscription().subscription;
    const replacement = receiver.newSubscription().subscription;
    const { body: oldId } = await subscribe(a.users.ana.cookie, old);
    const renewed = await call('POST', '/api/push/subscriptions/renew', {
      cookie: a.users.ana.cookie,
      body: { oldEndpoint: old.endpoint, subscription: replacement },
    });
    expect(renewed).toEqual({ status: 200, body: { id: expect.any(String) } });
    const ids = (await devices(a.users.ana.cookie)).map((d) => d.id);
    expect(ids).toContain(renewed.body.id);
    expect(ids).not.toContain(oldId.id);

    const bens = receiver.newSubscription().subscription;
    const { body: bensId } = await subscribe(a.users.ben.cookie, bens);
    const sneaky = await call('POST', '/api/push/subscriptions/renew', {
      cookie: a.users.ana.cookie,
      body: { oldEndpoint: bens.endpoint, subscription: receiver.newSubscription().subscription },
    });
    expect(sneaky.status).toBe(200);
    expect((await devices(a.users.ben.cookie)).map((d) => d.id)).toContain(bensId.id);

    const fresh = await call('POST', '/api/push/subscriptions/renew', {
      cookie: a.users.ana.cookie,
      body: { oldEndpoint: null, subscription: receiver.newSubscription().subscription },
    });
    expect(fresh.status).toBe(200);
  });

  describe('refuses subscriptions the server could not or must not push to', () => {
    const point = (): string => {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      return ecdh.getPublicKey('base64url');
    };
    const valid = () => ({
      endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
      expirationTime: null,
      keys: { p256dh: point(), auth: randomBytes(16).toString('base64url') },
    });

    it('accepts a public https push service on the default (strict) server', async () => {
      expect(
        (
          await strictCall('POST', '/api/push/subscriptions', {
            cookie: a.users.ana.cookie,
            body: { subscription: valid() },
          })
        ).status,
      ).toBe(201);
    });

    it.each([
      [
        'plain http',
        { endpoint: 'http://fcm.googleapis.com/fcm/send/abc' },
        'subscription.endpoint',
        /https:\/\//,
      ],
      [
        'a loopback address',
        { endpoint: 'https://127.0.0.1:8443/push/1' },
        'subscription.endpoint',
        /public internet/,
      ],
      [
        'a private network address',
        { endpoint: 'https://10.0.0.8/push/1' },
        'subscription.endpoint',
        /public internet/,
      ],
      ['localhost', { endpoint: 'https://localhost/push/1' }, 'subscription.endpoint', /public internet/],
    ])('%s, unless the operator allows private destinations', async (_, change, path, message) => {
      const subscription = { ...valid(), ...change };
      const res = await strictCall('POST', '/api/push/subscriptions', {
        cookie: a.users.ana.cookie,
        body: { subscription },
      });
      expect(res).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid-input', message: expect.stringMatching(message) } },
      });
      expect((res.body.error as { details: { issues: { path: string }[] } }).details.issues[0]!.path).toBe(
        path,
      );
      expect(
        (
          await call('POST', '/api/push/subscriptions', {
            cookie: a.users.ana.cookie,
            body: { subscription },
          })
        ).status,
      ).toBe(201);
    });

    it.each([
      [
        'a p256dh that is not a P-256 key',
        (s: ReturnType<typeof valid>) => ({
          ...s,
          keys: { ...s.keys, p256dh: randomBytes(65).toString('base64url') },
        }),
        'subscription.keys.p256dh',
      ],
      [
        'an auth secret of the wrong length',
        (s: ReturnType<typeof valid>) => ({
          ...s,
          keys: { ...s.keys, auth: randomBytes(8).toString('base64url') },
        }),
        'subscription.keys.auth',
      ],
      ['no keys', (s: ReturnType<typeof valid>) => ({ endpoint: s.endpoint }), 'subscription.keys'],
      ['no endpoint', (s: ReturnType<typeof valid>) => ({ ...s, endpoint: '' }), 'subscription.endpoint'],
    ])('%s', async (_, change, path) => {
      const res = await call('POST', '/api/push/subscriptions', {
        cookie: a.users.ana.cookie,
        body: { subscription: change(valid()) },
      });
      expect(res.status).toBe(400);
      expect(
        (res.body.error as { details: { issues: { path: string }[] } }).details.issues.map((i) => i.path),
      ).toContain(path);
    });
  });

  describe('notification preferences', () => {
    const prefsPath = (tenant: { id: string }) => `/api/tenants/${tenant.id}/push/prefs`;
    const quiet: NotificationPrefs = {
      mutedRules: ['score-drop'],
      quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' },
    };

    it('are the defaults until saved, then what was saved, per person and per tenant', async () => {
      expect(await call('GET', prefsPath(b), { cookie: b.users.cleo.cookie })).toEqual({
        status: 200,
        body: { prefs: DEFAULT_NOTIFICATION_PREFS },
      });

      expect(await call('PUT', prefsPath(b), { cookie: b.users.cleo.cookie, body: quiet })).toEqual({
        status: 200,
        body: { prefs: quiet },
      });
      expect((await call('GET', prefsPath(b), { cookie: b.users.cleo.cookie })).body).toEqual({
        prefs: quiet,
      });
      expect((await call('GET', prefsPath(a), { cookie: a.users.ana.cookie })).body).toEqual({
        prefs: DEFAULT_NOTIFICATION_PREFS,
      });

      const changed = { ...quiet, quietHours: null };
      expect((await call('PUT', prefsPath(b), { cookie: b.users.cleo.cookie, body: changed })).body).toEqual({
        prefs: changed,
      });
      const [audit] = await db.sql<{ before: unknown; after: unknown }[]>`
        select before, after from audit_log where tenant_id = ${b.id} and collection = 'notification_prefs' order by id desc limit 1`;
      expect(audit).toEqual({ before: quiet, after: changed });
    });

    it('refuses invalid preferences with a message for each problem', async () => {
      const res = await call('PUT', prefsPath(a), {
        cookie: a.users.ana.cookie,
        body: {
          mutedRules: ['Not A Rule'],
          quietHours: { start: '25:00', end: '07:00', timeZone: 'Mars/Olympus' },
        },
      });
      expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid-input' } } });
      const issues = (res.body.error as { details: { issues: { path: string; message: string }[] } }).details
        .issues;
      expect(issues.length).toBeGreaterThanOrEqual(3);
      expect(issues.map((i) => i.message).join(' ')).toMatch(/00:00 to 23:59/);
      expect((await call('GET', prefsPath(a), { cookie: a.users.ana.cookie })).body).toEqual({
        prefs: DEFAULT_NOTIFICATION_PREFS,
      });
    });

    it('of another tenant are not found, as any of its resources', async () => {
      expect((await call('GET', prefsPath(b), { cookie: a.users.ana.cookie })).status).toBe(404);
      expect((await call('PUT', prefsPath(b), { cookie: a.users.ana.cookie, body: quiet })).status).toBe(404);
      expect(
        (await call('POST', `/api/tenants/${b.id}/push/test`, { cookie: a.users.ana.cookie })).status,
      ).toBe(404);
    });
  });

  it('sends a test notification to the caller’s devices only, and counts what happened', async () => {
    const person = await createTestTenant(db, {
      name: 'Gamma',
      roles: { dan: 'csm', eve: 'csm' },
      now: new Date('2025-10-01T09:00:00Z'),
    });
    const mine = [receiver.newSubscription(), receiver.newSubscription()];
    for (const browser of mine) await subscribe(person.users.dan.cookie, browser.subscription);
    await subscribe(person.users.eve.cookie, receiver.newSubscription().subscription);
    mine[1]!.expire(410);

    const res = await call('POST', `/api/tenants/${person.id}/push/test`, {
      cookie: person.users.dan.cookie,
    });

    expect(res).toEqual({ status: 200, body: { sent: 1, gone: 1, failed: 0 } });
    const delivered = receiver.received().filter((r) => r.status === 201);
    expect(delivered.map((r) => r.endpoint)).toEqual([mine[0]!.subscription.endpoint]);
    expect(parsePushPayload(delivered[0]!.payload)).toMatchObject({ type: 'test', tenantId: person.id });
    expect(await devices(person.users.dan.cookie)).toHaveLength(1);
  });
});
