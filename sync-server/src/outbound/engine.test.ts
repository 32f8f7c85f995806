/**
 * The alert engine over a real database, with the sample ACME tenant: pushed changes raise alerts once, the
 * owner's devices get a Web Push (decrypted by a local push service), webhooks hear of it, nobody acknowledging
 * escalates it to the owner's manager, and muted rules and quiet hours keep the phone quiet (not the inbox).
 */
import {
  DEFAULT_KPIS,
  SAMPLE_LATEST_MONTH,
  acknowledgeAlert,
  changeRun,
  parsePushPayload,
  setKpiCell,
  type AlertDoc,
  type KpiId,
  type MeasurementDoc,
  type PlaybookRunDoc,
  type SampleTenant,
} from '@vitals/shared';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../context';
import type { Database } from '../db/connect';
import { importStamp } from '../imports/import-clock';
import { TEST_ORIGIN, testApp, testClock, testConfig, type TestClock } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { startPushReceiver, type PushReceiver } from '../testing/push-receiver';
import { startWebhookReceiver } from '../testing/webhook-receiver';
import { seedSampleInto } from '../testing/sample-tenant';
import { syncClient, type Doc, type SyncClient } from '../testing/sync-client';
import { createTestTenant, type TestTenant } from '../testing/tenants';
import { accountsToTurnRed, redValue } from '../testing/turn-red';

type Roles = 'owner' | 'manager' | 'csm';

const turnableAccounts = (sample: SampleTenant) => accountsToTurnRed(sample, sample.users.find((u) => u.role === 'csm' && u.login)!.email);
const redValueOf = (kpiId: KpiId): number => redValue(DEFAULT_KPIS.find((k) => k.id === kpiId)!);

describe.each(databaseKinds())('the alert engine (%s)', (kind) => {
  let db: Database;
  let clock: TestClock;
  let deps: AppDeps;
  let tenant: TestTenant<Roles>;
  let sample: SampleTenant;
  let receiver: PushReceiver;
  let manager: SyncClient;
  let csm: SyncClient;
  let request: (path: string, init: { method?: string; body?: unknown; cookie: string }) => Promise<Response>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    receiver = await startPushReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await db?.close();
  });

  beforeEach(async () => {
    // Now, not a fixed date: webhook receivers refuse signatures more than five minutes off their own clock.
    clock = testClock(new Date());
    const built = testApp(db, {
      clock,
      config: testConfig({ OUTBOUND_ALLOW_PRIVATE: 'true' }),
      outbound: { push: { retryDelaysMs: [10] }, webhooks: { retryDelaysMs: [10], pollIntervalMs: 10 } },
    });
    deps = built.deps;
    tenant = await createTestTenant(db, { name: 'Alerts', roles: { owner: 'owner', manager: 'manager', csm: 'csm' }, now: clock.now() });
    ({ sample } = await seedSampleInto(db, tenant, 'acme', clock.now()));
    manager = syncClient(built.app, tenant.id, tenant.users.manager.cookie);
    csm = syncClient(built.app, tenant.id, tenant.users.csm.cookie);
    request = (path, init) =>
      Promise.resolve(
        built.app.request(path, {
          method: init.method ?? 'GET',
          headers: { cookie: init.cookie, origin: TEST_ORIGIN, 'content-type': 'application/json' },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        }),
      );
    receiver.reset();
  });
  afterEach(async () => {
    await deps.outbound.alerts.idle();
  });

  async function subscribe(cookie: string): Promise<void> {
    const { subscription } = receiver.newSubscription();
    const response = await request('/api/push/subscriptions', { method: 'POST', body: { subscription }, cookie });
    expect(response.status).toBe(201);
  }

  async function measurement(accountId: string): Promise<MeasurementDoc> {
    const { documents } = await manager.pullAll('measurements', { limit: 500 });
    return documents.find((d) => d.accountId === accountId && d.month === SAMPLE_LATEST_MONTH) as unknown as MeasurementDoc;
  }

  /** The manager's device writes these KPI values into the account's latest month. */
  async function edit(accountId: string, edits: readonly [KpiId, number][]): Promise<void> {
    const before = await measurement(accountId);
    const stamp = importStamp([before], clock.now(), 'devManager');
    let after = before;
    for (const [kpi, value] of edits) {
      after = setKpiCell(after, kpi, { value, source: { kind: 'manual', userId: tenant.users.manager.id }, hlc: stamp, by: tenant.users.manager.id });
    }
    const conflicts = await manager.push('measurements', [
      { assumedMasterState: before as unknown as Doc, newDocumentState: after as unknown as Doc },
    ]);
    expect(conflicts).toEqual([]);
    await deps.outbound.alerts.idle();
  }

  async function alerts(): Promise<AlertDoc[]> {
    return (await csm.pullAll('alerts')).documents as unknown as AlertDoc[];
  }

  it('raises one alert when an account turns red, pushes it to the owner, and never raises it twice', async () => {
    const [target] = turnableAccounts(sample);
    expect(target).toBeDefined();
    await subscribe(tenant.users.csm.cookie);
    const before = (await alerts()).length;

    await edit(target!.id, target!.edits);
    const raised = (await alerts()).filter((a) => a.kind === 'status-red' && a.accountId === target!.id);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ severity: 'critical', acknowledgedBy: null, escalatedAt: null });
    expect(raised[0]!.title).toContain(`${target!.name} turned red`);

    // The same change raised other alerts too (score drop, NPS, playbooks): each is its own push.
    const pushes = () => receiver.received().map((r) => parsePushPayload(r.payload));
    await expect.poll(() => pushes().filter((p) => p?.alertId === raised[0]!.id).length).toBe(1);
    expect(pushes().find((p) => p?.alertId === raised[0]!.id)).toMatchObject({
      type: 'alert',
      tenantId: tenant.id,
      alertId: raised[0]!.id,
      accountId: target!.id,
      url: `/accounts/${target!.id}`,
    });

    // The same change again (another value, still red): nothing new.
    await edit(target!.id, [[target!.edits[0]![0], redValueOf(target!.edits[0]![0]) === 0 ? 1 : redValueOf(target!.edits[0]![0]) - 1]]);
    expect((await alerts()).filter((a) => a.kind === 'status-red' && a.accountId === target!.id)).toHaveLength(1);
    expect((await alerts()).length).toBeGreaterThan(before);
    expect(receiver.received().filter((r) => parsePushPayload(r.payload)?.accountId === target!.id && r.payload.includes('turned red'))).toHaveLength(1);
  });

  it('escalates an alert nobody acknowledged to the owner’s manager, and leaves an acknowledged one alone', async () => {
    const [first, second] = turnableAccounts(sample);
    expect(second).toBeDefined();
    await subscribe(tenant.users.manager.cookie);
    await edit(first!.id, first!.edits);
    await edit(second!.id, second!.edits);
    const red = (id: string) => alerts().then((all) => all.find((a) => a.kind === 'status-red' && a.accountId === id)!);

    // The CSM acknowledges the second on their device.
    const open = await red(second!.id);
    const acknowledged = acknowledgeAlert(open, {
      userId: tenant.users.csm.id,
      acknowledgedAt: clock.now().toISOString(),
      stamp: importStamp([open], clock.now(), 'devCsm'),
    });
    expect(await csm.push('alerts', [{ assumedMasterState: open as unknown as Doc, newDocumentState: acknowledged as unknown as Doc }])).toEqual([]);
    receiver.reset();

    // Not yet: the default escalation time is four hours.
    clock.advance(3 * 60 * 60 * 1000);
    await deps.outbound.alerts.sweep();
    expect((await red(first!.id)).escalatedAt).toBeNull();

    clock.advance(61 * 60 * 1000);
    await deps.outbound.alerts.sweep();
    expect((await red(first!.id)).escalatedAt).toBe(clock.now().toISOString());
    expect((await red(second!.id)).escalatedAt).toBeNull();
    const escalated = await red(first!.id);
    const pushes = () => receiver.received().map((r) => parsePushPayload(r.payload)!);
    await expect.poll(() => pushes().filter((p) => p.alertId === escalated.id).length).toBe(1);
    expect(pushes().find((p) => p.alertId === escalated.id)!.title).toMatch(/^Escalated/);
    // Only alerts nobody acknowledged: the second account's acknowledged alert was not escalated.
    expect(pushes().some((p) => p.alertId === open.id)).toBe(false);
  });

  it('keeps the phone quiet for a muted rule and during quiet hours, while the inbox still gets the alert', async () => {
    const [first, second] = turnableAccounts(sample);
    await subscribe(tenant.users.csm.cookie);
    const prefs = (body: unknown) => request(`/api/tenants/${tenant.id}/push/prefs`, { method: 'PUT', body, cookie: tenant.users.csm.cookie });

    expect((await prefs({ mutedRules: ['status-red'], quietHours: null })).status).toBe(200);
    await edit(first!.id, first!.edits);
    expect((await alerts()).some((a) => a.kind === 'status-red' && a.accountId === first!.id)).toBe(true);

    // Quiet from an hour ago to an hour from now, in UTC.
    const hhmm = (offsetHours: number) => new Date(clock.now().getTime() + offsetHours * 3_600_000).toISOString().slice(11, 16);
    expect((await prefs({ mutedRules: [], quietHours: { start: hhmm(-1), end: hhmm(1), timeZone: 'UTC' } })).status).toBe(200);
    await edit(second!.id, second!.edits);
    expect((await alerts()).some((a) => a.kind === 'status-red' && a.accountId === second!.id)).toBe(true);

    expect(receiver.received().filter((r) => parsePushPayload(r.payload)?.type === 'alert' && r.payload.includes('turned red'))).toEqual([]);
  });

  it('sends signed webhook events for a raised alert, a completed playbook run and a committed import', async () => {
    const hooks = await startWebhookReceiver();
    try {
      const [target] = turnableAccounts(sample);
      const created = await request(`/api/tenants/${tenant.id}/webhooks`, {
        method: 'POST',
        body: { url: `${hooks.url}/vitals`, events: ['alert.raised', 'playbook_run.completed', 'import.committed'] },
        cookie: tenant.users.owner.cookie,
      });
      expect(created.status).toBe(201);
      const { secret } = (await created.json()) as { secret: string };

      await edit(target!.id, target!.edits);
      const active = (await manager.pullAll('playbook_runs')).documents.find((r) => r.state === 'active')! as unknown as PlaybookRunDoc;
      const outcome = { criterionMet: true, before: {}, after: {}, measuredAt: clock.now().toISOString() };
      const stamp = { hlc: importStamp([active], clock.now(), 'devManager'), at: clock.now().toISOString(), userId: tenant.users.manager.id };
      const completed = changeRun(active, { type: 'complete', outcome }, stamp);
      if (!completed.ok) throw new Error(completed.error.message);
      expect(await manager.push('playbook_runs', [{ assumedMasterState: active as unknown as Doc, newDocumentState: completed.run as unknown as Doc }])).toEqual([]);
      // An import committed on a device: its version document arrives with the values it wrote.
      const [sampleVersion] = (await manager.pullAll('versions')).documents;
      const version = { ...sampleVersion!, id: 'version-from-a-device', fileName: 'october.xlsx', createdAt: clock.now().toISOString() };
      delete version.seq;
      expect(await manager.push('versions', [{ newDocumentState: version }])).toEqual([]);
      await deps.outbound.alerts.idle();

      const events = hooks.requests.map((r) => {
        // Throws unless the Standard Webhooks signature over these exact bytes is valid.
        new Webhook(secret).verify(r.body, hooks.headersOf(r));
        return JSON.parse(r.body) as { type: string; data: Record<string, { id?: string; accountId?: string }> };
      });
      expect(events.find((e) => e.type === 'alert.raised' && e.data.account!.id === target!.id)).toBeDefined();
      expect(events.filter((e) => e.type === 'playbook_run.completed').map((e) => e.data.run!.id)).toEqual([active.id]);
      expect(events.filter((e) => e.type === 'import.committed').map((e) => e.data.version)).toEqual([
        expect.objectContaining({ id: 'version-from-a-device', fileName: 'october.xlsx' }),
      ]);
    } finally {
      await hooks.close();
    }
  });
});
