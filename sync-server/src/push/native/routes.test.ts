/**
 * The mobile apps' push through the HTTP API and the alert engine: an app registers its FCM token
 * (`POST /api/push/native`), the test message and raised alerts reach it through the fake FCM next to the
 * browsers' Web Push, muted rules keep it quiet, and only its person can remove it.
 */
import {
  SAMPLE_LATEST_MONTH,
  setKpiCell,
  type KpiId,
  type MeasurementDoc,
  type SampleTenant,
} from '@vitals/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../context';
import type { Database } from '../../db/connect';
import { importStamp } from '../../imports/import-clock';
import { testApp, testClock, testConfig } from '../../testing/app';
import { caller } from '../../testing/caller';
import { databaseKinds, openTestDatabase } from '../../testing/databases';
import { startFakeFcm, type FakeFcm } from '../../testing/fake-fcm';
import { seedSampleInto } from '../../testing/sample-tenant';
import { syncClient, type Doc } from '../../testing/sync-client';
import { createTestTenant, type TestTenant } from '../../testing/tenants';
import { accountsToTurnRed } from '../../testing/turn-red';

let tokenCount = 0;
const newToken = (): string => `route-token-${++tokenCount}:APA91b${'y'.repeat(140)}`;

describe.each(databaseKinds())('native push routes on %s PostgreSQL', (kind) => {
  let db: Database;
  let fcm: FakeFcm;
  let call: ReturnType<typeof caller>;
  let a: TestTenant<'ana' | 'ben'>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    fcm = await startFakeFcm();
    const built = testApp(db, {
      config: testConfig({ FCM_SERVICE_ACCOUNT: fcm.serviceAccount(), FCM_API_URL: fcm.url }),
      outbound: { nativePush: { retryDelaysMs: [5] } },
    });
    call = caller(built.app);
    a = await createTestTenant(db, {
      name: 'Acme Native',
      roles: { ana: 'csm', ben: 'viewer' },
      now: built.clock.now(),
    });
  });
  afterAll(async () => {
    await fcm?.close();
    await db?.close();
  });
  beforeEach(() => fcm.reset());

  const register = (cookie: string, body: unknown) => call('POST', '/api/push/native', { cookie, body });
  const stored = (userId: string) =>
    db.sql<
      { token: string; platform: string }[]
    >`select token, platform from native_push_tokens where user_id = ${userId} order by created_at, id`;

  it.each([
    ['POST', '/api/push/native'],
    ['DELETE', '/api/push/native/some-token-that-is-long-enough'],
  ])('%s %s needs a signed-in user', async (method, path) => {
    const res = await call(method, path, method === 'POST' ? { body: {} } : {});
    expect(res).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
  });

  it('registers an app once per token, for whoever registered it last', async () => {
    const token = newToken();
    const first = await register(a.users.ana.cookie, { token, platform: 'android', tenantId: a.id });
    expect(first).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    expect((await register(a.users.ana.cookie, { token, platform: 'android' })).body.id).toBe(first.body.id);
    expect(await stored(a.users.ana.id)).toContainEqual({ token, platform: 'android' });

    await register(a.users.ben.cookie, { token, platform: 'android' });
    expect((await stored(a.users.ana.id)).map((t) => t.token)).not.toContain(token);
    expect((await stored(a.users.ben.id)).map((t) => t.token)).toContain(token);
  });

  it('lists a person’s apps beside their browsers, without the token, and never another person’s', async () => {
    const mine = newToken();
    const { body } = await register(a.users.ana.cookie, { token: mine, platform: 'ios' });
    await register(a.users.ben.cookie, { token: newToken(), platform: 'android' });
    const listed = await call('GET', '/api/push/subscriptions', { cookie: a.users.ana.cookie });
    expect(listed.status).toBe(200);
    const apps = listed.body.apps as { id: string; platform: string; createdAt: string; lastSuccessAt: string | null }[];
    expect(apps).toContainEqual({ id: body.id, platform: 'ios', createdAt: expect.any(String), lastSuccessAt: null });
    expect(apps.map((app) => app.id)).toEqual((await stored(a.users.ana.id)).map(() => expect.any(String)));
    expect(JSON.stringify(listed.body)).not.toContain(mine);
    expect(Array.isArray(listed.body.subscriptions)).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ['no token', { platform: 'ios' }, 'token'],
    ['a token too short to be FCM’s', { token: 'abc', platform: 'ios' }, 'token'],
    ['a token with a slash', { token: `${newToken()}/x`, platform: 'ios' }, 'token'],
    ['another platform', { token: newToken(), platform: 'windows' }, 'platform'],
  ])('refuses %s', async (_, body, path) => {
    const res = await register(a.users.ana.cookie, body);
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid-input' } } });
    expect(
      (res.body.error as { details: { issues: { path: string }[] } }).details.issues.map((i) => i.path),
    ).toContain(path);
  });

  it('removes only the caller’s own app; another person’s token is not found', async () => {
    const token = newToken();
    await register(a.users.ana.cookie, { token, platform: 'ios' });
    const path = `/api/push/native/${encodeURIComponent(token)}`;
    expect((await call('DELETE', path, { cookie: a.users.ben.cookie })).status).toBe(404);
    expect((await stored(a.users.ana.id)).map((t) => t.token)).toContain(token);
    expect((await call('DELETE', path, { cookie: a.users.ana.cookie })).status).toBe(204);
    expect((await stored(a.users.ana.id)).map((t) => t.token)).not.toContain(token);
    expect((await call('DELETE', path, { cookie: a.users.ana.cookie })).status).toBe(404);
  });

  it('sends the test notification to the person’s apps, counted with the browsers', async () => {
    const token = newToken();
    await register(a.users.ben.cookie, { token, platform: 'android' });
    const res = await call('POST', `/api/tenants/${a.id}/push/test`, { cookie: a.users.ben.cookie });
    expect(res.body).toMatchObject({ sent: expect.any(Number), gone: 0, failed: 0 });
    expect(fcm.messages.filter((m) => m.token === token)).toHaveLength(1);
    expect(fcm.messages.find((m) => m.token === token)).toMatchObject({
      notification: { title: 'Vitals notifications are on' },
      data: { type: 'test', tenantId: a.id, url: '/alerts' },
    });
  });

  it('counts and removes an app FCM no longer knows', async () => {
    const token = newToken();
    await register(a.users.ana.cookie, { token, platform: 'ios' });
    fcm.unregister(token);
    const res = await call('POST', `/api/tenants/${a.id}/push/test`, { cookie: a.users.ana.cookie });
    expect(res.body).toMatchObject({ gone: 1 });
    expect((await stored(a.users.ana.id)).map((t) => t.token)).not.toContain(token);
  });

  describe('alerts', () => {
    let engineDeps: AppDeps;
    let tenant: TestTenant<'owner' | 'manager' | 'csm'>;
    let sample: SampleTenant;
    let manager: ReturnType<typeof syncClient>;
    let request: ReturnType<typeof caller>;
    let clock: ReturnType<typeof testClock>;

    beforeEach(async () => {
      clock = testClock(new Date());
      const built = testApp(db, {
        clock,
        config: testConfig({ FCM_SERVICE_ACCOUNT: fcm.serviceAccount(), FCM_API_URL: fcm.url }),
        outbound: { nativePush: { retryDelaysMs: [5] } },
      });
      engineDeps = built.deps;
      request = caller(built.app);
      tenant = await createTestTenant(db, {
        name: 'Alerts Native',
        roles: { owner: 'owner', manager: 'manager', csm: 'csm' },
        now: clock.now(),
      });
      ({ sample } = await seedSampleInto(db, tenant, 'acme', clock.now()));
      manager = syncClient(built.app, tenant.id, tenant.users.manager.cookie);
    });
    afterEach(() => engineDeps.outbound.alerts.idle());

    /** The manager's device writes these KPI values into the account's latest month; the engine then runs. */
    async function edit(accountId: string, edits: readonly [KpiId, number][]): Promise<void> {
      const { documents } = await manager.pullAll('measurements', { limit: 500 });
      const before = documents.find(
        (d) => d.accountId === accountId && d.month === SAMPLE_LATEST_MONTH,
      ) as unknown as MeasurementDoc;
      const stamp = importStamp([before], clock.now(), 'devManager');
      let after = before;
      for (const [kpi, value] of edits)
        after = setKpiCell(after, kpi, {
          value,
          source: { kind: 'manual', userId: tenant.users.manager.id },
          hlc: stamp,
          by: tenant.users.manager.id,
        });
      const conflicts = await manager.push('measurements', [
        { assumedMasterState: before as unknown as Doc, newDocumentState: after as unknown as Doc },
      ]);
      expect(conflicts).toEqual([]);
      await engineDeps.outbound.alerts.idle();
    }

    const turnable = () =>
      accountsToTurnRed(sample, sample.users.find((u) => u.role === 'csm' && u.login)!.email);
    const redPushes = (token: string) =>
      fcm.messages.filter(
        (m) => m.token === token && (m.notification as { title: string }).title.includes('turned red'),
      );

    it('pushes a raised alert to the owner’s app, opening the account', async () => {
      const [target] = turnable();
      const token = newToken();
      expect(
        (
          await request('POST', '/api/push/native', {
            cookie: tenant.users.csm.cookie,
            body: { token, platform: 'android' },
          })
        ).status,
      ).toBe(201);
      await edit(target!.id, target!.edits);
      await expect.poll(() => redPushes(token).length).toBe(1);
      expect(redPushes(token)[0]).toMatchObject({
        data: {
          type: 'alert',
          tenantId: tenant.id,
          accountId: target!.id,
          url: `/accounts/${target!.id}`,
          severity: 'critical',
        },
        android: { priority: 'high' },
      });
    });

    it('keeps the app quiet for a muted rule, like the browsers', async () => {
      const [target] = turnable();
      const token = newToken();
      await request('POST', '/api/push/native', {
        cookie: tenant.users.csm.cookie,
        body: { token, platform: 'ios' },
      });
      const prefs = await request('PUT', `/api/tenants/${tenant.id}/push/prefs`, {
        cookie: tenant.users.csm.cookie,
        body: { mutedRules: ['status-red'], quietHours: null },
      });
      expect(prefs.status).toBe(200);
      await edit(target!.id, target!.edits);
      expect(redPushes(token)).toEqual([]);
    });
  });
});
