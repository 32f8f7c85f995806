/**
 * Native push over a real database and the fake FCM (testing/fake-fcm.ts): the production code signs its own
 * JWT, exchanges it at the service account's token_uri, and sends FCM HTTP v1 messages, all over real HTTP.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../config';
import type { BaseDeps } from '../../context';
import type { Database } from '../../db/connect';
import { withScope } from '../../db/tenant-scope';
import { testClock, testConfig } from '../../testing/app';
import { databaseKinds, openTestDatabase } from '../../testing/databases';
import { startFakeFcm, type FakeFcm } from '../../testing/fake-fcm';
import { recordingLogger, type RecordingLogger } from '../../testing/silent-logger';
import { createTestTenant } from '../../testing/tenants';
import { createInProcessFeed } from '../../sync/in-process-feed';
import { createNativePushService, withNativePush, type NativePushOptions } from './service';
import { saveNativeToken } from './tokens';
import { pushPayload } from '../../../../shared/src/alerts/testing';

const clock = testClock();
/** Tiny delays: the tests wait for retries in real time. */
const QUICK: NativePushOptions = { retryDelaysMs: [5, 5] };


let tokenCount = 0;
const newToken = (): string => `fcm-token-${++tokenCount}:APA91b${'x'.repeat(140)}`;

describe.each(databaseKinds())('sending native push on %s PostgreSQL', (kind) => {
  let db: Database;
  let fcm: FakeFcm;
  let log: RecordingLogger;
  let config: Config;

  function deps(withConfig: Config = config): BaseDeps {
    return { db, config: withConfig, log, now: clock.now, feed: createInProcessFeed(log) };
  }

  /** A new person with one app per platform given. */
  async function personWithApps(platforms: ('android' | 'ios')[]) {
    const tenant = await createTestTenant(db, { name: 'Native', roles: { person: 'csm' }, now: clock.now() });
    const userId = tenant.users.person.id;
    const tokens: string[] = [];
    for (const platform of platforms) {
      const token = newToken();
      tokens.push(token);
      await withScope(db.sql, { userId }, (tx) =>
        saveNativeToken(tx, { userId, token, platform, now: clock.now() }),
      );
    }
    return { userId, tenantId: tenant.id, tokens };
  }

  const tokensOf = (userId: string) =>
    db.sql<{ token: string; last_success_at: Date | null }[]>`
      select token, last_success_at from native_push_tokens where user_id = ${userId} order by created_at, id`;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    fcm = await startFakeFcm();
    config = testConfig({ FCM_SERVICE_ACCOUNT: fcm.serviceAccount(), FCM_API_URL: fcm.url });
  });
  afterAll(async () => {
    await fcm?.close();
    await db?.close();
  });
  beforeEach(() => {
    fcm.reset();
    log = recordingLogger();
  });

  it('signs in with the service account and sends each app the message, dating its success', async () => {
    const { userId, tenantId, tokens } = await personWithApps(['android', 'ios']);
    const report = await createNativePushService(deps(), QUICK).sendToUsers([userId], pushPayload(tenantId));
    expect(report.attempts.map((a) => [a.outcome, a.status])).toEqual([
      ['sent', 200],
      ['sent', 200],
    ]);
    expect(fcm.messages.map((m) => m.token).sort()).toEqual([...tokens].sort());
    expect(fcm.messages.find((m) => m.token === tokens[0])).toMatchObject({
      notification: { title: 'Zürich Dental turned red', body: 'Health fell to 38 — 日本語のメモ 🚨' },
      data: { url: '/accounts/acc-1', tenantId, alertId: 'alert-1' },
      android: { priority: 'high' },
    });
    expect((await tokensOf(userId)).map((t) => t.last_success_at)).toEqual([clock.now(), clock.now()]);
    const send = fcm.requests.find((r) => r.path.endsWith('messages:send'))!;
    expect(send.path).toBe('/v1/projects/vitals-test/messages:send');
    expect(send.headers.authorization).toMatch(/^Bearer ya29\.fake-/);
  });

  it('reuses the access token until it nears its end', async () => {
    const { userId, tenantId } = await personWithApps(['android']);
    const native = createNativePushService(deps(), QUICK);
    await native.sendToUsers([userId], pushPayload(tenantId));
    await native.sendToUsers([userId], pushPayload(tenantId));
    expect(fcm.requests.filter((r) => r.path === '/token')).toHaveLength(1);

    clock.advance(59 * 60 * 1000); // 3599 s tokens are renewed a minute early
    await native.sendToUsers([userId], pushPayload(tenantId));
    expect(fcm.requests.filter((r) => r.path === '/token')).toHaveLength(2);
    expect(fcm.messages).toHaveLength(3);
  });

  it('takes a fresh access token once when FCM no longer accepts the cached one', async () => {
    const { userId, tenantId } = await personWithApps(['android']);
    const native = createNativePushService(deps(), QUICK);
    await native.sendToUsers([userId], pushPayload(tenantId));
    fcm.revokeAccessTokens();
    const report = await native.sendToUsers([userId], pushPayload(tenantId));
    expect(report.attempts.map((a) => a.outcome)).toEqual(['sent']);
    expect(fcm.requests.filter((r) => r.path === '/token')).toHaveLength(2);
  });

  it('removes an app FCM says is unregistered, and keeps the others', async () => {
    const { userId, tenantId, tokens } = await personWithApps(['android', 'ios']);
    fcm.unregister(tokens[0]!);
    const report = await createNativePushService(deps(), QUICK).sendToUsers([userId], pushPayload(tenantId));
    // Both apps were added at the same moment: their order is the ids'.
    expect(report.attempts.map((a) => `${a.outcome} ${a.status}`).sort()).toEqual(['gone 404', 'sent 200']);
    expect((await tokensOf(userId)).map((t) => t.token)).toEqual([tokens[1]]);
  });

  it('retries 429 and 5xx with backoff, then reports the failure and keeps the app', async () => {
    const { userId, tenantId } = await personWithApps(['android']);
    const native = createNativePushService(deps(), QUICK);
    fcm.respondWith(429, { times: 2, retryAfter: '0' });
    expect((await native.sendToUsers([userId], pushPayload(tenantId))).attempts.map((a) => a.outcome)).toEqual(
      ['sent'],
    );
    expect(fcm.requests.filter((r) => r.path.endsWith('messages:send'))).toHaveLength(3);

    fcm.reset();
    fcm.respondWith(503, { times: 10 });
    const report = await native.sendToUsers([userId], pushPayload(tenantId));
    expect(report.attempts.map((a) => [a.outcome, a.status])).toEqual([['failed', 503]]);
    expect(fcm.requests.filter((r) => r.path.endsWith('messages:send'))).toHaveLength(3);
    expect(await tokensOf(userId)).toHaveLength(1);
    expect(
      log.lines.some((l) => l.level === 'warn' && l.message === 'native push failed after retries'),
    ).toBe(true);
  });

  it('fails at once on a refusal retrying cannot change', async () => {
    const { userId, tenantId } = await personWithApps(['android']);
    fcm.respondWith(400);
    const report = await createNativePushService(deps(), QUICK).sendToUsers([userId], pushPayload(tenantId));
    expect(report.attempts.map((a) => [a.outcome, a.status])).toEqual([['failed', 400]]);
    expect(fcm.requests.filter((r) => r.path.endsWith('messages:send'))).toHaveLength(1);
    expect(await tokensOf(userId)).toHaveLength(1);
  });

  it('reads the service account from a file path too', async () => {
    const path = join(tmpdir(), `vitals-fcm-${process.pid}-${Date.now()}.json`);
    await writeFile(path, fcm.serviceAccount());
    const { userId, tenantId } = await personWithApps(['ios']);
    const fromFile = testConfig({ FCM_SERVICE_ACCOUNT: path, FCM_API_URL: fcm.url });
    const report = await createNativePushService(deps(fromFile), QUICK).sendToUsers(
      [userId],
      pushPayload(tenantId),
    );
    expect(report.attempts.map((a) => a.outcome)).toEqual(['sent']);
  });

  it('logs an unreadable key as an error and sends nothing', async () => {
    const { userId, tenantId } = await personWithApps(['ios']);
    const missing = testConfig({ FCM_SERVICE_ACCOUNT: '/nonexistent/key.json', FCM_API_URL: fcm.url });
    expect(
      await createNativePushService(deps(missing), QUICK).sendToUsers([userId], pushPayload(tenantId)),
    ).toEqual({ attempts: [] });
    expect(log.lines).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'native push not sent to anyone' }),
    );
    expect(fcm.requests).toEqual([]);
  });

  it('is off without FCM_SERVICE_ACCOUNT, and says so once', async () => {
    const { userId, tenantId } = await personWithApps(['android']);
    const native = createNativePushService(deps(testConfig()), QUICK);
    expect(native.enabled).toBe(false);
    expect(await native.sendToUsers([userId], pushPayload(tenantId))).toEqual({ attempts: [] });
    expect(await native.sendToUsers([userId], pushPayload(tenantId))).toEqual({ attempts: [] });
    expect(log.lines.filter((l) => l.message.startsWith('native push is off'))).toHaveLength(1);
    expect(fcm.requests).toEqual([]);
  });

  it('withNativePush reports the browsers’ and the apps’ attempts together', async () => {
    const { userId, tenantId } = await personWithApps(['android']);
    const web = {
      vapidPublicKey: async () => ({ publicKey: 'key', generated: true }),
      sendToUsers: async () => ({
        attempts: [{ subscriptionId: 'browser-1', outcome: 'sent' as const, status: 201 }],
      }),
    };
    const both = withNativePush(web, createNativePushService(deps(), QUICK));
    const report = await both.sendToUsers([userId], pushPayload(tenantId));
    expect(report.attempts.map((a) => [a.outcome, a.status])).toEqual([
      ['sent', 201],
      ['sent', 200],
    ]);
    expect(await both.vapidPublicKey()).toEqual({ publicKey: 'key', generated: true });
  });
});
