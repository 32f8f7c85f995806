import { runVitals } from '../testing/run-cli';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';


// The database commands as an admin runs them, each a separate process on one embedded database.
describe('vitals database commands', () => {
  let dir: string;
  const vitals = (...args: string[]) => runVitals(args, { dataDir: dir });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vitals-cli-db-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('migrates a new database, then finds it up to date', async () => {
    expect((await vitals('migrate')).stdout).toMatch(/^Applied migrations 1, 2/);
    expect((await vitals('migrate')).stdout).toMatch(/is up to date/);
  }, 60_000);

  it('creates a tenant with its owner, and refuses a duplicate slug', async () => {
    const created = await vitals('tenant', 'create', '--slug', 'globex', '--name', 'Globex', '--owner-email', 'Hank@Globex.example', '--owner-password', 'a-long-password');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created tenant Globex \(globex, id [0-9a-f-]{36}\) owned by hank@globex.example \(new user\)/);
    const again = await vitals('tenant', 'create', '--slug', 'globex', '--name', 'Other', '--owner-email', 'x@y.example', '--owner-password', 'a-long-password');
    expect(again).toMatchObject({ code: 1 });
    expect(again.stderr).toContain('already exists');
    expect((await vitals('tenant', 'create', '--slug', 'Bad Slug', '--name', 'X', '--owner-email', 'x@y.example')).code).toBe(2);
  }, 60_000);

  it('seeds the sample tenants once', async () => {
    const seeded = await vitals('seed');
    expect(seeded.stdout).toMatch(/Seeded Test Company and ACME\. Sign in as owner@testcompany\.example/);
    expect(await vitals('seed')).toMatchObject({ code: 1, stderr: expect.stringContaining('already') });
  }, 60_000);

  it('backs up and restores, refusing to overwrite without --force', async () => {
    const file = join(dir, 'backup.json');
    const backup = await vitals('backup', '--out', file);
    expect(backup.stdout).toMatch(/Wrote .*backup\.json: \d+ tables, \d+ synced documents/);
    const dump = JSON.parse(await readFile(file, 'utf8')) as { tables: { tenants: { slug: string }[] } };
    expect(dump.tables.tenants.map((t) => t.slug).sort()).toEqual(['acme', 'globex', 'test-company']);

    await vitals('tenant', 'create', '--slug', 'initech', '--name', 'Initech', '--owner-email', 'hank@globex.example');
    expect(await vitals('restore', file)).toMatchObject({ code: 1, stderr: expect.stringContaining('--force') });
    const restored = await vitals('restore', file, '--force');
    expect(restored.stdout).toMatch(/Restored .*tenants 3/);
    expect(restored.stdout).toMatch(/new sync epoch/);
    // The tenant created after the backup is gone again; the slug is free.
    expect((await vitals('tenant', 'create', '--slug', 'initech', '--name', 'Initech', '--owner-email', 'hank@globex.example')).code).toBe(0);
  }, 120_000);
});
