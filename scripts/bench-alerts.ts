/**
 * The alerts figure of `npm run bench`: the time from a synced change that turns an account red to the Web Push
 * request for its alert leaving the server, over the sample ACME tenant in the embedded database. Each round the
 * CSM's account gets a new month of all-green values, then a month of all-red ones (a new occasion each time,
 * so de-duplication never hides one); the red push is timed from the device sending it to the local push
 * service receiving the encrypted message. Baseline: the same push's own round trip (the synced change itself).
 *
 * `npx tsx scripts/bench-alerts.ts` runs only this part.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DEFAULT_KPIS,
  SAMPLE_LATEST_MONTH,
  SYNC_PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  addMonths,
  formatHlc,
  measurementId,
  setKpiCell,
  type MeasurementDoc,
  type Month,
} from '@vitals/shared';
import { createApp } from '../sync-server/src/app';
import { loadConfig } from '../sync-server/src/config';
import { openEmbeddedDatabase } from '../sync-server/src/db/connect';
import { migrate } from '../sync-server/src/db/migrate';
import { createLogger } from '../sync-server/src/logger';
import { createOutbound } from '../sync-server/src/outbound/create';
import { createInProcessFeed } from '../sync-server/src/sync/in-process-feed';
import { startPushReceiver } from '../sync-server/src/testing/push-receiver';
import { seedSampleInto } from '../sync-server/src/testing/sample-tenant';
import { createTestTenant } from '../sync-server/src/testing/tenants';
import { redValue } from '../sync-server/src/testing/turn-red';
import type { Measurement } from './bench-browser/measurement';

const ORIGIN = 'http://localhost:8787';
const ROUNDS = 30;
/** DESIGN.md promises a change on another device within 1 s; an alert about it should be no slower. */
const BUDGET_MS = 1_000;

/** A month document of one account with every scored KPI at its green bound, or on the red side. */
function monthDocument(accountId: string, month: Month, red: boolean, userId: string, wallMs: number): MeasurementDoc {
  let doc: MeasurementDoc = { id: measurementId(accountId, month), accountId, month, values: {}, history: [], clocks: {}, _deleted: false };
  const hlc = formatHlc({ nodeId: 'benchDevice', wallMs, counter: 0 });
  for (const kpi of DEFAULT_KPIS.filter((k) => k.direction !== null)) {
    doc = setKpiCell(doc, kpi.id, { value: red ? redValue(kpi) : kpi.green, source: { kind: 'manual', userId }, hlc, by: userId });
  }
  return doc;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function alertBenches(): Promise<Measurement[]> {
  const dir = await mkdtemp(join(tmpdir(), 'vitals-bench-alerts-'));
  const db = await openEmbeddedDatabase(dir);
  const receiver = await startPushReceiver();
  try {
    await migrate(db.sql);
    const log = createLogger('silent');
    const config = loadConfig({ NODE_ENV: 'production', PUBLIC_ORIGIN: ORIGIN, LOG_LEVEL: 'silent', DEMO_DATA: 'false', OUTBOUND_ALLOW_PRIVATE: 'true' });
    const base = { db, config, log, now: () => new Date(), feed: createInProcessFeed(log) };
    const outbound = createOutbound(base);
    const app = createApp({ ...base, outbound });
    const tenant = await createTestTenant(db, { name: 'Bench alerts', roles: { owner: 'owner', manager: 'manager', csm: 'csm' }, now: new Date() });
    const { sample } = await seedSampleInto(db, tenant, 'acme', new Date());
    const csmId = sample.users.find((u) => u.role === 'csm' && u.login)!.id;
    const account = sample.accounts.find((a) => a.ownerId === csmId)!;

    const headers = (cookie: string) => ({ cookie, origin: ORIGIN, 'content-type': 'application/json', [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) });
    const subscribed = await app.request('/api/push/subscriptions', {
      method: 'POST',
      headers: headers(tenant.users.csm.cookie),
      body: JSON.stringify({ subscription: receiver.newSubscription().subscription }),
    });
    if (subscribed.status !== 201) throw new Error(`bench subscription failed: ${subscribed.status}`);

    const push = async (doc: MeasurementDoc): Promise<number> => {
      const started = Date.now();
      const res = await app.request(`/api/tenants/${tenant.id}/sync/measurements/push`, {
        method: 'POST',
        headers: headers(tenant.users.manager.cookie),
        body: JSON.stringify([{ newDocumentState: doc }]),
      });
      if (res.status !== 200 || ((await res.json()) as unknown[]).length > 0) throw new Error(`bench push failed: ${res.status}`);
      return started;
    };

    const latencies: number[] = [];
    const roundTrips: number[] = [];
    let month = SAMPLE_LATEST_MONTH;
    for (let round = 0; round < ROUNDS; round += 1) {
      month = addMonths(month, 1);
      await push(monthDocument(account.id, month, false, tenant.users.manager.id, Date.now()));
      await outbound.alerts.idle();
      month = addMonths(month, 1);
      const seen = receiver.received().length;
      const started = await push(monthDocument(account.id, month, true, tenant.users.manager.id, Date.now()));
      roundTrips.push(Date.now() - started);
      const arrived = await receiver.waitFor(seen + 1, 10_000);
      latencies.push(arrived[seen]!.receivedAt - started);
      await outbound.alerts.idle();
    }
    await outbound.stop();
    latencies.sort((a, b) => a - b);
    roundTrips.sort((a, b) => a - b);
    const name = (p: number) =>
      `time from a synced change that turns an account red to its Web Push request leaving the server, p${p} of ${ROUNDS} (embedded database, sample ACME tenant)`;
    return [50, 95].map((p) => ({
      name: name(p),
      value: percentile(latencies, p),
      unit: 'ms' as const,
      budget: BUDGET_MS,
      baseline: Math.max(1, percentile(roundTrips, p)),
      baselineName: `p${p} round trip of the same push request (the synced change itself)`,
    }));
  } finally {
    await receiver.close();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const m of await alertBenches()) process.stdout.write(`${m.name}\n  ${m.value} ms (baseline ${m.baseline} ms — ${m.baselineName})\n`);
}
