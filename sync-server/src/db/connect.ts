/**
 * The database connection: postgres.js against DATABASE_URL, or an embedded PGlite (real Postgres in
 * WASM, persisted under DATA_DIR) reached through pglite-socket, so the rest of the server speaks to one
 * kind of client either way.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import postgres from 'postgres';

export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;

export interface Database {
  readonly sql: Sql;
  /** `server` supports LISTEN/NOTIFY; PGlite's socket does not forward notifications. */
  readonly kind: 'embedded' | 'server';
  /** Where it lives, for logs and `vitals backup` (never includes a password). */
  readonly location: string;
  /** The embedded PGlite, for dumps; `null` on a server. */
  readonly pglite: PGlite | null;
  close(): Promise<void>;
}

/**
 * PGlite is one backend serving one query at a time. pglite-socket keeps a transaction's messages together,
 * but outside a transaction it interleaves the extended-protocol messages of different connections, so
 * two parallel queries clobber each other's unnamed portal ("portal \"\" does not exist"). postgres.js
 * therefore gets a single connection and queues queries itself; the socket allows a few more for reconnects.
 * Consequence: code must never wait on `sql` while holding a transaction (it would wait forever).
 */
const EMBEDDED_SOCKET_CONNECTIONS = 4;

const quiet = { onnotice: () => undefined };

export async function openServerDatabase(url: string, options: { max?: number } = {}): Promise<Database> {
  const sql = postgres(url, { max: options.max ?? 10, ...quiet, connection: { application_name: 'vitals' } });
  await sql`select 1`;
  const parsed = new URL(url);
  return {
    sql,
    kind: 'server',
    location: `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`,
    pglite: null,
    close: () => sql.end({ timeout: 5 }),
  };
}

/** Opens (creating if new) the embedded database in `dataDir`, or an in-memory one for `memory://`. */
export async function openEmbeddedDatabase(dataDir: string): Promise<Database> {
  const inMemory = dataDir === 'memory://';
  const path = inMemory ? 'memory://' : join(dataDir, 'pgdata');
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(path);
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: EMBEDDED_SOCKET_CONNECTIONS });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  const sql = postgres({
    host,
    port: Number(port),
    user: 'postgres',
    database: 'postgres',
    max: 1,
    // The socket answers SSL requests with "no"; skip the round trip.
    ssl: false,
    ...quiet,
  });
  return {
    sql,
    kind: 'embedded',
    location: path,
    pglite,
    async close() {
      await sql.end({ timeout: 5 });
      await server.stop();
      await pglite.close();
    },
  };
}

export function openDatabase(options: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  return options.databaseUrl ? openServerDatabase(options.databaseUrl) : openEmbeddedDatabase(options.dataDir);
}
