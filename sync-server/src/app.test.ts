import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './db/connect';
import { databaseKinds, openTestDatabase } from './testing/databases';
import { TEST_ORIGIN, testApp } from './testing/app';

describe.each(databaseKinds())('the app on %s PostgreSQL', (kind) => {
  let db: Database;
  let app: ReturnType<typeof testApp>['app'];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    app = testApp(db).app;
  });
  afterAll(() => db.close());

  it('answers GET /api/health with the database kind', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: kind === 'embedded' ? 'embedded' : 'server' });
  });

  it('answers unknown endpoints with the one error shape', async () => {
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not-found', message: 'No such endpoint: GET /api/nope' } });
  });

  it('refuses a state-changing request from another origin, or with none', async () => {
    for (const headers of [{ origin: 'https://evil.example' }, {} as Record<string, string>]) {
      const res = await app.request('/api/auth/login', { method: 'POST', headers, body: '{}' });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad-origin');
    }
  });

  it('asks for sign-in before any tenant route', async () => {
    const res = await app.request('/api/tenants/00000000-0000-4000-8000-000000000001/sync/accounts/pull', { headers: { origin: TEST_ORIGIN } });
    expect(res.status).toBe(401);
  });
});
