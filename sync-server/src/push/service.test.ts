import { MAX_PUSH_PAYLOAD_BYTES, type PushPayload } from '@vitals/shared';
import * as v from 'valibot';
import webpush from 'web-push';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../config';
import type { BaseDeps } from '../context';
import type { Database } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { testClock, testConfig } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { startPushReceiver, type PushReceiver, type PushSubscriptionJson } from '../testing/push-receiver';
import { recordingLogger, type RecordingLogger } from '../testing/silent-logger';
import { createTestTenant } from '../testing/tenants';
import { createInProcessFeed } from '../sync/in-process-feed';
import { MAX_PUSH_BODY_BYTES } from './send';
import { createPushService, type PushServiceOptions } from './service';
import { pushSubscriptionSchema, saveSubscription } from './subscriptions';
import { pushPayload } from '../../../shared/src/alerts/testing';

const clock = testClock();
const LOCAL = testConfig({ OUTBOUND_ALLOW_PRIVATE: 'true' });
/** Tiny delays: the tests wait for retries in real time. */
const QUICK: PushServiceOptions = { retryDelaysMs: [5, 5] };


describe.each(databaseKinds())('sending Web Push on %s PostgreSQL', (kind) => {
  let db: Database;
  let receiver: PushReceiver;
  let log: RecordingLogger;
  let tenantId: string;

  function deps(config: Config = LOCAL): BaseDeps {
    return { db, config, log, now: clock.now, feed: createInProcessFeed(log) };
  }

  /** A new person with `devices` subscribed browsers. */
  async function personWithDevices(devices: number) {
    const tenant = await createTestTenant(db, { name: 'Push', roles: { person: 'csm' }, now: clock.now() });
    const userId = tenant.users.person.id;
    const browsers = Array.from({ length: devices }, () => receiver.newSubscription());
    for (const browser of browsers) await subscribe(userId, browser.subscription);
    tenantId = tenant.id;
    return { userId, browsers };
  }

  async function subscribe(userId: string, subscription: PushSubscriptionJson): Promise<string> {
    const input = {
      userId,
      subscription: v.parse(pushSubscriptionSchema, subscription),
      userAgent: 'test',
      now: clock.now(),
    };
    return withScope(db.sql, { userId }, (tx) => saveSubscription(tx, input));
  }

  async function devicesOf(userId: string): Promise<{ endpoint: string; last_success_at: Date | null }[]> {
    return db.sql`select endpoint, last_success_at from push_subscriptions where user_id = ${userId} order by created_at, id`;
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    receiver = await startPushReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await db?.close();
  });
  beforeEach(() => {
    receiver.reset();
    log = recordingLogger();
  });

  describe('VAPID keys', () => {
    it('generates one key pair, stores it, and every service instance signs with it', async () => {
      await db.sql`delete from vapid_keys`;
      const [first, second] = [createPushService(deps()), createPushService(deps())];
      const keys = await Promise.all([first.vapidPublicKey(), second.vapidPublicKey()]);
      expect(keys[0]).toEqual({ publicKey: expect.stringMatching(/^[\w-]{87}$/), generated: true });
      expect(keys[1]).toEqual(keys[0]);
      expect(await db.sql`select count(*)::int as n from vapid_keys`).toEqual([{ n: 1 }]);

      // A browser subscribed with the first instance's key accepts pushes signed by a later instance.
      const { userId } = await personWithDevices(0);
      const browser = receiver.newSubscription({ applicationServerKey: keys[0]!.publicKey });
      await subscribe(userId, browser.subscription);
      const report = await createPushService(deps(), QUICK).sendToUsers([userId], pushPayload(tenantId));
      expect(report.attempts.map((a) => a.outcome)).toEqual(['sent']);
      expect(receiver.received()[0]!.vapid?.publicKey).toBe(keys[0]!.publicKey);
    });

    it('uses the key pair from the environment when it is configured', async () => {
      const pair = webpush.generateVAPIDKeys();
      const config = testConfig({
        OUTBOUND_ALLOW_PRIVATE: 'true',
        VAPID_PUBLIC_KEY: pair.publicKey,
        VAPID_PRIVATE_KEY: pair.privateKey,
      });
      const push = createPushService(deps(config), QUICK);
      expect(await push.vapidPublicKey()).toEqual({ publicKey: pair.publicKey, generated: false });

      const { userId } = await personWithDevices(0);
      await subscribe(
        userId,
        receiver.newSubscription({ applicationServerKey: pair.publicKey }).subscription,
      );
      expect((await push.sendToUsers([userId], pushPayload(tenantId))).attempts.map((a) => a.outcome)).toEqual(
        ['sent'],
      );
      expect(receiver.received()[0]!.vapid).toMatchObject({
        publicKey: pair.publicKey,
        subject: 'mailto:push@vitals.invalid',
      });
    });

    it('refuses environment keys that are not one pair, and says which setting is wrong', async () => {
      const [a, b] = [webpush.generateVAPIDKeys(), webpush.generateVAPIDKeys()];
      const config = testConfig({ VAPID_PUBLIC_KEY: a.publicKey, VAPID_PRIVATE_KEY: b.privateKey });
      const push = createPushService(deps(config), QUICK);
      await expect(push.vapidPublicKey()).rejects.toThrow(
        /VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY/,
      );
      const { userId } = await personWithDevices(1);
      expect(await push.sendToUsers([userId], pushPayload(tenantId))).toEqual({ attempts: [] });
      expect(log.lines.some((l) => l.level === 'error' && l.message === 'push not sent to anyone')).toBe(
        true,
      );
      expect(receiver.received()).toEqual([]);
    });
  });

  it('delivers the payload to every device of the person, who decrypts exactly what was sent', async () => {
    const { userId, browsers } = await personWithDevices(2);
    const bystander = await personWithDevices(1);
    const push = createPushService(deps(), QUICK);
    const payload = pushPayload(tenantId);

    const report = await push.sendToUsers([userId], payload);

    expect(report.attempts).toHaveLength(2);
    expect(report.attempts.every((a) => a.outcome === 'sent' && a.status === 201)).toBe(true);
    const received = receiver.received();
    expect(received.map((r) => r.endpoint).sort()).toEqual(
      browsers.map((b) => b.subscription.endpoint).sort(),
    );
    for (const push of received) {
      expect(JSON.parse(push.payload)).toEqual(payload);
      expect(push.vapid).toMatchObject({ audience: receiver.url, subject: 'mailto:push@vitals.invalid' });
      expect(push.headers).toMatchObject({ 'content-encoding': 'aes128gcm', ttl: '86400', urgency: 'high' });
    }
    expect(received.some((r) => r.endpoint === bystander.browsers[0]!.subscription.endpoint)).toBe(false);
    expect((await devicesOf(userId)).map((d) => d.last_success_at)).toEqual([clock.now(), clock.now()]);
  });

  it('lets alerts that are not critical wait for the device (normal urgency)', async () => {
    const { userId } = await personWithDevices(1);
    await createPushService(deps(), QUICK).sendToUsers(
      [userId],
      pushPayload(tenantId, { severity: 'warning' }),
    );
    expect(receiver.received()[0]!.headers.urgency).toBe('normal');
  });

  it('keeps a long alert within the push size limits, shortening its text', async () => {
    const { userId } = await personWithDevices(1);
    const long = pushPayload(tenantId, { body: 'Ärger mit dem Vertrag 🚨 '.repeat(400) });
    const report = await createPushService(deps(), QUICK).sendToUsers([userId], long);
    expect(report.attempts.map((a) => a.outcome)).toEqual(['sent']);
    const [push] = receiver.received();
    expect(Buffer.byteLength(push!.payload)).toBeLessThanOrEqual(MAX_PUSH_PAYLOAD_BYTES);
    expect(push!.bodyBytes).toBeLessThanOrEqual(MAX_PUSH_BODY_BYTES);
    const shown = JSON.parse(push!.payload) as PushPayload;
    expect(shown.title).toBe(long.title);
    expect(long.body.startsWith(shown.body.replace(/…$/, ''))).toBe(true);
    expect(shown.body.length).toBeLessThan(long.body.length);
  });

  it.each([404, 410] as const)(
    'removes a device whose push service answers %s, and never tries it again',
    async (status) => {
      const { userId, browsers } = await personWithDevices(2);
      browsers[0]!.expire(status);
      const push = createPushService(deps(), QUICK);

      const first = await push.sendToUsers([userId], pushPayload(tenantId));
      expect(first.attempts.map((a) => [a.outcome, a.status]).sort()).toEqual([
        ['gone', status],
        ['sent', 201],
      ]);
      expect((await devicesOf(userId)).map((d) => d.endpoint)).toEqual([browsers[1]!.subscription.endpoint]);

      receiver.reset();
      const second = await push.sendToUsers([userId], pushPayload(tenantId));
      expect(second.attempts.map((a) => a.outcome)).toEqual(['sent']);
      expect(receiver.received().map((r) => r.endpoint)).toEqual([browsers[1]!.subscription.endpoint]);
    },
  );

  it('retries a 429 after the Retry-After the push service asked for, then delivers', async () => {
    const { userId } = await personWithDevices(1);
    receiver.respondWith(429, { 'retry-after': '1' }, 1);
    // A backoff far longer than the test: only Retry-After can explain a retry within seconds.
    const push = createPushService(deps(), { retryDelaysMs: [60_000] });
    const started = Date.now();

    const report = await push.sendToUsers([userId], pushPayload(tenantId));

    expect(report.attempts.map((a) => [a.outcome, a.status])).toEqual([['sent', 201]]);
    const [refused, delivered] = receiver.received();
    expect([refused!.status, delivered!.status]).toEqual([429, 201]);
    expect(delivered!.receivedAt - refused!.receivedAt).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(JSON.parse(delivered!.payload)).toEqual(pushPayload(tenantId));
  });

  it('cuts a Retry-After longer than the limit', async () => {
    const { userId } = await personWithDevices(1);
    receiver.respondWith(503, { 'retry-after': '3600' }, 1);
    const report = await createPushService(deps(), { retryDelaysMs: [5], maxRetryAfterMs: 20 }).sendToUsers(
      [userId],
      pushPayload(tenantId),
    );
    expect(report.attempts.map((a) => a.outcome)).toEqual(['sent']);
    expect(receiver.received().map((r) => r.status)).toEqual([503, 201]);
  });

  it('gives up after the configured attempts when the push service keeps failing, and keeps the device', async () => {
    const { userId } = await personWithDevices(1);
    receiver.respondWith(500);
    const report = await createPushService(deps(), QUICK).sendToUsers([userId], pushPayload(tenantId));
    expect(report.attempts.map((a) => [a.outcome, a.status])).toEqual([['failed', 500]]);
    expect(receiver.received().map((r) => r.status)).toEqual([500, 500, 500]);
    expect(await devicesOf(userId)).toHaveLength(1);
    expect(log.lines.some((l) => l.level === 'warn' && l.message === 'push failed after retries')).toBe(true);
  });

  it.each([
    [413, 'error', 'push payload too large for the push service'],
    [400, 'warn', 'push refused by the push service'],
    [403, 'warn', 'push refused by the push service'],
  ] as const)('fails at once on %s, without retrying, and logs why', async (status, level, message) => {
    const { userId } = await personWithDevices(1);
    receiver.respondWith(status, {}, 1);
    const report = await createPushService(deps(), QUICK).sendToUsers([userId], pushPayload(tenantId));
    expect(report.attempts.map((a) => [a.outcome, a.status])).toEqual([['failed', status]]);
    expect(receiver.received()).toHaveLength(1);
    expect(log.lines.some((l) => l.level === level && l.message === message)).toBe(true);
    expect(await devicesOf(userId)).toHaveLength(1);
  });

  it('retries a request that times out like a 5xx, then fails', async () => {
    const { userId } = await personWithDevices(1);
    let calls = 0;
    // A push service that never answers: only the timeout ends each attempt.
    const silent: typeof fetch = (_input, init) => {
      calls += 1;
      return new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)),
      );
    };
    const report = await createPushService(deps(), {
      retryDelaysMs: [5],
      timeoutMs: 30,
      fetch: silent,
    }).sendToUsers([userId], pushPayload(tenantId));
    expect(report.attempts.map((a) => [a.outcome, a.status])).toEqual([['failed', null]]);
    expect(calls).toBe(2);
  });

  it('does not contact a device whose endpoint is no longer allowed, and reports it failed', async () => {
    const { userId } = await personWithDevices(1);
    // Registered while private destinations were allowed; the operator has turned that off since.
    const report = await createPushService(deps(testConfig()), QUICK).sendToUsers(
      [userId],
      pushPayload(tenantId),
    );
    expect(report.attempts.map((a) => a.outcome)).toEqual(['failed']);
    expect(receiver.received()).toEqual([]);
    expect(log.lines.some((l) => l.message === 'push not sent: endpoint refused')).toBe(true);
  });

  it('never throws: a failure before sending is logged and reported as no attempts', async () => {
    const report = await createPushService(deps(), QUICK).sendToUsers(
      ['not-a-user-id'],
      pushPayload(tenantId),
    );
    expect(report).toEqual({ attempts: [] });
    expect(log.lines.some((l) => l.level === 'error' && l.message === 'push not sent to anyone')).toBe(true);
  });

  it('sends nothing to people without devices', async () => {
    const { userId } = await personWithDevices(0);
    expect(await createPushService(deps(), QUICK).sendToUsers([userId], pushPayload(tenantId))).toEqual({
      attempts: [],
    });
  });
});
