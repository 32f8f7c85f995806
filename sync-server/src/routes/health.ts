/**
 * Liveness and readiness. `/live` says the process answers (no database call: a slow database must not
 * get a healthy process restarted); `/ready` says this server can serve traffic: its database answers and
 * has every migration this version ships. `/api/health` is readiness too. While the server starts or stops,
 * http/lifecycle.ts answers readiness 503 before a request gets here.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { loadMigrations } from '../db/migrate';

let latestMigration: Promise<number> | null = null;
/** The newest migration shipped with this code: read once, the files do not change while running. */
function expectedSchemaVersion(): Promise<number> {
  latestMigration ??= loadMigrations().then((all) => Math.max(0, ...all.map((m) => m.version)));
  return latestMigration;
}

const ready = new Hono<AppEnv>().get('/', async (c) => {
  const { db } = c.get('deps');
  const started = performance.now();
  try {
    const [row] = await db.sql<
      { version: number | null }[]
    >`select max(version) as version from schema_migrations`;
    const schemaVersion = row?.version ?? 0;
    const expected = await expectedSchemaVersion();
    const databaseMs = Math.round(performance.now() - started);
    if (schemaVersion < expected) {
      return c.json(
        { status: 'migrating', database: db.kind, schemaVersion, expectedSchemaVersion: expected },
        503,
      );
    }
    return c.json({ status: 'ok', database: db.kind, databaseMs, schemaVersion });
  } catch {
    return c.json({ status: 'unavailable', database: db.kind }, 503);
  }
});

export const healthRoutes = new Hono<AppEnv>()
  .get('/live', (c) => c.json({ status: 'ok' }))
  .route('/ready', ready)
  .route('/', ready);
