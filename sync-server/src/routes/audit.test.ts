import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connect';
import { TEST_ORIGIN, testApp } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { makeDoc } from '../testing/documents';
import { syncClient, type Doc } from '../testing/sync-client';
import { createTestTenant, type TestTenant } from '../testing/tenants';

type Roles = 'owner' | 'admin' | 'manager' | 'csm' | 'viewer';

interface AuditPage {
  entries: {
    id: number;
    at: string;
    userId: string;
    userEmail: string;
    action: string;
    collection: string;
    documentId: string;
    before: unknown;
    after: unknown;
  }[];
  next: { after: number } | { before: number } | null;
}

describe.each(databaseKinds())('the audit trail on %s PostgreSQL', (kind) => {
  let db: Database;
  let harness: ReturnType<typeof testApp>;
  let tenant: TestTenant<Roles>;
  const ids = ['a1', 'a2', 'a3', 'a4', '-exploit'];

  const get = async (query: string, role: Roles = 'owner'): Promise<Response> =>
    harness.app.request(`/api/tenants/${tenant.id}/audit${query}`, {
      headers: { cookie: tenant.users[role].cookie, origin: TEST_ORIGIN },
    });
  const page = async (query: string): Promise<AuditPage> => {
    const res = await get(query);
    expect(res.status).toBe(200);
    return (await res.json()) as AuditPage;
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    harness = testApp(db);
    tenant = await createTestTenant(db, {
      name: 'Audited',
      roles: { owner: 'owner', admin: 'admin', manager: 'manager', csm: 'csm', viewer: 'viewer' },
      now: harness.clock.now(),
    });
    // A person's name is theirs to choose: it must not become a formula in someone's spreadsheet.
    await db.sql`update users set name = '=HYPERLINK("http://evil.example","click")' where id = ${tenant.users.manager.id}`;
    const client = syncClient(harness.app, tenant.id, tenant.users.manager.cookie);
    for (const id of ids) {
      await client.push('accounts', [
        { newDocumentState: makeDoc('accounts', { id, userId: tenant.users.csm.id }) as unknown as Doc },
      ]);
    }
  });
  afterAll(() => db.close());

  it.each<[Roles, number]>([
    ['owner', 200],
    ['admin', 200],
    ['manager', 403],
    ['csm', 403],
    ['viewer', 403],
  ])('answers a %s with %i', async (role, status) => {
    const res = await get('', role);
    expect(res.status).toBe(status);
    if (status === 403)
      expect(await res.json()).toEqual({
        error: { code: 'forbidden', message: 'Your role does not allow this.' },
      });
  });

  it('lists the newest writes first, with who, what, before and after, and pages back with before', async () => {
    const first = await page('?limit=2');
    expect(first.entries.map((e) => e.documentId)).toEqual(['-exploit', 'a4']);
    expect(first.entries[0]).toMatchObject({
      userId: tenant.users.manager.id,
      userEmail: tenant.users.manager.email,
      action: 'create',
      collection: 'accounts',
      before: null,
      after: { id: '-exploit', ownerId: tenant.users.csm.id },
    });
    expect(first.next).toEqual({ before: first.entries[1]!.id });
    const second = await page(`?limit=2&before=${first.entries[1]!.id}`);
    expect(second.entries.map((e) => e.documentId)).toEqual(['a3', 'a2']);
    const last = await page(`?limit=2&before=${second.entries[1]!.id}`);
    expect(last).toEqual({ entries: [expect.objectContaining({ documentId: 'a1' })], next: null });
  });

  it('reads forward from an id, oldest first, for exports that follow the trail', async () => {
    const all = await page('?limit=100');
    const oldest = all.entries[all.entries.length - 1]!.id;
    const forward = await page(`?after=${oldest}&limit=3`);
    expect(forward.entries.map((e) => e.documentId)).toEqual(['a2', 'a3', 'a4']);
    expect(forward.next).toEqual({ after: forward.entries[2]!.id });
    expect((await page(`?after=${forward.entries[2]!.id}&limit=3`)).entries.map((e) => e.documentId)).toEqual(
      ['-exploit'],
    );
  });

  it('exports CSV that no spreadsheet runs as a formula', async () => {
    const res = await get('?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="vitals-audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,user_email,user_name,action,collection,document_id,before,after');
    expect(lines).toHaveLength(ids.length + 1);
    const exploit = lines[1]!;
    expect(exploit).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(exploit).toContain(",'-exploit,");
    // No cell of any line starts with a formula character.
    for (const line of lines) expect(line).not.toMatch(/(^|,)[=+\-@]/);
  });

  it.each(['?limit=0', '?limit=1001', '?after=1&before=2', '?format=xml', '?after=abc'])(
    'refuses %s',
    async (query) => {
      const res = await get(query);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid-input');
    },
  );
});
