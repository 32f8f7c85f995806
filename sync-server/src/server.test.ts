import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { startServer, type RunningServer } from './server';

// The whole server as `npm start` runs it: a new embedded database, migrated and seeded, over real HTTP.
describe('a fresh server', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vitals-server-'));
    const config = loadConfig({ DATA_DIR: dir, PORT: '0', PASSWORD_COST: '10', LOG_LEVEL: 'silent' });
    server = await startServer(config, createLogger('silent'));
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function signIn(email: string): Promise<{ cookie: string; tenants: { id: string; slug: string; role: string }[] }> {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'vitals-demo' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const body = (await res.json()) as { tenants: { id: string; slug: string; role: string }[] };
    return { cookie, tenants: body.tenants };
  }

  it('is healthy', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'embedded' });
  });

  it.each([
    ['owner@testcompany.example', 'test-company', 'owner', 12],
    ['csm@acme.example', 'acme', 'csm', 23],
  ])('lets the demo user %s sign in and pull the %s sample (%s, %d accounts)', async (email, slug, role, count) => {
    const { cookie, tenants } = await signIn(email);
    expect(tenants).toEqual([expect.objectContaining({ slug, role })]);
    const res = await fetch(`${server.url}/api/tenants/${tenants[0]!.id}/sync/accounts/pull?limit=100`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { documents: { name: string }[] };
    expect(body.documents).toHaveLength(count);
  });

  it('keeps the two sample tenants apart', async () => {
    const acme = await signIn('owner@acme.example');
    const testCompany = await signIn('owner@testcompany.example');
    const res = await fetch(`${server.url}/api/tenants/${testCompany.tenants[0]!.id}/sync/accounts/pull`, { headers: { cookie: acme.cookie } });
    expect(res.status).toBe(404);
  });
});
