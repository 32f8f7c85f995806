import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connect';
import { OUTBOX_NOTE } from '../team/outbox';
import { TEST_ORIGIN, testApp } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { createTestTenant, type TestTenant } from '../testing/tenants';

type Roles = 'owner' | 'admin' | 'manager' | 'csm' | 'viewer';

interface Message {
  id: number;
  to: string;
  kind: string;
  subject: string;
  body: string;
  createdAt: string;
  sentAt: string | null;
}

const LINK = /accept-invitation\?token=([a-z2-7]{32})/;

describe.each(databaseKinds())('the outbox on %s PostgreSQL', (kind) => {
  let db: Database;
  let harness: ReturnType<typeof testApp>;
  let a: TestTenant<Roles>;
  let b: TestTenant<'owner'>;

  async function request(
    method: string,
    path: string,
    cookie: string | undefined,
    body?: unknown,
  ): Promise<Response> {
    const headers: Record<string, string> = { origin: TEST_ORIGIN };
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return harness.app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
  async function invite(tenant: { id: string }, cookie: string, email: string, role: Roles): Promise<void> {
    const res = await request('POST', `/api/tenants/${tenant.id}/invitations`, cookie, { email, role });
    expect(res.status).toBe(201);
  }
  async function outbox(tenant: { id: string }, cookie: string): Promise<Message[]> {
    const res = await request('GET', `/api/tenants/${tenant.id}/outbox`, cookie);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { smtpConfigured: boolean; note: string; messages: Message[] };
    expect(body).toMatchObject({ smtpConfigured: false, note: OUTBOX_NOTE });
    return body.messages;
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    harness = testApp(db);
    const now = harness.clock.now();
    a = await createTestTenant(db, {
      name: 'Acme Health',
      roles: { owner: 'owner', admin: 'admin', manager: 'manager', csm: 'csm', viewer: 'viewer' },
      now,
    });
    b = await createTestTenant(db, { name: 'Beta Labs', roles: { owner: 'owner' }, now });
    await invite(a, a.users.owner.cookie, 'first@example.com', 'csm');
    harness.clock.advance(60_000);
    await invite(a, a.users.admin.cookie, 'second@example.com', 'viewer');
    await invite(b, b.users.owner.cookie, 'beta-only@example.com', 'admin');
    // A password reset for a member of A: mail of no tenant, carrying a link that takes over their account.
    const reset = await request('POST', '/api/auth/password-reset/request', undefined, {
      email: a.users.admin.email,
    });
    expect(reset.status).toBe(202);
  });
  afterAll(() => db.close());

  it.each<[Roles, number]>([
    ['owner', 200],
    ['admin', 200],
    ['manager', 403],
    ['csm', 403],
    ['viewer', 403],
  ])('answers a %s with %i', async (role, status) => {
    const res = await request('GET', `/api/tenants/${a.id}/outbox`, a.users[role].cookie);
    expect(res.status).toBe(status);
  });

  it('lists the workspace’s mail newest first and says it was not sent', async () => {
    const messages = await outbox(a, a.users.owner.cookie);
    expect(messages.map((m) => [m.to, m.kind])).toEqual([
      ['second@example.com', 'invitation'],
      ['first@example.com', 'invitation'],
    ]);
    expect(messages[0]).toEqual({
      id: expect.any(Number),
      to: 'second@example.com',
      kind: 'invitation',
      subject: `${a.users.admin.name} invited you to Acme Health on Vitals`,
      body: expect.stringMatching(LINK),
      createdAt: harness.clock.now().toISOString(),
      sentAt: null,
    });
    expect(OUTBOX_NOTE).toMatch(/not sent/);
  });

  it('never shows another workspace’s mail or password resets', async () => {
    const [reset] = await db.sql<
      { tenant_id: string | null }[]
    >`select tenant_id from outbox where kind = 'password-reset' and to_email = ${a.users.admin.email}`;
    expect(reset).toEqual({ tenant_id: null });
    const seen = [...(await outbox(a, a.users.owner.cookie)), ...(await outbox(a, a.users.admin.cookie))];
    expect(seen.map((m) => m.kind)).not.toContain('password-reset');
    expect(seen.map((m) => m.to)).not.toContain('beta-only@example.com');
    expect(seen.map((m) => m.to)).not.toContain(a.users.admin.email);
    expect((await outbox(b, b.users.owner.cookie)).map((m) => m.to)).toEqual(['beta-only@example.com']);
    expect((await request('GET', `/api/tenants/${b.id}/outbox`, a.users.owner.cookie)).status).toBe(404);
  });

  it('hides from an admin the link of an invitation to the owner role, which they could not have sent', async () => {
    await invite(a, a.users.owner.cookie, 'co-owner@example.com', 'owner');
    const forOwner = (await outbox(a, a.users.owner.cookie)).find((m) => m.to === 'co-owner@example.com');
    const token = forOwner?.body.match(LINK)?.[1];
    expect(token).toMatch(/^[a-z2-7]{32}$/);

    const forAdmin = await outbox(a, a.users.admin.cookie);
    const hidden = forAdmin.find((m) => m.to === 'co-owner@example.com');
    expect(hidden?.body).not.toContain(token);
    expect(hidden?.body).toContain('link hidden: only an owner may pass on an invitation to the Owner role');
    // Links the admin could have sent stay usable for them.
    expect(forAdmin.find((m) => m.to === 'first@example.com')?.body).toMatch(LINK);
  });
});
