import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Sql } from '../db/connect';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { testApp } from '../testing/app';

describe.each(databaseKinds())('liveness and readiness on %s PostgreSQL', (kind) => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());

  it('is ready when the database answers with every migration applied; /api/health is the same check', async () => {
    const { app } = testApp(db);
    for (const path of ['/api/health/ready', '/api/health']) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        status: 'ok',
        database: kind === 'embedded' ? 'embedded' : 'server',
        schemaVersion: expect.any(Number),
      });
    }
  });

  it('is live without asking the database, and not ready when the database fails', async () => {
    const down = (() => {
      throw new Error('connection refused');
    }) as unknown as Sql;
    const { app } = testApp({ ...db, sql: down });
    const live = await app.request('/api/health/live');
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await app.request('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable' });
  });

  // Last: it takes the newest migration away.
  it('is not ready on a database that lacks a migration this version ships', async () => {
    const [{ version } = { version: 0 }] = await db.sql<
      { version: number }[]
    >`select max(version) as version from schema_migrations`;
    await db.sql`delete from schema_migrations where version = ${version}`;
    const res = await testApp(db).app.request('/api/health/ready');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      status: 'migrating',
      expectedSchemaVersion: version,
      schemaVersion: version - 1,
    });
  });
});
