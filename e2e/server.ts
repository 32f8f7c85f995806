/**
 * The whole app as `npm start` runs it, for the end-to-end tests and the screenshot script: the client
 * built when its sources are newer than client/dist, then the real sync server on a random port with a
 * fresh database seeded with the sample tenants — the embedded one by default, or a new database on a real
 * PostgreSQL server (`DATABASE_URL`, as a production install runs), dropped again at stop.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { ensureClientBuild } from '../scripts/ensure-client-build';
import { loadConfig } from '../sync-server/src/config';
import { openDatabase, type Database } from '../sync-server/src/db/connect';
import { createLogger } from '../sync-server/src/logger';
import { startServer } from '../sync-server/src/server';

export interface AppUnderTest {
  readonly url: string;
  /** The server's own database connection, for what a test reads as an operator would. */
  readonly db: Database;
  /** The `DATABASE_URL` the server runs on, or null on the embedded database. */
  readonly databaseUrl: string | null;
  /**
   * Stops the server, runs `meanwhile` on its database as an operator's command would (e.g. `vitals restore`,
   * which wants the server stopped), and starts it again on the same address.
   */
  restart(meanwhile?: (db: Database) => Promise<unknown>): Promise<void>;
  stop(): Promise<void>;
}

export interface AppOptions {
  /**
   * More of the server's environment (config.ts), e.g. OPENAI_API_KEY and OPENAI_BASE_URL of a fake model;
   * these win over the defaults below.
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * A PostgreSQL server URL (e.g. TEST_DATABASE_URL): the app then runs on a new database made there for
   * this run, through `DATABASE_URL`, instead of on the embedded one.
   */
  readonly postgresUrl?: string;
}

/** A new, empty database on the server at `serverUrl`: its URL, and how to drop it again. */
async function createServerDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `vitals_e2e_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      try {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}

export async function startAppUnderTest(options: AppOptions = {}): Promise<AppUnderTest> {
  // The server decides at start whether client/dist exists, so the build comes first.
  await ensureClientBuild();
  const dataDir = await mkdtemp(join(tmpdir(), 'vitals-e2e-'));
  const serverDatabase = options.postgresUrl ? await createServerDatabase(options.postgresUrl) : null;
  const cleanUp = async (): Promise<void> => {
    try {
      await serverDatabase?.drop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  };
  try {
    const configFor = (port: number) =>
      loadConfig({
        DATA_DIR: dataDir,
        PORT: String(port),
        PASSWORD_COST: '10',
        LOG_LEVEL: 'warn',
        DEMO_DATA: 'true',
        ...(serverDatabase ? { DATABASE_URL: serverDatabase.url } : {}),
        ...options.env,
      });
    const config = configFor(0);
    let server = await startServer(config, createLogger(config.logLevel));
    const url = server.url;
    return {
      url,
      get db() {
        return server.db;
      },
      databaseUrl: serverDatabase?.url ?? null,
      async restart(meanwhile) {
        await server.stop();
        if (meanwhile) {
          const db = await openDatabase(config);
          try {
            await meanwhile(db);
          } finally {
            await db.close();
          }
        }
        const again = configFor(Number(new URL(url).port));
        server = await startServer(again, createLogger(again.logLevel));
      },
      async stop() {
        try {
          await server.stop();
        } finally {
          await cleanUp();
        }
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
