/**
 * `vitals backup` / `vitals restore`: a logical dump of every table as JSON, the same for the embedded
 * database and a PostgreSQL server (no pg_dump needed, and a dump from one restores into the other).
 * Restore goes into a migrated database, in one transaction, and refuses to overwrite data unless told to.
 */
import { startNewEpoch } from '../sync/epoch';
import type { Sql } from './connect';

export const BACKUP_FORMAT = 'vitals-backup';
export const BACKUP_VERSION = 1;

/**
 * Tables in foreign-key order (parents first). A test checks this list against the schema, so a new table
 * cannot be forgotten by the backup.
 */
export const BACKUP_TABLES = [
  'tenants',
  'users',
  'memberships',
  'invitations',
  'recovery_codes',
  'sessions',
  'password_resets',
  'email_verifications',
  'rate_limits',
  'sync_documents',
  'vapid_keys',
  'push_subscriptions',
  'native_push_tokens',
  'notification_prefs',
  'webhook_endpoints',
  'webhook_deliveries',
  'tenant_billing',
  'stripe_events',
  'ai_usage',
  // Derived from sync_documents, but re-embedding costs money with a hosted model; its content hashes keep
  // it consistent with the restored documents (assistant/retrieval.ts re-embeds only what differs).
  'assistant_passages',
  'audit_log',
  'outbox',
] as const;

/**
 * Tables a backup leaves out. `sync_epoch`: a restore always starts a new sync epoch (sync/epoch.ts), so that
 * devices that synced after the backup start over instead of waiting at a sequence the server went back behind.
 */
export const NOT_BACKED_UP = ['sync_epoch'] as const;

/** Tables holding serial ids whose sequences must continue after the restored rows. */
const SERIALS: Record<string, string> = { audit_log: 'id', outbox: 'id' };

export interface Backup {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: typeof BACKUP_VERSION;
  readonly createdAt: string;
  /** Highest applied migration: a backup restores only into a database at the same schema version. */
  readonly schemaVersion: number;
  readonly syncSeq: number;
  readonly tables: Record<string, unknown[]>;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

async function existingTables(sql: Sql): Promise<Set<string>> {
  const rows = await sql<{ table_name: string }[]>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`;
  return new Set(rows.map((r) => r.table_name));
}

async function schemaVersion(sql: Sql): Promise<number> {
  const [row] = await sql<{ version: number | null }[]>`select max(version) as version from schema_migrations`;
  return row?.version ?? 0;
}

export async function createBackup(sql: Sql, now: Date): Promise<Backup> {
  return sql.begin('isolation level repeatable read', async (tx) => {
    const present = await existingTables(tx as unknown as Sql);
    const tables: Record<string, unknown[]> = {};
    for (const table of BACKUP_TABLES) {
      if (!present.has(table)) continue;
      // Row JSON keeps every type exact (bytea as hex, timestamps as ISO text) and restores with json_populate_record.
      const rows = await tx.unsafe<{ row: unknown }[]>(`select to_jsonb(t) as row from ${table} t`);
      tables[table] = rows.map((r) => r.row);
    }
    const [seq] = await tx<{ last_value: string; is_called: boolean }[]>`select last_value, is_called from sync_seq`;
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: now.toISOString(),
      schemaVersion: await schemaVersion(tx as unknown as Sql),
      syncSeq: seq?.is_called ? Number(seq.last_value) : 0,
      tables,
    } satisfies Backup;
  }) as Promise<Backup>;
}

export function parseBackup(text: string): Backup {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BackupError('The file is not a Vitals backup (it is not JSON).');
  }
  const b = parsed as Partial<Backup> | null;
  if (!b || b.format !== BACKUP_FORMAT || typeof b.tables !== 'object' || b.tables === null) {
    throw new BackupError('The file is not a Vitals backup.');
  }
  if (b.version !== BACKUP_VERSION) throw new BackupError(`Backup format ${String(b.version)} is not supported (expected ${BACKUP_VERSION}).`);
  return b as Backup;
}

export interface RestoreOptions {
  /** Replace existing data; without it, restoring into a database that has tenants is refused. */
  readonly force?: boolean;
}

export async function restoreBackup(sql: Sql, backup: Backup, options: RestoreOptions = {}): Promise<Record<string, number>> {
  const current = await schemaVersion(sql);
  if (current !== backup.schemaVersion) {
    throw new BackupError(`The backup is of schema version ${backup.schemaVersion}, this database is at ${current}; use a server of the same version.`);
  }
  return sql.begin(async (tx) => {
    const [{ count } = { count: '0' }] = await tx<{ count: string }[]>`select count(*)::text as count from tenants`;
    if (Number(count) > 0 && !options.force) {
      throw new BackupError('This database already holds data; restore with --force to replace it.');
    }
    const present = await existingTables(tx as unknown as Sql);
    const tables = BACKUP_TABLES.filter((t) => present.has(t));
    await tx.unsafe(`truncate ${tables.join(', ')} cascade`);
    const restored: Record<string, number> = {};
    for (const table of tables) {
      const rows = backup.tables[table] ?? [];
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        await tx.unsafe(
          `insert into ${table} select * from jsonb_populate_recordset(null::${table}, $1::jsonb)`,
          [tx.json(chunk as never) as never],
        );
      }
      restored[table] = rows.length;
      const serial = SERIALS[table];
      if (serial) {
        await tx.unsafe(`select setval(pg_get_serial_sequence('${table}', '${serial}'), greatest(coalesce((select max(${serial}) from ${table}), 0), 1), (select count(*) > 0 from ${table}))`);
      }
    }
    if (backup.syncSeq > 0) await tx`select setval('sync_seq', ${backup.syncSeq}, true)`;
    await startNewEpoch(tx);
    return restored;
  }) as Promise<Record<string, number>>;
}
