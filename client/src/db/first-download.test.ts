import { MERGERS, formatHlc, isSameState, type Checkpoint } from '@vitals/shared';
import type { RxReplicationPullStreamItem, RxReplicationWriteToMasterRow } from 'rxdb';
import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from '../api/http';
import { openTenantDatabase, type VitalsDatabase } from './database';
import { startCollection, type CollectionTransport } from './replication';

type Doc = Record<string, unknown> & { id: string; _deleted: boolean; seq?: number };

const clock = (minute: number, node = 'server'): string =>
  formatHlc({ wallMs: Date.UTC(2025, 2, 1, 0, minute), counter: 0, nodeId: node });

function account(i: number): Doc {
  return {
    id: `acc-${String(i).padStart(5, '0')}`,
    name: `Account ${i}`,
    segment: 'SMB',
    ownerId: null,
    renewalDate: null,
    createdAt: '2025-03-01T00:00:00.000Z',
    clocks: { name: clock(0) },
    history: [],
    _deleted: false,
  };
}

/**
 * The sync server's protocol in memory: pull by (seq, id) checkpoint, push with RxDB's conflict rule
 * (the assumed master state must be the current one, or the current one comes back as a conflict).
 */
class MemoryServer {
  readonly docs = new Map<string, Doc>();
  readonly pushed: RxReplicationWriteToMasterRow<Doc>[] = [];
  seq = 0;
  pullDelayMs = 0;
  /** The server's sync epoch: every checkpoint carries it, and one of another epoch is refused. */
  epoch = 'epoch-1';
  /** Pulls answered before the connection "drops" (every later pull fails until this is raised again). */
  pullsUntilOffline = Infinity;
  pulls = 0;

  put(doc: Doc): void {
    this.docs.set(doc.id, { ...doc, seq: ++this.seq });
  }

  transport(): CollectionTransport {
    return {
      pull: async (checkpoint, limit) => {
        if (this.pullDelayMs) await new Promise((r) => setTimeout(r, this.pullDelayMs));
        if (++this.pulls > this.pullsUntilOffline) throw new Error('offline');
        if (checkpoint?.epoch !== undefined && checkpoint.epoch !== this.epoch) {
          throw new HttpError(409, 'epoch-changed', 'The server was restored from a backup.', { epoch: this.epoch });
        }
        const after = checkpoint?.seq ?? 0;
        const documents = [...this.docs.values()]
          .filter((d) => d.seq! > after)
          .sort((a, b) => a.seq! - b.seq!)
          .slice(0, limit);
        const last = documents.at(-1);
        const next: Checkpoint | null = last ? { id: last.id, seq: last.seq!, epoch: this.epoch } : checkpoint;
        return { documents: structuredClone(documents), checkpoint: next };
      },
      push: async (rows) => {
        this.pushed.push(...rows);
        const conflicts: Doc[] = [];
        for (const row of rows) {
          const master = this.docs.get(row.newDocumentState.id);
          if (master && (!row.assumedMasterState || !isSameState(master, row.assumedMasterState))) {
            conflicts.push(structuredClone(master));
          } else {
            this.put(structuredClone(row.newDocumentState));
          }
        }
        return conflicts;
      },
    };
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// The real device database (RxDB on Dexie over fake-indexeddb) and the real replication code, against the
// protocol in memory: the first download must behave exactly like RxDB's own downstream would afterwards.
describe('a first download followed by the replication', () => {
  let db: VitalsDatabase;
  let server: MemoryServer;
  const stream$ = new Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>();
  let cancel: () => Promise<unknown> = async () => undefined;

  beforeEach(async () => {
    db = await openTenantDatabase('user-1', `tenant-${Date.now()}-${Math.round(Math.random() * 1e6)}`);
    server = new MemoryServer();
    for (let i = 0; i < 2_500; i++) server.put(account(i));
  });
  afterEach(async () => {
    await cancel();
    await db.remove();
  });

  async function start() {
    const state = await startCollection(db, 'accounts', 'test-accounts', server.transport(), stream$, () => false);
    cancel = () => state.cancel();
    await state.awaitInitialReplication();
    return state;
  }

  it('stores every page and pushes none of it back', async () => {
    await start();
    expect(await db.accounts.count().exec()).toBe(2_500);
    await new Promise((r) => setTimeout(r, 200));
    expect(server.pushed).toEqual([]);
  });

  it('applies later server changes to downloaded documents', async () => {
    const state = await start();
    const changed = { ...server.docs.get('acc-00007')!, name: 'Renamed on the server', clocks: { name: clock(5) } };
    server.put(changed);
    state.reSync();
    await until(async () => (await db.accounts.findOne('acc-00007').exec())?.get('name') === 'Renamed on the server', 'the server change');
  });

  it('pushes a local edit of a downloaded document, merged with the server state', async () => {
    await start();
    const doc = await db.accounts.findOne('acc-00042').exec();
    await doc!.incrementalModify((d) => ({ ...d, name: 'Renamed here', clocks: { ...(d.clocks as object), name: clock(9, 'device') } }));
    await until(() => server.docs.get('acc-00042')?.name === 'Renamed here', 'the edit on the server');
    // The first push carried no assumed state (the download keeps no meta copy): answered with a conflict,
    // merged, and pushed again.
    const rows = server.pushed.filter((r) => r.newDocumentState.id === 'acc-00042');
    expect(rows[0]!.assumedMasterState).toBeUndefined();
    expect(rows.at(-1)!.assumedMasterState).toBeDefined();
    const merge = MERGERS.accounts as unknown as (a: Doc, b: Doc) => Doc;
    expect(merge(server.docs.get('acc-00042')!, rows.at(-1)!.newDocumentState).name).toBe('Renamed here');
  });

  it('keeps what was stored when the connection drops part-way, and the replication fetches only the rest', async () => {
    server.pullsUntilOffline = 2;
    const state = await startCollection(db, 'accounts', 'test-accounts', server.transport(), stream$, () => false);
    cancel = () => state.cancel();
    // The two pages before the drop are on the device.
    expect(await db.accounts.count().exec()).toBe(2_000);
    server.pullsUntilOffline = Infinity;
    const pullsBefore = server.pulls;
    state.reSync();
    await until(async () => (await db.accounts.count().exec()) === 2_500, 'the rest of the documents');
    await state.awaitInSync();
    // Resumed after the stored pages: one page with the last 500, then the empty answer.
    expect(server.pulls - pullsBefore).toBeLessThanOrEqual(3);
    expect(server.pushed).toEqual([]);
  }, 20_000);

  it('stores documents as the server sent them, read back through RxDB', async () => {
    server.put({ ...account(123), _deleted: true });
    await start();
    const stored = (await db.accounts.findOne('acc-00124').exec())!.toJSON() as Doc;
    const { _deleted, ...sent } = server.docs.get('acc-00124')!;
    expect(_deleted).toBe(false);
    expect(stored).toEqual(sent);
    // A tombstone is stored as one (RxDB leaves it out of every query).
    expect(await db.accounts.findOne('acc-00123').exec()).toBeNull();
    expect(await db.accounts.count().exec()).toBe(2_499);
  });

  it('tells which epoch the server is in, and when a restore started a new one', async () => {
    const seen: string[] = [];
    const changed: string[] = [];
    const epochs = { seen: (e: string) => seen.push(e), changed: (e: string) => changed.push(e) };
    const state = await startCollection(db, 'accounts', 'test-accounts', server.transport(), stream$, () => false, epochs);
    cancel = () => state.cancel();
    await state.awaitInSync();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e === 'epoch-1')).toBe(true);
    server.epoch = 'epoch-2';
    server.put({ ...account(7), name: 'Written after the restore' });
    state.reSync();
    await until(() => changed.length > 0, 'the refusal');
    expect(changed[0]).toBe('epoch-2');
  });

  it('holds a local write made during the download until it is stored, then pushes it', async () => {
    server.pullDelayMs = 30;
    const started = startCollection(db, 'accounts', 'test-accounts', server.transport(), stream$, () => false);
    await until(async () => (await db.accounts.count().exec()) > 0, 'the first page');
    const inserted = db.accounts.insert({ ...account(90_000), clocks: { name: clock(3, 'device') } } as never);
    const state = await started;
    cancel = () => state.cancel();
    await inserted;
    await until(() => server.docs.has('acc-90000'), 'the new document on the server');
    expect(server.pushed.map((r) => r.newDocumentState.id)).toEqual(['acc-90000']);
  });
});
