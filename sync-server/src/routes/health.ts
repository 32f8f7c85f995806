/** Liveness and readiness: `/api/health` answers while the process runs and its database answers. */
import { Hono } from 'hono';
import type { AppEnv } from '../context';

export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { db } = c.get('deps');
  const started = performance.now();
  try {
    await db.sql`select 1`;
    return c.json({ status: 'ok', database: db.kind, databaseMs: Math.round(performance.now() - started) });
  } catch {
    return c.json({ status: 'unavailable', database: db.kind }, 503);
  }
});
