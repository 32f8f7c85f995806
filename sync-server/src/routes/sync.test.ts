import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COLLECTION_NAMES,
  MERGERS,
  PUSH_ROWS_MAX,
  SYNC_PROTOCOL_HEADER,
  SYNC_REASON_MESSAGES,
  editFields,
  formatHlc,
  markDeleted,
  mergeAccounts,
  type AccountDoc,
  type CollectionName,
} from '@vitals/shared';
import type { Database } from '../db/connect';
import { currentEpoch, startNewEpoch } from '../sync/epoch';
import { TEST_ORIGIN, testApp } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { makeDoc, stamp } from '../testing/documents';
import { syncClient, type Doc, type SyncClient } from '../testing/sync-client';
import { createTestTenant, type TestTenant } from '../testing/tenants';

type Roles = 'owner' | 'manager' | 'csm' | 'viewer';
const ROLES = { owner: 'owner', manager: 'manager', csm: 'csm', viewer: 'viewer' } as const;

const withoutSeq = (doc: Doc): Omit<Doc, 'seq'> => {
  const { seq: _seq, ...rest } = doc;
  return rest;
};

interface ErrorJson {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

describe.each(databaseKinds())('sync routes on %s PostgreSQL', (kind) => {
  let db: Database;
  let harness: ReturnType<typeof testApp>;
  let tenantCount = 0;

  /** A tenant of its own per test, so tests can count documents without seeing each other's. */
  async function freshTenant(): Promise<{ tenant: TestTenant<Roles>; as: (role: Roles) => SyncClient }> {
    const tenant = await createTestTenant(db, {
      name: `Tenant ${++tenantCount}`,
      roles: ROLES,
      now: harness.clock.now(),
    });
    return { tenant, as: (role) => syncClient(harness.app, tenant.id, tenant.users[role].cookie) };
  }

  async function seqOf(tenantId: string, collection: CollectionName, id: string): Promise<number | null> {
    const [row] = await db.sql<{ seq: string }[]>`
      select seq from sync_documents where tenant_id = ${tenantId} and collection = ${collection} and id = ${id}`;
    return row ? Number(row.seq) : null;
  }

  async function auditCount(tenantId: string): Promise<number> {
    const [row] = await db.sql<
      { n: number }[]
    >`select count(*)::int as n from audit_log where tenant_id = ${tenantId}`;
    return row!.n;
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    harness = testApp(db);
  });
  afterAll(() => db.close());

  describe('pull', () => {
    it('answers a first pull of an empty collection with no documents and no checkpoint', async () => {
      const { as } = await freshTenant();
      expect(await as('owner').pull('accounts')).toEqual({ documents: [], checkpoint: null });
    });

    it('returns the incoming checkpoint with an empty batch, so a device never moves backwards', async () => {
      const { as } = await freshTenant();
      const checkpoint = { id: 'acc-9', seq: 123_456_789, epoch: await currentEpoch(db.sql) };
      expect(await as('owner').pull('accounts', { checkpoint })).toEqual({ documents: [], checkpoint });
    });

    describe('after a restore (a new sync epoch)', () => {
      it('stamps every checkpoint with the epoch, also one from before epochs', async () => {
        const { as } = await freshTenant();
        const epoch = await currentEpoch(db.sql);
        const old = { id: 'acc-9', seq: 123_456_789 };
        expect(await as('owner').pull('accounts', { checkpoint: old })).toEqual({ documents: [], checkpoint: { ...old, epoch } });
      });

      it('refuses a checkpoint of an earlier epoch with epoch-changed, naming the current one', async () => {
        const { tenant, as } = await freshTenant();
        await as('owner').push('accounts', [{ newDocumentState: makeDoc('accounts', { id: 'kept', userId: tenant.users.owner.id }) }]);
        const before = await as('owner').pullAll('accounts');
        const restored = await db.sql.begin((tx) => startNewEpoch(tx));
        const response = await as('owner').pullResponse('accounts', { checkpoint: before.checkpoint });
        expect(response.status).toBe(409);
        expect(await response.json()).toEqual({
          error: { code: 'epoch-changed', message: SYNC_REASON_MESSAGES['epoch-changed'], details: { epoch: restored } },
        });
        // Starting over from no checkpoint gets everything, in the new epoch.
        const again = await as('owner').pullAll('accounts');
        expect(again.documents.map((d) => d.id)).toEqual(['kept']);
        expect(again.checkpoint?.epoch).toBe(restored);
      });
    });

    it('pages through documents in write order, each with _deleted and its seq, the checkpoint following the last', async () => {
      const { tenant, as } = await freshTenant();
      const docs = ['a', 'b', 'c', 'd', 'e'].map((id) =>
        makeDoc('accounts', { id, userId: tenant.users.owner.id }),
      );
      expect(
        await as('owner').push(
          'accounts',
          docs.map((doc) => ({ newDocumentState: doc })),
        ),
      ).toEqual([]);

      const first = await as('viewer').pull('accounts', { limit: 2 });
      expect(first.documents.map((d) => d.id)).toEqual(['a', 'b']);
      expect(first.documents.map(withoutSeq)).toEqual(docs.slice(0, 2));
      const epoch = await currentEpoch(db.sql);
      expect(first.checkpoint).toEqual({ id: 'b', seq: first.documents[1]!.seq, epoch });
      const rest = await as('viewer').pullAll('accounts', { checkpoint: first.checkpoint, limit: 2 });
      expect(rest.documents.map((d) => d.id)).toEqual(['c', 'd', 'e']);
      const seqs = [...first.documents, ...rest.documents].map((d) => d.seq!);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(5);
      expect(rest.checkpoint).toEqual({ id: 'e', seq: seqs[4], epoch });
    });

    it('sends only what changed after a checkpoint', async () => {
      const { tenant, as } = await freshTenant();
      const owner = tenant.users.owner.id;
      await as('owner').push(
        'accounts',
        ['a', 'b', 'c'].map((id) => ({ newDocumentState: makeDoc('accounts', { id, userId: owner }) })),
      );
      const { documents, checkpoint } = await as('owner').pullAll('accounts');
      const b = documents.find((d) => d.id === 'b')!;
      const edited = editFields(mergeAccounts, b as unknown as AccountDoc, { name: 'B renamed' }, stamp(5));
      expect(
        await as('owner').push('accounts', [
          { assumedMasterState: b, newDocumentState: edited as unknown as Doc },
        ]),
      ).toEqual([]);

      const changes = await as('owner').pullAll('accounts', { checkpoint });
      expect(changes.documents).toHaveLength(1);
      expect(changes.documents[0]).toMatchObject({ id: 'b', name: 'B renamed' });
      expect(changes.documents[0]!.seq).toBeGreaterThan(checkpoint!.seq);
    });

    it('syncs a delete as a tombstone, to devices that had the document and to new ones', async () => {
      const { tenant, as } = await freshTenant();
      const doc = makeDoc('accounts', { id: 'gone', userId: tenant.users.owner.id });
      await as('owner').push('accounts', [{ newDocumentState: doc }]);
      const before = await as('owner').pullAll('accounts');
      const master = before.documents[0]!;
      const tombstone = markDeleted(master as unknown as AccountDoc, stamp(9));
      expect(
        await as('owner').push('accounts', [
          { assumedMasterState: master, newDocumentState: tombstone as unknown as Doc },
        ]),
      ).toEqual([]);

      const changes = await as('csm').pullAll('accounts', { checkpoint: before.checkpoint });
      expect(changes.documents).toEqual([
        expect.objectContaining({
          id: 'gone',
          _deleted: true,
          clocks: expect.objectContaining({ _deleted: stamp(9) }),
        }),
      ]);
      expect((await as('viewer').pullAll('accounts')).documents).toEqual([
        expect.objectContaining({ id: 'gone', _deleted: true }),
      ]);
    });

    it('refuses a malformed query with invalid-request', async () => {
      const { as } = await freshTenant();
      for (const options of [
        { limit: 0 },
        { limit: 1001 },
        { checkpoint: '{"id":"a"}' },
        { checkpoint: 'not json' },
      ]) {
        const res = await as('owner').pullResponse('accounts', options);
        expect(res.status).toBe(400);
        expect(((await res.json()) as ErrorJson).error.code).toBe('invalid-request');
      }
    });
  });

  describe('push', () => {
    it('answers a stale push with the master document and writes nothing', async () => {
      const { tenant, as } = await freshTenant();
      await as('owner').push('accounts', [
        { newDocumentState: makeDoc('accounts', { id: 'a', userId: tenant.users.owner.id }) },
      ]);
      const [v1] = (await as('owner').pull('accounts')).documents;
      const v2 = editFields(
        mergeAccounts,
        v1 as unknown as AccountDoc,
        { name: 'From device A' },
        stamp(10, 'devA'),
      );
      await as('owner').push('accounts', [
        { assumedMasterState: v1!, newDocumentState: v2 as unknown as Doc },
      ]);
      const masterSeq = await seqOf(tenant.id, 'accounts', 'a');

      const stale = editFields(
        mergeAccounts,
        v1 as unknown as AccountDoc,
        { segment: 'Enterprise' },
        stamp(20, 'devB'),
      );
      const conflicts = await as('manager').push('accounts', [
        { assumedMasterState: v1!, newDocumentState: stale as unknown as Doc },
      ]);
      expect(conflicts).toEqual([{ ...v2, seq: masterSeq }]);
      expect(await seqOf(tenant.id, 'accounts', 'a')).toBe(masterSeq);
    });

    it('treats a new document whose id exists as a conflict', async () => {
      const { tenant, as } = await freshTenant();
      const doc = makeDoc('accounts', { id: 'a', userId: tenant.users.owner.id });
      await as('owner').push('accounts', [{ newDocumentState: doc }]);
      const conflicts = await as('manager').push('accounts', [
        { newDocumentState: { ...doc, name: 'Another' } },
      ]);
      expect(conflicts.map(withoutSeq)).toEqual([doc]);
    });

    it('applies a push retried after a lost response once', async () => {
      const { tenant, as } = await freshTenant();
      const rows = ['a', 'b'].map((id) => ({
        newDocumentState: makeDoc('accounts', { id, userId: tenant.users.owner.id }),
      }));
      expect(await as('owner').push('accounts', rows)).toEqual([]);
      const seqs = [await seqOf(tenant.id, 'accounts', 'a'), await seqOf(tenant.id, 'accounts', 'b')];
      const audited = await auditCount(tenant.id);

      expect(await as('owner').push('accounts', rows)).toEqual([]);
      expect([await seqOf(tenant.id, 'accounts', 'a'), await seqOf(tenant.id, 'accounts', 'b')]).toEqual(
        seqs,
      );
      expect(await auditCount(tenant.id)).toBe(audited);
      expect((await as('owner').pullAll('accounts')).documents).toHaveLength(2);
    });

    it('merges concurrent edits of different fields made on two devices: both survive', async () => {
      const { tenant, as } = await freshTenant();
      const phone = as('owner');
      const desktop = as('manager');
      await phone.push('accounts', [
        { newDocumentState: makeDoc('accounts', { id: 'a', userId: tenant.users.owner.id }) },
      ]);
      // Both devices pull, then go offline and edit different fields.
      const [onPhone] = (await phone.pull('accounts')).documents;
      const [onDesktop] = (await desktop.pull('accounts')).documents;
      const phoneEdit = editFields(
        mergeAccounts,
        onPhone as unknown as AccountDoc,
        { name: 'Renamed on the phone' },
        stamp(10, 'phone'),
      );
      const desktopEdit = editFields(
        mergeAccounts,
        onDesktop as unknown as AccountDoc,
        { renewalDate: '2026-03-31' as AccountDoc['renewalDate'] },
        stamp(11, 'desktop'),
      );

      expect(
        await phone.push('accounts', [
          { assumedMasterState: onPhone!, newDocumentState: phoneEdit as unknown as Doc },
        ]),
      ).toEqual([]);
      const [master] = await desktop.push('accounts', [
        { assumedMasterState: onDesktop!, newDocumentState: desktopEdit as unknown as Doc },
      ]);
      expect(master).toMatchObject({ name: 'Renamed on the phone', renewalDate: null });
      // The desktop's conflict handler: merge with the master, push again against it.
      const merged = MERGERS.accounts(master as unknown as AccountDoc, desktopEdit);
      expect(
        await desktop.push('accounts', [
          { assumedMasterState: master!, newDocumentState: merged as unknown as Doc },
        ]),
      ).toEqual([]);

      for (const device of [phone, desktop]) {
        const [final] = (await device.pull('accounts')).documents;
        expect(final).toMatchObject({ name: 'Renamed on the phone', renewalDate: '2026-03-31' });
      }
    });

    it('resolves concurrent edits of the same value by hybrid clock, the loser kept in history', async () => {
      const { tenant, as } = await freshTenant();
      const early = as('owner');
      const late = as('manager');
      await early.push('accounts', [
        { newDocumentState: makeDoc('accounts', { id: 'a', userId: tenant.users.owner.id }) },
      ]);
      const [base] = (await early.pull('accounts')).documents;
      const earlier = editFields(
        mergeAccounts,
        base as unknown as AccountDoc,
        { name: 'Alpha' },
        stamp(10, 'devA'),
      );
      const later = editFields(
        mergeAccounts,
        base as unknown as AccountDoc,
        { name: 'Beta' },
        stamp(20, 'devB'),
      );

      // The later edit reaches the server first; the earlier one arrives afterwards and loses.
      await late.push('accounts', [{ assumedMasterState: base!, newDocumentState: later as unknown as Doc }]);
      const [master] = await early.push('accounts', [
        { assumedMasterState: base!, newDocumentState: earlier as unknown as Doc },
      ]);
      const merged = MERGERS.accounts(master as unknown as AccountDoc, earlier);
      expect(
        await early.push('accounts', [
          { assumedMasterState: master!, newDocumentState: merged as unknown as Doc },
        ]),
      ).toEqual([]);

      const [final] = (await late.pull('accounts')).documents;
      expect(final!.name).toBe('Beta');
      expect(final!.history).toContainEqual({
        field: 'name',
        value: 'Alpha',
        hlc: stamp(10, 'devA'),
        replacedBy: stamp(20, 'devB'),
      });
    });

    it('refuses a batch with an invalid document with invalid-document and every issue, writing none of it', async () => {
      const { tenant, as } = await freshTenant();
      const good = makeDoc('accounts', { id: 'good', userId: tenant.users.owner.id });
      const bad = {
        ...makeDoc('accounts', { id: 'bad', userId: tenant.users.owner.id }),
        name: ' ',
        renewalDate: '2025-02-30',
      };
      const res = await as('owner').pushResponse('accounts', [
        { newDocumentState: good },
        { newDocumentState: bad },
      ]);
      expect(res.status).toBe(422);
      const body = (await res.json()) as ErrorJson;
      expect(body.error.code).toBe('invalid-document');
      expect(body.error.message).toBe(SYNC_REASON_MESSAGES['invalid-document']);
      expect(body.error.issues!.map((i) => i.path).sort()).toEqual([
        '1.newDocumentState.name',
        '1.newDocumentState.renewalDate',
      ]);
      expect(await seqOf(tenant.id, 'accounts', 'good')).toBeNull();
    });

    it('ignores the seq a device sends: the server assigns it', async () => {
      const { tenant, as } = await freshTenant();
      const doc = { ...makeDoc('accounts', { id: 'a', userId: tenant.users.owner.id }), seq: -5 };
      expect(await as('owner').push('accounts', [{ newDocumentState: doc }])).toEqual([]);
      expect(await seqOf(tenant.id, 'accounts', 'a')).toBeGreaterThan(0);
    });

    it.each<[string, unknown, string]>([
      ['a body that is not an array', { newDocumentState: {} }, ''],
      ['a row without a new state', [{ assumedMasterState: { id: 'a' } }], '0.newDocumentState'],
      [
        'an assumed master state of another document',
        [{ assumedMasterState: { id: 'b' }, newDocumentState: 'DOC' }],
        '0.assumedMasterState.id',
      ],
      [
        'one document twice',
        [{ newDocumentState: 'DOC' }, { newDocumentState: 'DOC' }],
        '1.newDocumentState.id',
      ],
      [
        `more than ${PUSH_ROWS_MAX} rows`,
        Array.from({ length: PUSH_ROWS_MAX + 1 }, () => ({ newDocumentState: {} })),
        '',
      ],
    ])('refuses %s with invalid-request', async (_name, body, path) => {
      const { tenant, as } = await freshTenant();
      const doc = makeDoc('accounts', { id: 'a', userId: tenant.users.owner.id });
      const rows = JSON.parse(JSON.stringify(body).replaceAll('"DOC"', JSON.stringify(doc))) as unknown;
      const res = await as('owner').pushResponse('accounts', rows);
      expect(res.status).toBe(400);
      const error = ((await res.json()) as ErrorJson).error;
      expect(error.code).toBe('invalid-request');
      if (path) expect(error.issues?.map((i) => i.path)).toContain(path);
      expect(await seqOf(tenant.id, 'accounts', 'a')).toBeNull();
    });

    it('refuses a body that is not JSON', async () => {
      const { tenant } = await freshTenant();
      const res = await harness.app.request(`/api/tenants/${tenant.id}/sync/accounts/push`, {
        method: 'POST',
        headers: {
          cookie: tenant.users.owner.cookie,
          origin: TEST_ORIGIN,
          'content-type': 'application/json',
        },
        body: '[{',
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorJson).error.code).toBe('invalid-request');
    });

    it('refuses stamps from a device whose clock is far ahead, with clock-skew', async () => {
      const { tenant, as } = await freshTenant();
      const future = formatHlc({
        wallMs: harness.clock.now().getTime() + 60 * 60_000,
        counter: 0,
        nodeId: 'ahead',
      });
      const doc = makeDoc('accounts', { id: 'a', userId: tenant.users.owner.id, hlc: future });
      const res = await as('owner').pushResponse('accounts', [{ newDocumentState: doc }]);
      expect(res.status).toBe(422);
      const error = ((await res.json()) as ErrorJson).error;
      expect(error.code).toBe('clock-skew');
      expect(error.issues?.[0]?.path).toMatch(/^0\.newDocumentState\.clocks\./);
      expect(await seqOf(tenant.id, 'accounts', 'a')).toBeNull();
    });

    it('records every write in the audit trail: who, what, before and after', async () => {
      const { tenant, as } = await freshTenant();
      const doc = makeDoc('accounts', { id: 'a', userId: tenant.users.owner.id });
      await as('owner').push('accounts', [{ newDocumentState: doc }]);
      const [master] = (await as('owner').pull('accounts')).documents;
      const deleted = markDeleted(master as unknown as AccountDoc, stamp(3));
      await as('manager').push('accounts', [
        { assumedMasterState: master!, newDocumentState: deleted as unknown as Doc },
      ]);

      const rows = await db.sql<
        {
          user_id: string;
          action: string;
          collection: string;
          document_id: string;
          before: unknown;
          after: unknown;
        }[]
      >`
        select user_id, action, collection, document_id, before, after from audit_log where tenant_id = ${tenant.id} order by id`;
      expect(rows).toEqual([
        {
          user_id: tenant.users.owner.id,
          action: 'create',
          collection: 'accounts',
          document_id: 'a',
          before: null,
          after: doc,
        },
        {
          user_id: tenant.users.manager.id,
          action: 'delete',
          collection: 'accounts',
          document_id: 'a',
          before: doc,
          after: withoutSeq(deleted as unknown as Doc),
        },
      ]);
    });
  });

  describe('the protocol', () => {
    it.each<[string, number, string]>([
      ['0', 426, 'protocol-outdated'],
      ['garbage', 426, 'protocol-outdated'],
      ['2', 503, 'server-outdated'],
    ])('answers protocol version %s with %i %s', async (version, status, code) => {
      const { tenant } = await freshTenant();
      const res = await harness.app.request(`/api/tenants/${tenant.id}/sync/accounts/pull?limit=10`, {
        headers: { cookie: tenant.users.owner.cookie, [SYNC_PROTOCOL_HEADER]: version },
      });
      expect(res.status).toBe(status);
      const error = ((await res.json()) as ErrorJson).error;
      expect(error.code).toBe(code);
      if (code === 'protocol-outdated') expect(error.message).toMatch(/please update/);
    });

    it('lets a request without a protocol header through', async () => {
      const { tenant } = await freshTenant();
      const res = await harness.app.request(`/api/tenants/${tenant.id}/sync/accounts/pull?limit=10`, {
        headers: { cookie: tenant.users.owner.cookie },
      });
      expect(res.status).toBe(200);
    });

    it('answers an unknown collection with unknown-collection', async () => {
      const { as } = await freshTenant();
      for (const res of [
        await as('owner').pullResponse('users'),
        await as('owner').pushResponse('users', []),
      ]) {
        expect(res.status).toBe(404);
        expect(((await res.json()) as ErrorJson).error.code).toBe('unknown-collection');
      }
    });

    it('asks for sign-in', async () => {
      const { tenant } = await freshTenant();
      const res = await harness.app.request(`/api/tenants/${tenant.id}/sync/accounts/pull?limit=10`);
      expect(res.status).toBe(401);
    });
  });

  describe('roles', () => {
    it.each(COLLECTION_NAMES.filter((c) => c !== 'conversations'))(
      'refuses a viewer’s push to %s with forbidden',
      async (collection) => {
        const { tenant, as } = await freshTenant();
        const doc = makeDoc(collection, { id: 'x', userId: tenant.users.viewer.id });
        const res = await as('viewer').pushResponse(collection, [{ newDocumentState: doc }]);
        expect(res.status).toBe(403);
        expect(((await res.json()) as ErrorJson).error.code).toBe('forbidden');
        expect(await seqOf(tenant.id, collection, doc.id)).toBeNull();
      },
    );

    it('lets a viewer keep their own assistant conversations, and nobody read or write anyone else’s', async () => {
      const { tenant, as } = await freshTenant();
      const mine = makeDoc('conversations', { id: 'mine', userId: tenant.users.viewer.id });
      const theirs = makeDoc('conversations', { id: 'theirs', userId: tenant.users.owner.id });
      expect(await as('viewer').push('conversations', [{ newDocumentState: mine }])).toEqual([]);
      expect(await as('owner').push('conversations', [{ newDocumentState: theirs }])).toEqual([]);

      expect((await as('viewer').pullAll('conversations')).documents.map((d) => d.id)).toEqual(['mine']);
      expect((await as('owner').pullAll('conversations')).documents.map((d) => d.id)).toEqual(['theirs']);
      // Not even as a conflict answer: the master of another person's conversation is never sent.
      const res = await as('viewer').pushResponse('conversations', [
        { newDocumentState: { ...theirs, userId: tenant.users.viewer.id } },
      ]);
      expect(res.status).toBe(403);
      expect(JSON.stringify(await res.json())).not.toContain('Red renewals');
    });

    it('lets a CSM edit an account they own but not another’s, nor hand theirs over', async () => {
      const { tenant, as } = await freshTenant();
      const csm = tenant.users.csm.id;
      await as('manager').push('accounts', [
        { newDocumentState: makeDoc('accounts', { id: 'own', userId: csm }) },
        { newDocumentState: makeDoc('accounts', { id: 'other', userId: tenant.users.manager.id }) },
      ]);
      const docs = (await as('csm').pullAll('accounts')).documents;
      const own = docs.find((d) => d.id === 'own')!;
      const other = docs.find((d) => d.id === 'other')!;
      const rename = (doc: Doc, name: string): Doc =>
        editFields(mergeAccounts, doc as unknown as AccountDoc, { name }, stamp(30)) as unknown as Doc;

      expect(
        await as('csm').push('accounts', [
          { assumedMasterState: own, newDocumentState: rename(own, 'Mine, renamed') },
        ]),
      ).toEqual([]);
      const ownNow = (await as('csm').pullAll('accounts')).documents.find((d) => d.id === 'own')!;
      expect(ownNow.name).toBe('Mine, renamed');
      const seqs = [await seqOf(tenant.id, 'accounts', 'own'), await seqOf(tenant.id, 'accounts', 'other')];
      for (const [master, next] of [
        [other, rename(other, 'Not mine')],
        [ownNow, { ...rename(ownNow, 'Mine'), ownerId: tenant.users.manager.id }],
      ] as const) {
        const res = await as('csm').pushResponse('accounts', [
          { assumedMasterState: master, newDocumentState: next },
        ]);
        expect(res.status).toBe(403);
        expect(((await res.json()) as ErrorJson).error.code).toBe('forbidden');
      }
      expect([
        await seqOf(tenant.id, 'accounts', 'own'),
        await seqOf(tenant.id, 'accounts', 'other'),
      ]).toEqual(seqs);
      // KPI values follow the account.
      expect(
        await as('csm').push('measurements', [
          { newDocumentState: makeDoc('measurements', { id: 'own', userId: csm }) },
        ]),
      ).toEqual([]);
      const res = await as('csm').pushResponse('measurements', [
        { newDocumentState: makeDoc('measurements', { id: 'other', userId: csm }) },
      ]);
      expect(res.status).toBe(403);
      expect(await seqOf(tenant.id, 'measurements', 'other:2025-09')).toBeNull();
    });

    it('never takes members through sync, not even from an owner', async () => {
      const { tenant, as } = await freshTenant();
      const res = await as('owner').pushResponse('members', [
        { newDocumentState: makeDoc('members', { id: 'x', userId: tenant.users.owner.id }) },
      ]);
      expect(res.status).toBe(403);
    });
  });
});
