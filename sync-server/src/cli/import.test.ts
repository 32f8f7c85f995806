import { runVitals } from '../testing/run-cli';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { formatHlc, markDeleted, type AccountDoc, type MeasurementDoc, type VersionDoc } from '@vitals/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connect';
import { ImportError } from '../imports/errors';
import { importTable } from '../imports/commit-import';
import type { FeedEvent } from '../sync/change-feed';
import { createPostgresFeed } from '../sync/postgres-feed';
import { testApp } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { openSecondConnection } from '../testing/second-connection';
import { recordingLogger } from '../testing/silent-logger';
import { feedPosition, syncClient, type Doc, type SyncClient } from '../testing/sync-client';
import { createTestTenant, type TestTenant } from '../testing/tenants';
import { prepareImportFile, runImport, type ImportResult } from './commands/import';
import { CliError } from './errors';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`../../../shared/src/import/fixtures/${name}`, import.meta.url));
const cliFixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

type Roles = 'owner' | 'manager' | 'csm' | 'viewer';
const ROLES = { owner: 'owner', manager: 'manager', csm: 'csm', viewer: 'viewer' } as const;

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'vitals-import-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** long.csv with one value changed: Northwind Traders' NPS in May, 41 → 45. */
async function changedCsv(): Promise<string> {
  const text = await readFile(fixture('long.csv'), 'utf8');
  const changed = text.replace('Northwind Traders,nps,2025-05,41', 'Northwind Traders,nps,2025-05,45');
  expect(changed).not.toBe(text);
  const path = join(scratch, 'kpis-june.csv');
  await writeFile(path, changed);
  return path;
}

const byName = (docs: readonly Doc[]): Map<string, Doc> => new Map(docs.map((d) => [String(d.name), d]));

describe.each(databaseKinds())('vitals import on %s PostgreSQL', (kind) => {
  let db: Database;
  let harness: ReturnType<typeof testApp>;
  let count = 0;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    harness = testApp(db);
  });
  afterAll(() => db.close());

  interface Fresh {
    readonly tenant: TestTenant<Roles>;
    readonly slug: string;
    readonly as: (role: Roles) => SyncClient;
    readonly events: FeedEvent[];
  }

  async function freshTenant(): Promise<Fresh> {
    const tenant = await createTestTenant(db, { name: `Import ${++count}`, roles: ROLES, now: harness.clock.now() });
    const [row] = await db.sql<{ slug: string }[]>`select slug from tenants where id = ${tenant.id}`;
    const events: FeedEvent[] = [];
    harness.deps.feed.subscribe(tenant.id, (event) => events.push(event));
    return { tenant, slug: row!.slug, as: (role) => syncClient(harness.app, tenant.id, tenant.users[role].cookie), events };
  }

  async function importFile(
    path: string,
    options: { tenant: string; as?: string; dryRun?: boolean; excludeErrors?: boolean },
  ): Promise<ImportResult> {
    const prepared = await prepareImportFile({ file: path, excludeErrors: options.excludeErrors ?? false });
    return runImport(harness.deps, { tenant: options.tenant, as: options.as, dryRun: options.dryRun ?? false }, prepared);
  }

  /** Everything an import could have written: documents and their newest seq, and the audit trail. */
  async function footprint(tenantId: string): Promise<{ documents: number; seq: number; audit: number }> {
    const [docs] = await db.sql<{ n: number; seq: string | null }[]>`
      select count(*)::int as n, max(seq)::text as seq from sync_documents where tenant_id = ${tenantId}`;
    const [audit] = await db.sql<{ n: number }[]>`select count(*)::int as n from audit_log where tenant_id = ${tenantId}`;
    return { documents: docs!.n, seq: Number(docs!.seq ?? 0), audit: audit!.n };
  }

  it('imports a workbook that a device then pulls: accounts, every value, and the version as receipt', async () => {
    const { tenant, slug, as, events } = await freshTenant();
    const result = await importFile(fixture('with-accounts-sheet.xlsx'), { tenant: slug });
    const owner = tenant.users.owner;
    expect(result.report).toMatchObject({
      tenant: slug,
      as: owner.email,
      dryRun: false,
      file: { name: 'with-accounts-sheet.xlsx', kind: 'xlsx', layout: 'long' },
      preview: { accounts: 4, newAccounts: 4, values: 60, changed: 60, unchanged: 0 },
      written: { accounts: 4, measurements: 12, versions: 1 },
    });

    const device = as('csm');
    const accounts = (await device.pullAll('accounts')).documents;
    const measurements = await device.pullAll('measurements');
    const versions = (await device.pullAll('versions')).documents as unknown as VersionDoc[];
    const northwind = byName(accounts).get('Northwind Traders') as unknown as AccountDoc;
    // The accounts sheet's attributes came along (its CSM names no member here, so there is no owner).
    expect(northwind).toMatchObject({ segment: 'Enterprise', renewalDate: '2025-11-30', ownerId: null, _deleted: false });
    expect(versions).toHaveLength(1);
    const version = versions[0]!;
    expect(version).toMatchObject({
      id: result.report.version,
      fileName: 'with-accounts-sheet.xlsx',
      fileHash: createHash('sha256').update(await readFile(fixture('with-accounts-sheet.xlsx'))).digest('hex'),
      createdBy: owner.id,
      counts: { accounts: 4, newAccounts: 4, values: 60, changed: 60, unchanged: 0 },
    });
    const may = measurements.documents.find((m) => m.id === `${northwind.id}:2025-05`) as unknown as MeasurementDoc;
    // ARR is stored in cents; every value names the version it came from and who imported it.
    expect(may.values.arr).toMatchObject({ value: 135_000_000, source: { kind: 'upload', versionId: version.id }, by: owner.id });
    expect(may.values.nps?.value).toBe(41);
    expect(measurements.documents).toHaveLength(12);

    // Open sync streams were told, once per collection, with the checkpoint a device ends its pull at.
    const changes = events.flatMap((e) => (e.type === 'change' ? [e.change] : []));
    expect(changes.map((c) => c.collection)).toEqual(['accounts', 'measurements', 'versions']);
    expect(changes[1]!.checkpoint).toEqual(feedPosition(measurements.checkpoint));
    // The audit trail has a creation per document, by the importer.
    const audit = await db.sql<{ action: string; collection: string; user_id: string }[]>`
      select action, collection, user_id from audit_log where tenant_id = ${tenant.id}`;
    expect(audit).toHaveLength(4 + 12 + 1);
    expect(new Set(audit.map((a) => `${a.action} ${a.user_id}`))).toEqual(new Set([`create ${owner.id}`]));
  });

  it('imports a changed file as a new version that a device gets from its checkpoint, the old value kept in history', async () => {
    const { tenant, slug, as, events } = await freshTenant();
    await importFile(fixture('long.xlsx'), { tenant: slug });
    const device = as('owner');
    const before = await device.pullAll('measurements');
    const versionsBefore = await device.pullAll('versions');
    events.length = 0;

    const second = await importFile(await changedCsv(), { tenant: slug });
    expect(second.report.preview).toMatchObject({ newAccounts: 0, values: 60, changed: 1, unchanged: 59 });
    expect(second.changes).toEqual([expect.objectContaining({ account: 'Northwind Traders', kpi: 'nps', month: '2025-05', before: 41, after: 45 })]);
    const next = await device.pullAll('measurements', { checkpoint: before.checkpoint });
    expect(next.documents).toHaveLength(1);
    const may = next.documents[0] as unknown as MeasurementDoc;
    expect(may.values.nps).toMatchObject({ value: 45, source: { kind: 'upload', versionId: second.report.version } });
    expect(may.history).toEqual([expect.objectContaining({ kpi: 'nps', value: 41 })]);
    // Only what changed: the other KPIs of that month keep their first import's source.
    expect(may.values.csat?.source).not.toEqual(may.values.nps?.source);
    const newVersions = (await device.pullAll('versions', { checkpoint: versionsBefore.checkpoint })).documents;
    expect(newVersions.map((v) => v.id)).toEqual([second.report.version]);
    expect(newVersions[0]).toMatchObject({ counts: { accounts: 4, newAccounts: 0, values: 60, changed: 1, unchanged: 59 } });
    expect(events.map((e) => (e.type === 'change' ? e.change.collection : e.type))).toEqual(['measurements', 'versions']);
    const [row] = await db.sql<{ action: string }[]>`
      select action from audit_log where tenant_id = ${tenant.id} and collection = 'measurements' order by id desc limit 1`;
    expect(row!.action).toBe('update');
  });

  it('changes nothing when the same data is imported again, in the same file or another layout', async () => {
    const { tenant, slug, events } = await freshTenant();
    const first = await importFile(fixture('long.csv'), { tenant: slug });
    expect(first.report.version).not.toBeNull();
    const after = await footprint(tenant.id);
    events.length = 0;
    for (const name of ['long.csv', 'wide.xlsx', 'sheet-per-month.xlsx', 'legacy.xls']) {
      const again = await importFile(fixture(name), { tenant: slug });
      expect(again.report).toMatchObject({
        version: null,
        written: { accounts: 0, measurements: 0, versions: 0 },
        preview: { newAccounts: 0, changed: 0, unchanged: 60 },
      });
    }
    expect(await footprint(tenant.id)).toEqual(after);
    expect(events).toEqual([]);
  });

  it('previews without writing on --dry-run', async () => {
    const { tenant, slug, events } = await freshTenant();
    const before = await footprint(tenant.id);
    const result = await importFile(fixture('wide.xlsx'), { tenant: slug, dryRun: true });
    expect(result.report).toMatchObject({ dryRun: true, version: null, preview: { newAccounts: 4, changed: 60 } });
    expect(await footprint(tenant.id)).toEqual(before);
    expect(events).toEqual([]);
  });

  it('refuses an unknown tenant, naming the ones there are, and writes nothing', async () => {
    const { tenant } = await freshTenant();
    const before = await footprint(tenant.id);
    const error = await importFile(fixture('long.csv'), { tenant: 'no-such-tenant' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toMatch(/^No tenant has the slug "no-such-tenant"\. Tenants here: /);
    expect((error as CliError).exitCode).toBe(1);
    expect(await footprint(tenant.id)).toEqual(before);
  });

  it('refuses a file with errors, listing them, before opening the tenant; --exclude-errors imports the other rows', async () => {
    const { tenant, slug } = await freshTenant();
    const error = await importFile(cliFixture('bad-values.csv'), { tenant: slug }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message.split('\n')).toEqual([
      'The file has 3 errors; nothing was imported:',
      'error: bad-values.csv, line 3, column D: "ninety" is not a number.',
      'error: bad-values.csv, line 4, column B: "nsp" is not a KPI in the catalog. Did you mean "nps" (Net Promoter Score)?',
      'error: bad-values.csv, line 5, column D: 140 is outside the plausible range of Customer satisfaction (0…100).',
      'Fix the file, or run again with --exclude-errors to leave the rows with errors out (see them all with `vitals check`).',
    ]);
    expect(await footprint(tenant.id)).toEqual({ documents: 0, seq: 0, audit: 0 });

    const result = await importFile(cliFixture('bad-values.csv'), { tenant: slug, excludeErrors: true });
    expect(result.report.excludedRows).toEqual([3, 4, 5].map((row) => ({ sheet: 'bad-values.csv', row })));
    expect(result.report.preview).toMatchObject({ accounts: 1, values: 1, changed: 1 });
    expect((await footprint(tenant.id)).documents).toBe(3);
  });

  it('refuses a table with errors at the writer too, writing nothing', async () => {
    const { tenant } = await freshTenant();
    const prepared = await prepareImportFile({ file: fixture('long.csv'), excludeErrors: false });
    const table = { ...prepared.table, issues: [{ severity: 'error' as const, code: 'not-a-number' as const, sheet: 'x', row: 2, column: 'D', message: 'bad' }] };
    const input = { tenantId: tenant.id, userId: tenant.users.owner.id, role: 'owner' as const, table, fileName: 'x.csv', fileHash: prepared.sha256 };
    await expect(importTable(harness.deps, input)).rejects.toBeInstanceOf(ImportError);
    expect(await footprint(tenant.id)).toEqual({ documents: 0, seq: 0, audit: 0 });
  });

  it('imports as the member --as names, and refuses a viewer, a CSM and a stranger', async () => {
    const { tenant, slug } = await freshTenant();
    for (const role of ['viewer', 'csm'] as const) {
      await expect(importFile(fixture('long.csv'), { tenant: slug, as: tenant.users[role].email })).rejects.toThrow(
        `${tenant.users[role].email} is a ${role} of Import ${count}; importing takes an owner, admin or CS manager.`,
      );
    }
    await expect(importFile(fixture('long.csv'), { tenant: slug, as: 'stranger@example.test' })).rejects.toThrow(
      `stranger@example.test is not a member of Import ${count} (${slug}).`,
    );
    expect(await footprint(tenant.id)).toEqual({ documents: 0, seq: 0, audit: 0 });
    const manager = tenant.users.manager;
    const result = await importFile(fixture('long.csv'), { tenant: slug, as: manager.email.toUpperCase() });
    expect(result.report.as).toBe(manager.email);
    const version = (await syncClient(harness.app, tenant.id, manager.cookie).pullAll('versions')).documents[0];
    expect(version).toMatchObject({ createdBy: manager.id });
  });

  it('wins over a stored value stamped ahead of the server clock, so the import is never silently lost', async () => {
    const { tenant, slug, as } = await freshTenant();
    await importFile(fixture('long.csv'), { tenant: slug });
    const device = as('owner');
    const may = (await device.pullAll('measurements')).documents.find((m) => String(m.id).endsWith(':2025-05') && m.values) as unknown as MeasurementDoc;
    // A device whose clock runs two minutes fast (within the drift the server accepts) edits NPS.
    const fast = formatHlc({ wallMs: harness.clock.now().getTime() + 120_000, counter: 0, nodeId: 'fastPhone' });
    const edited = { ...may, values: { ...may.values, nps: { value: 12, source: { kind: 'manual' as const, userId: tenant.users.owner.id }, hlc: fast } } };
    expect(await device.push('measurements', [{ assumedMasterState: may as unknown as Doc, newDocumentState: edited as unknown as Doc }])).toEqual([]);
    const again = await importFile(fixture('long.csv'), { tenant: slug });
    expect(again.report.preview.changed).toBe(1);
    const [row] = await db.sql<{ data: MeasurementDoc }[]>`
      select data from sync_documents where tenant_id = ${tenant.id} and collection = 'measurements' and id = ${may.id}`;
    expect(row!.data.values.nps).toMatchObject({ source: { kind: 'upload', versionId: again.report.version } });
    expect(row!.data.values.nps!.hlc > fast).toBe(true);
  });

  it('writes into a month document a device deleted, bringing back only the imported values', async () => {
    const { tenant, slug, as } = await freshTenant();
    await importFile(fixture('long.csv'), { tenant: slug });
    const device = as('owner');
    const may = (await device.pullAll('measurements')).documents.find((m) => String(m.id).endsWith(':2025-05')) as unknown as MeasurementDoc;
    const tombstone = markDeleted(may, formatHlc({ wallMs: harness.clock.now().getTime(), counter: 1, nodeId: 'devA' }));
    expect(await device.push('measurements', [{ assumedMasterState: may as unknown as Doc, newDocumentState: tombstone as unknown as Doc }])).toEqual([]);
    const again = await importFile(fixture('long.csv'), { tenant: slug });
    expect(again.report.preview.changed).toBe(5);
    const [row] = await db.sql<{ deleted: boolean }[]>`
      select deleted from sync_documents where tenant_id = ${tenant.id} and collection = 'measurements' and id = ${may.id}`;
    expect(row!.deleted).toBe(false);
  });
});

describe('vitals import (the real command, embedded database)', () => {
  let dir: string;
  const vitals = (...args: string[]) => runVitals(args, { dataDir: dir });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vitals-cli-import-'));
    const created = await vitals('tenant', 'create', '--slug', 'globex', '--name', 'Globex', '--owner-email', 'hank@globex.example', '--owner-password', 'a-long-password');
    expect(created.code).toBe(0);
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('previews, imports, then finds nothing left to import', async () => {
    const dry = await vitals('import', fixture('sheet-per-month.xlsx'), '--tenant', 'globex', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Dry run: import of sheet-per-month\.xlsx \(xlsx, sheet-per-month layout\) into Globex \(globex\) as hank@globex\.example/);
    expect(dry.stdout).toMatch(/accounts\s+4 \(4 new\)\n\s+values\s+60: 60 new or changed, 0 unchanged/);
    expect(dry.stdout).toMatch(/Dry run: nothing was written\.\n$/);

    const imported = await vitals('import', fixture('sheet-per-month.xlsx'), '--tenant', 'globex', '--json');
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.stdout) as { version: string; written: object; preview: object };
    expect(report.version).toMatch(/^[0-9a-f-]{36}$/);
    expect(report.written).toEqual({ accounts: 4, measurements: 12, versions: 1 });

    const again = await vitals('import', fixture('long.csv'), '--tenant', 'globex');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to import: the tenant holds every value of this file already. No version was written.');
  }, 60_000);

  it.each([
    [['import', 'x.csv'], 2, /^Usage: vitals import <file> --tenant <slug>/],
    [['import', '--tenant', 'globex'], 2, /^Usage: vitals import/],
    [['import', 'x.csv', '--tenant', 'globex', '--force'], 2, /Unknown option '--force'/],
    [['import', 'nope.csv', '--tenant', 'globex'], 1, /^Cannot read nope\.csv: no such file\.$/m],
    [['import', fixture('bomb.xlsx'), '--tenant', 'globex'], 1, /refused without unpacking it/],
    [['import', cliFixture('bad-values.csv'), '--tenant', 'globex'], 1, /^The file has 3 errors; nothing was imported:/],
    [['import', fixture('long.csv'), '--tenant', 'initech'], 1, /^No tenant has the slug "initech"\. Tenants here: globex\.$/m],
  ])('exits %j with a clear message', async (args, code, message) => {
    const result = await vitals(...args);
    expect(result).toMatchObject({ code, stdout: '' });
    expect(result.stderr).toMatch(message);
  }, 60_000);
});

describe.skipIf(!databaseKinds().includes('postgres'))('vitals import (the real command) against a running server on PostgreSQL', () => {
  it('reaches the open sync streams of every server instance through NOTIFY', async () => {
    const db = await openTestDatabase('postgres');
    const server = await openSecondConnection(db);
    const feed = await createPostgresFeed(server.sql, recordingLogger());
    try {
      const harness = testApp(server, { feed });
      const tenant = await createTestTenant(db, { name: 'Listening', roles: { owner: 'owner' }, now: harness.clock.now() });
      const [row] = await db.sql<{ slug: string }[]>`select slug from tenants where id = ${tenant.id}`;
      const events: FeedEvent[] = [];
      feed.subscribe(tenant.id, (event) => events.push(event));
      const { host, port, database, user, pass } = db.sql.options;
      const url = `postgres://${encodeURIComponent(user)}${pass ? `:${encodeURIComponent(String(pass))}` : ''}@${host[0]}:${port[0]}/${database}`;
      const { stdout } = await exec(process.execPath, ['sync-server/bin/vitals.js', 'import', fixture('long.xlsx'), '--tenant', row!.slug, '--json'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
      });
      const report = JSON.parse(stdout) as { written: { measurements: number } };
      expect(report.written.measurements).toBe(12);
      await expect.poll(() => events.length, { timeout: 5_000 }).toBe(3);
      const pulled = await syncClient(harness.app, tenant.id, tenant.users.owner.cookie).pullAll('measurements');
      expect(events[1]).toEqual({ type: 'change', change: { tenantId: tenant.id, collection: 'measurements', checkpoint: feedPosition(pulled.checkpoint) } });
    } finally {
      await feed.close();
      await server.close();
      await db.close();
    }
  }, 60_000);
});
