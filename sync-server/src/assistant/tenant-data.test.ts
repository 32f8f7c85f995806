import {
  assistantDataFromDocuments,
  markDeleted,
  type AccountSeries,
  type IsoDate,
  type SampleDocuments,
} from '@vitals/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connect';
import { testClock } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { seedSampleInto } from '../testing/sample-tenant';
import { writeAsServer } from '../testing/server-documents';
import { createTestTenant, type TestTenant } from '../testing/tenants';
import { loadAssistantData, todayOf } from './tenant-data';

type Roles = 'owner' | 'csm' | 'viewer';

/** Series as comparable plain data. */
const plain = (series: readonly AccountSeries[]) =>
  series.map((s) => [s.accountId, [...s.months]] as const).sort(([a], [b]) => (a < b ? -1 : 1));

describe.each(databaseKinds())('the assistant data of a tenant on %s PostgreSQL', (kind) => {
  let db: Database;
  let tenant: TestTenant<Roles>;
  let documents: SampleDocuments;
  const clock = testClock();
  const today = todayOf(clock.now());

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    tenant = await createTestTenant(db, {
      name: 'Test Company',
      roles: { owner: 'owner', csm: 'csm', viewer: 'viewer' },
      now: clock.now(),
    });
    documents = (await seedSampleInto(db, tenant, 'test-company', clock.now())).documents;
    const other = await createTestTenant(db, {
      name: 'ACME',
      roles: { owner: 'owner', csm: 'csm', manager: 'manager' },
      now: clock.now(),
    });
    await seedSampleInto(db, other, 'acme', clock.now());
  });
  afterAll(() => db.close());

  const load = () => loadAssistantData(db.sql, { tenantId: tenant.id, userId: tenant.users.csm.id, today });

  it('is what the device builds from the same documents (shared assistantDataFromDocuments)', async () => {
    const data = await load();
    const device = assistantDataFromDocuments({
      accounts: documents.accounts,
      measurements: documents.measurements,
      members: documents.members,
      runs: documents.playbook_runs,
      today,
    });
    expect(plain(data.series)).toEqual(plain(device.series));
    expect(data.accounts.map((a) => a.id).sort()).toEqual(device.accounts.map((a) => a.id).sort());
    expect(data.runs.map((r) => r.id).sort()).toEqual(device.runs.map((r) => r.id).sort());
    expect(
      data.runs
        .find((r) => r.playbookId === 'voc-sprint')
        ?.steps.some((s) => s.note === 'Interviewed 5 users and the sponsor.'),
    ).toBe(true);
    expect(data.today).toBe('2025-10-01' as IsoDate);
  });

  it("holds only the tenant's own documents", async () => {
    const data = await load();
    const names = new Set(documents.accounts.map((a) => a.name));
    expect(data.accounts.every((a) => names.has(a.name))).toBe(true);
    expect(data.accounts).toHaveLength(12);
  });

  it('names members from their member documents, and members without one by their account', async () => {
    const data = await load();
    const byId = new Map(data.members.map((m) => [m.id, m.name]));
    expect(byId.get(tenant.users.csm.id)).toBe('Sam Patel');
    expect(byId.get(tenant.users.viewer.id)).toBe(tenant.users.viewer.name);
  });

  it('leaves deleted accounts and cleared values out', async () => {
    const account = documents.accounts[0]!;
    const month = documents.measurements.find((m) => m.accountId === documents.accounts[1]!.id)!;
    const cleared = { ...month, values: { ...month.values, nps: { ...month.values.nps!, value: null } } };
    await writeAsServer(db, {
      tenantId: tenant.id,
      userId: tenant.users.owner.id,
      collection: 'accounts',
      documents: [markDeleted(account, month.values.nps!.hlc)],
      at: clock.now(),
    });
    await writeAsServer(db, {
      tenantId: tenant.id,
      userId: tenant.users.owner.id,
      collection: 'measurements',
      documents: [cleared],
      at: clock.now(),
    });
    const data = await load();
    expect(data.accounts.map((a) => a.id)).not.toContain(account.id);
    const values = data.series.find((s) => s.accountId === month.accountId)?.months.get(month.month);
    expect(values).toBeDefined();
    expect(values).not.toHaveProperty('nps');
    expect(Object.keys(values!).length).toBeGreaterThan(0);
  });
});
