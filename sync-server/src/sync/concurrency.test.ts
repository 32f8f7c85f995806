/**
 * Concurrency: writers pushing in parallel while a device pulls in small pages, with one writer's
 * transaction held open after it has taken its seqs. Without the tenant write lock, the others would commit
 * higher seqs first, the puller's checkpoint would pass the held writer's seqs, and its documents would
 * never reach the device (on the real PostgreSQL; PGlite serialises transactions anyway).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MERGERS, editFields, mergeAccounts, type AccountDoc, type Checkpoint } from '@vitals/shared';
import type { Database } from '../db/connect';
import { testApp } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { makeDoc, stamp } from '../testing/documents';
import { syncClient, type Doc } from '../testing/sync-client';
import { createTestTenant } from '../testing/tenants';
import { parsePushBody } from './push-body';
import { pushDocuments } from './push';

const WRITERS = 4;
const BATCHES = 3;
const PER_BATCH = 4;
const HELD_MS = 400;

describe.each(databaseKinds())('concurrent sync on %s PostgreSQL', (kind) => {
  let db: Database;
  let harness: ReturnType<typeof testApp>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    harness = testApp(db);
  });
  afterAll(() => db.close());

  it('delivers every write exactly once to a device pulling while writers commit out of order', async () => {
    const tenant = await createTestTenant(db, {
      name: 'Busy',
      roles: { owner: 'owner', puller: 'viewer' },
      now: harness.clock.now(),
    });
    const owner = tenant.users.owner;
    const doc = (id: string): Doc => makeDoc('accounts', { id, userId: owner.id }) as unknown as Doc;
    const expected: string[] = [];

    // The late writer: takes its seqs, then holds its transaction open before commit.
    const heldIds = Array.from({ length: PER_BATCH }, (_, i) => `held-${i}`);
    expected.push(...heldIds);
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const held = pushDocuments(harness.deps, {
      tenantId: tenant.id,
      userId: owner.id,
      role: 'owner',
      collection: 'accounts',
      rows: parsePushBody(
        'accounts',
        heldIds.map((id) => ({ newDocumentState: doc(id) })),
      ),
      beforeCommit: async () => {
        entered();
        await sleep(HELD_MS);
      },
    });
    await inside;

    // Meanwhile: the other writers, each pushing batches one after another, all in parallel...
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      const client = syncClient(harness.app, tenant.id, owner.cookie);
      for (let batch = 0; batch < BATCHES; batch++) {
        const ids = Array.from({ length: PER_BATCH }, (_, i) => `w${w}-b${batch}-${i}`);
        expected.push(...ids);
        expect(
          await client.push(
            'accounts',
            ids.map((id) => ({ newDocumentState: doc(id) })),
          ),
        ).toEqual([]);
      }
    });
    let writing = true;
    const done = Promise.all([held, ...writers]).finally(() => (writing = false));

    // ...and a device pulling three at a time until the writers are done and it has caught up.
    const device = syncClient(harness.app, tenant.id, tenant.users.puller.cookie);
    const received: string[] = [];
    let checkpoint: Checkpoint | null = null;
    for (;;) {
      const stillWriting = writing;
      const page = await device.pull('accounts', { checkpoint, limit: 3 });
      received.push(...page.documents.map((d) => d.id));
      checkpoint = page.checkpoint;
      if (page.documents.length === 0 && !stillWriting) break;
      if (page.documents.length === 0) await sleep(5);
    }
    await done;

    expect(received).toHaveLength(expected.length);
    expect([...received].sort()).toEqual([...expected].sort());
  });

  it('lets exactly one of two simultaneous edits of a document win; the other merges and both edits survive', async () => {
    const tenant = await createTestTenant(db, {
      name: 'Race',
      roles: { a: 'manager', b: 'manager' },
      now: harness.clock.now(),
    });
    const phone = syncClient(harness.app, tenant.id, tenant.users.a.cookie);
    const tablet = syncClient(harness.app, tenant.id, tenant.users.b.cookie);
    await phone.push('accounts', [
      { newDocumentState: makeDoc('accounts', { id: 'x', userId: tenant.users.a.id }) as unknown as Doc },
    ]);
    const [base] = (await phone.pull('accounts', { limit: 10 })).documents;
    const fromPhone = editFields(
      mergeAccounts,
      base as unknown as AccountDoc,
      { name: 'Phone' },
      stamp(40, 'phone'),
    );
    const fromTablet = editFields(
      mergeAccounts,
      base as unknown as AccountDoc,
      { segment: 'Enterprise' },
      stamp(41, 'tablet'),
    );

    const answers = await Promise.all([
      phone.push('accounts', [{ assumedMasterState: base!, newDocumentState: fromPhone as unknown as Doc }]),
      tablet.push('accounts', [
        { assumedMasterState: base!, newDocumentState: fromTablet as unknown as Doc },
      ]),
    ]);
    expect(answers.filter((conflicts) => conflicts.length === 0)).toHaveLength(1);
    const loser =
      answers[0]!.length === 0
        ? { client: tablet, edit: fromTablet, master: answers[1]![0]! }
        : { client: phone, edit: fromPhone, master: answers[0]![0]! };
    const merged = MERGERS.accounts(loser.master as unknown as AccountDoc, loser.edit);
    expect(
      await loser.client.push('accounts', [
        { assumedMasterState: loser.master, newDocumentState: merged as unknown as Doc },
      ]),
    ).toEqual([]);

    const [onPhone] = (await phone.pull('accounts', { limit: 10 })).documents;
    const [onTablet] = (await tablet.pull('accounts', { limit: 10 })).documents;
    expect(onPhone).toEqual(onTablet);
    expect(onPhone).toMatchObject({ name: 'Phone', segment: 'Enterprise' });
  });
});
