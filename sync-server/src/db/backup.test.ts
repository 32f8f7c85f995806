import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { currentEpoch } from '../sync/epoch';
import { BACKUP_TABLES, NOT_BACKED_UP, createBackup, parseBackup, restoreBackup } from './backup';
import type { Database } from './connect';

const T = '00000000-0000-4000-8000-0000000000a1';
const NOW = new Date('2025-10-01T00:00:00Z');

async function snapshot(db: Database) {
  const { tables, syncSeq } = await createBackup(db.sql, NOW);
  return { tables, syncSeq };
}

describe.each(databaseKinds())('backup and restore on %s PostgreSQL', (kind) => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await db.sql`insert into tenants (id, slug, name) values (${T}, 'acme', 'ACME')`;
    await db.sql`insert into users (id, email, name, password_hash, totp_key) values
      ('00000000-0000-4000-8000-0000000000b1', 'owner@acme.example', 'Owner', 'scrypt$x', '\\x00ff10'::bytea)`;
    await db.sql`insert into memberships (tenant_id, user_id, role) values (${T}, '00000000-0000-4000-8000-0000000000b1', 'owner')`;
    for (let i = 0; i < 3; i++) {
      await db.sql`insert into sync_documents (tenant_id, collection, id, data, seq)
        values (${T}, 'accounts', ${`acc-${i}`}, ${db.sql.json({ name: `Account ${i}`, nested: { n: i, s: "it's" } })}, nextval('sync_seq'))`;
    }
    await db.sql`insert into audit_log (tenant_id, action, after) values (${T}, 'create', '{"x":1}')`;
  });
  afterAll(() => db.close());

  it('covers every table of the schema', async () => {
    const rows = await db.sql<{ table_name: string }[]>`
      select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'schema_migrations'`;
    const leftOut: readonly string[] = NOT_BACKED_UP;
    expect([...BACKUP_TABLES].filter((t) => rows.some((r) => r.table_name === t)).sort()).toEqual(
      rows.map((r) => r.table_name).filter((t) => !leftOut.includes(t)).sort(),
    );
  });

  it('restores exactly what was backed up, after the data changed', async () => {
    const before = await snapshot(db);
    const text = JSON.stringify(await createBackup(db.sql, NOW));

    await db.sql`update sync_documents set data = '{"name":"changed"}' where id = 'acc-0'`;
    await db.sql`delete from sync_documents where id = 'acc-1'`;
    await db.sql`insert into sync_documents (tenant_id, collection, id, data, seq) values (${T}, 'accounts', 'acc-new', '{}', nextval('sync_seq'))`;
    await db.sql`insert into audit_log (tenant_id, action) values (${T}, 'later')`;

    await expect(restoreBackup(db.sql, parseBackup(text))).rejects.toThrow(/restore with --force/);
    const epochBefore = await currentEpoch(db.sql);
    const counts = await restoreBackup(db.sql, parseBackup(text), { force: true });
    // A new sync epoch: devices holding checkpoints from before the restore start over (sync/epoch.ts).
    expect(await currentEpoch(db.sql)).not.toBe(epochBefore);
    expect(counts).toMatchObject({ tenants: 1, users: 1, memberships: 1, sync_documents: 3, audit_log: 1 });
    expect(await snapshot(db)).toEqual(before);

    // Sequences continue after the restored rows: new writes get fresh numbers.
    const [next] = await db.sql<{ seq: string }[]>`select nextval('sync_seq')::text as seq`;
    expect(Number(next!.seq)).toBeGreaterThan(before.syncSeq);
    const [audit] = await db.sql<{ id: string }[]>`insert into audit_log (tenant_id, action) values (${T}, 'after-restore') returning id::text`;
    expect(Number(audit!.id)).toBe(2);
  });

  it('refuses what is not a backup', () => {
    expect(() => parseBackup('nope')).toThrow(/not JSON/);
    expect(() => parseBackup('{"format":"other"}')).toThrow(/not a Vitals backup/);
  });
});
