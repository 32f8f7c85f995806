import { mkdtemp, readdir, rm } from 'node:fs/promises';
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
    // As the container runs it: scheduled backups on, and a drain before it stops accepting.
    const config = loadConfig({
      DATA_DIR: dir,
      PORT: '0',
      PASSWORD_COST: '10',
      LOG_LEVEL: 'silent',
      BACKUP_DIR: join(dir, 'backups'),
      SHUTDOWN_DRAIN_SECONDS: '1',
    });
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

  it('is live and ready', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'embedded' });
    expect((await fetch(`${server.url}/api/health/ready`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/api/health/live`)).json()).toEqual({ status: 'ok' });
  });

  it('sends the production headers over real HTTP', async () => {
    const res = await fetch(`${server.url}/api/health`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('writes its first scheduled backup at start', async () => {
    await expect.poll(async () => readdir(join(dir, 'backups')).catch(() => []), { timeout: 10_000 }).toEqual([
      expect.stringMatching(/^vitals-backup-.*\.json$/),
    ]);
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

  // Last: it stops the server (afterAll's stop() then returns the same promise).
  it('turns not-ready first when stopping, finishes a request already in flight, and ends sync streams at once', async () => {
    // A device's open sync stream: it never finishes by itself, and must not hold the stop up.
    const { cookie, tenants } = await signIn('owner@acme.example');
    const stream = await fetch(`${server.url}/api/tenants/${tenants[0]!.id}/sync/stream?protocol=1`, {
      headers: { cookie, origin: server.url },
    });
    expect(stream.status).toBe(200);
    const streamEnded = stream.text().then(
      () => Date.now(),
      () => Date.now(),
    );

    const encoder = new TextEncoder();
    let finishBody!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"email":"owner@acme.example",'));
        finishBody = () => {
          controller.enqueue(encoder.encode('"password":"vitals-demo"}'));
          controller.close();
        };
      },
    });
    // A sign-in whose body is still arriving when the stop begins.
    const inFlight = fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopAt = Date.now();
    const stopped = server.stop();

    const ready = await fetch(`${server.url}/api/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'stopping' });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(503);
    expect((await fetch(`${server.url}/api/health/live`)).status).toBe(200);

    finishBody();
    const res = await inFlight;
    expect(res.status).toBe(200);
    await stopped;
    await expect(fetch(`${server.url}/api/health/live`)).rejects.toThrow();
    // Ended after the drain (1 s here), not after the 10 s grace for requests that never finish.
    expect((await streamEnded) - stopAt).toBeLessThan(5_000);
    expect(Date.now() - stopAt).toBeLessThan(5_000);
  });
});
