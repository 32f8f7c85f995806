/**
 * The tenant-isolation suite: a member of tenant A attacks every sync route and the audit route, for every
 * collection, with tenant B's ids (in the path, in documents, in a crafted checkpoint, in a forged field).
 * A gets nothing of B, and nothing of B changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, type CollectionName } from '@vitals/shared';
import type { Database } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { TEST_ORIGIN, testApp } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { makeDoc } from '../testing/documents';
import { writeAsServer } from '../testing/server-documents';
import { syncClient, type Doc, type SyncClient } from '../testing/sync-client';
import { createTestTenant, type TestTenant } from '../testing/tenants';

type Snapshot = { rows: unknown[]; audit: number };

describe.each(databaseKinds())('tenant isolation on %s PostgreSQL', (kind) => {
  let db: Database;
  let harness: ReturnType<typeof testApp>;
  let a: TestTenant<'owner'>;
  let b: TestTenant<'owner'>;
  /** A's owner, in A's own tenant. */
  let attacker: SyncClient;
  /** A's owner, aiming at B's tenant path. */
  let intruder: SyncClient;
  const bDocs = new Map<CollectionName, Doc>();
  const bSeqs = new Set<number>();
  let before: Snapshot;

  async function snapshotOfB(): Promise<Snapshot> {
    // As the connecting superuser: what is really stored, past row-level security.
    const rows = await db.sql`
      select collection, id, data, deleted, seq::text, updated_by from sync_documents
      where tenant_id = ${b.id} order by collection, id`;
    const [audit] = await db.sql<
      { n: number }[]
    >`select count(*)::int as n from audit_log where tenant_id = ${b.id}`;
    return { rows: [...rows], audit: audit!.n };
  }

  function docFor(collection: CollectionName, tenant: TestTenant<'owner'>, prefix: string): Doc {
    return makeDoc(collection, {
      id: `${prefix}-${collection.replace('_', '-')}`,
      userId: tenant.users.owner.id,
      accountId: `${prefix}-accounts`,
    }) as unknown as Doc;
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    harness = testApp(db);
    const now = harness.clock.now();
    a = await createTestTenant(db, { name: 'Tenant A', roles: { owner: 'owner' }, now });
    b = await createTestTenant(db, { name: 'Tenant B', roles: { owner: 'owner' }, now });
    for (const collection of COLLECTION_NAMES) {
      for (const [tenant, prefix] of [
        [a, 'a'],
        [b, 'b'],
      ] as const) {
        const doc = docFor(collection, tenant, prefix);
        const [written] = await writeAsServer(db, {
          tenantId: tenant.id,
          userId: tenant.users.owner.id,
          collection,
          documents: [doc],
          at: now,
        });
        if (tenant === b) {
          bDocs.set(collection, { ...doc, seq: written!.seq });
          bSeqs.add(written!.seq);
        }
      }
    }
    attacker = syncClient(harness.app, a.id, a.users.owner.cookie);
    intruder = syncClient(harness.app, b.id, a.users.owner.cookie);
    before = await snapshotOfB();
  });
  afterAll(() => db.close());

  /** Nothing in a response may be one of B's documents: every seq is unique across tenants. */
  function expectNothingOfB(documents: readonly Doc[]): void {
    for (const doc of documents) expect(bSeqs.has(doc.seq!), `B's document ${doc.id} leaked`).toBe(false);
  }

  describe.each(COLLECTION_NAMES)('%s', (collection) => {
    it("answers B's path with 404 and no data, for pull and push", async () => {
      const bDoc = bDocs.get(collection)!;
      for (const res of [
        await intruder.pullResponse(collection, { limit: 100 }),
        await intruder.pushResponse(collection, [
          { assumedMasterState: bDoc, newDocumentState: { ...bDoc, _deleted: true } },
        ]),
      ]) {
        expect(res.status).toBe(404);
        const text = await res.text();
        expect(text).not.toContain(bDoc.id);
        expect(JSON.parse(text)).toEqual({
          error: { code: 'not-found', message: 'That workspace was not found.' },
        });
      }
    });

    it("reveals nothing of B through a checkpoint crafted from B's seq", async () => {
      const bDoc = bDocs.get(collection)!;
      for (const checkpoint of [
        { id: bDoc.id, seq: bDoc.seq! - 1 },
        { id: bDoc.id, seq: 0 },
      ]) {
        const page = await attacker.pullAll(collection, { checkpoint });
        expectNothingOfB(page.documents);
      }
      const { documents } = await attacker.pullAll(collection);
      expect(documents.length).toBeGreaterThan(0);
      expectNothingOfB(documents);
    });

    it("keeps a document pushed under B's id in A, answering no conflict from B", async () => {
      const bDoc = bDocs.get(collection)!;
      const { seq: _seq, ...state } = bDoc;
      const res = await attacker.pushResponse(collection, [
        { assumedMasterState: bDoc, newDocumentState: state },
      ]);
      // Refused by role rules (members, an alert created from a device, another user's conversation), or
      // written into A as A's own document: never compared with, returned from or written to B.
      expect([200, 403]).toContain(res.status);
      const body = (await res.json()) as unknown;
      if (res.status === 200) {
        expect(body).toEqual([]);
        const mine = (await attacker.pullAll(collection)).documents.filter((d) => d.id === bDoc.id);
        expect(mine).toHaveLength(1);
        expectNothingOfB(mine);
      }
    });

    it('refuses a document claiming tenant B in a forged field', async () => {
      const own = docFor(collection, a, 'a');
      for (const forged of [{ tenant_id: b.id }, { tenantId: b.id }]) {
        const res = await attacker.pushResponse(collection, [
          { newDocumentState: { ...own, id: `${own.id}-forged`, ...forged } },
        ]);
        // A viewer-like refusal comes first for collections A may not push; otherwise the strict schema.
        expect([403, 422]).toContain(res.status);
        if (collection !== 'members')
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid-document');
      }
    });
  });

  it("answers B's audit trail and stream with 404", async () => {
    for (const path of [
      `/api/tenants/${b.id}/audit`,
      `/api/tenants/${b.id}/audit?format=csv`,
      `/api/tenants/${b.id}/sync/stream`,
    ]) {
      const res = await harness.app.request(path, {
        headers: { cookie: a.users.owner.cookie, origin: TEST_ORIGIN },
      });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('b-accounts');
    }
  });

  it("keeps B's rows from A's database role even in a hand-written query", async () => {
    await withScope(db.sql, { tenantId: a.id, userId: a.users.owner.id }, async (tx) => {
      expect(await tx`select id from sync_documents where tenant_id = ${b.id}`).toHaveLength(0);
      expect(await tx`select id from audit_log where tenant_id = ${b.id}`).toHaveLength(0);
      const seqs = (await tx<{ seq: string }[]>`select seq from sync_documents`).map((r) => Number(r.seq));
      expect(seqs.filter((seq) => bSeqs.has(seq))).toEqual([]);
    });
    const insert = withScope(
      db.sql,
      { tenantId: a.id, userId: a.users.owner.id },
      (tx) => tx`
      insert into sync_documents (tenant_id, collection, id, data, seq) values (${b.id}, 'accounts', 'planted', '{}', 1)`,
    );
    await expect(insert).rejects.toThrow(/row-level security/);
  });

  // Last, after every attack above.
  it('left every row of B as it was', async () => {
    expect(await snapshotOfB()).toEqual(before);
  });
});
