/**
 * A second, independent connection pool to a test database on a real PostgreSQL: what another sync
 * server instance would have. Closing it leaves the database to its owner.
 */
import postgres from 'postgres';
import type { Database } from '../db/connect';

export async function openSecondConnection(db: Database): Promise<Database> {
  if (db.kind !== 'server') throw new Error('A second instance needs a real PostgreSQL (TEST_DATABASE_URL).');
  const { host, port, database, user, pass } = db.sql.options;
  const sql = postgres({
    host: host[0],
    port: port[0],
    database,
    user,
    pass: pass ?? undefined,
    max: 4,
    onnotice: () => undefined,
  });
  await sql`select 1`;
  return { ...db, sql, close: () => sql.end({ timeout: 5 }) };
}
