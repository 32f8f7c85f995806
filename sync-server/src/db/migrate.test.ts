import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './connect';
import { migrate } from './migrate';
import { withScope } from './tenant-scope';
import { databaseKinds, openTestDatabase } from '../testing/databases';

describe.each(databaseKinds())('the schema on %s PostgreSQL', (kind) => {
  let db: Database;
  const A = '00000000-0000-4000-8000-00000000000a';
  const B = '00000000-0000-4000-8000-00000000000b';

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await db.sql`insert into tenants (id, slug, name) values (${A}, 'tenant-a', 'A'), (${B}, 'tenant-b', 'B')`;
    await db.sql`insert into sync_documents (tenant_id, collection, id, data, seq)
      values (${A}, 'accounts', 'acc-1', '{"name":"A1"}', nextval('sync_seq')), (${B}, 'accounts', 'acc-1', '{"name":"B1"}', nextval('sync_seq'))`;
  });
  afterAll(() => db.close());

  it('is idempotent: a second migrate applies nothing', async () => {
    expect(await migrate(db.sql)).toEqual([]);
  });

  it('confines the request role to its tenant even without a WHERE clause', async () => {
    const rows = await withScope(db.sql, { tenantId: A }, (tx) => tx`select tenant_id, data->>'name' as name from sync_documents`);
    expect(rows.map((r) => r.name)).toEqual(['A1']);
  });

  it('sees nothing with no tenant set', async () => {
    const rows = await withScope(db.sql, {}, (tx) => tx`select * from sync_documents`);
    expect(rows).toHaveLength(0);
  });

  it("refuses to write into another tenant's rows", async () => {
    await expect(
      withScope(db.sql, { tenantId: A }, (tx) => tx`insert into sync_documents (tenant_id, collection, id, data, seq) values (${B}, 'accounts', 'x', '{}', 1)`),
    ).rejects.toThrow(/row-level security/);
    const updated = await withScope(db.sql, { tenantId: A }, (tx) => tx`update sync_documents set data = '{}' where tenant_id = ${B}`);
    expect(updated.count).toBe(0);
  });

  it('hides other tenants from a hand-written query that names them', async () => {
    const rows = await withScope(db.sql, { tenantId: A }, (tx) => tx`select * from sync_documents where tenant_id = ${B}`);
    expect(rows).toHaveLength(0);
    const tenants = await withScope(db.sql, { tenantId: A }, (tx) => tx`select slug from tenants`);
    expect(tenants.map((t) => t.slug)).toEqual(['tenant-a']);
  });

  it('keeps the audit log append-only', async () => {
    await withScope(db.sql, { tenantId: A }, (tx) => tx`insert into audit_log (tenant_id, action) values (${A}, 'test')`);
    await expect(db.sql`update audit_log set action = 'changed'`).rejects.toThrow(/append-only/);
    await expect(db.sql`delete from audit_log`).rejects.toThrow(/append-only/);
  });
});
