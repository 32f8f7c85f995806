/** The SSE stream over real HTTP, and the stream loop itself (heartbeats, permission ending it). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREAM_HEARTBEAT_MS, type StreamMessage } from '@vitals/shared';
import type { Database } from '../db/connect';
import { currentEpoch } from './epoch';
import { createLogger } from '../logger';
import { testApp } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { makeDoc } from '../testing/documents';
import { openSecondConnection } from '../testing/second-connection';
import { openStream, serveApp, type TestServer } from '../testing/sse';
import { syncClient, type Doc } from '../testing/sync-client';
import { createTestTenant, type TestTenant } from '../testing/tenants';
import type { ChangeFeed } from './change-feed';
import { createInProcessFeed, type InProcessFeed } from './in-process-feed';
import { createPostgresFeed } from './postgres-feed';
import { runChangeStream } from './stream';

const isChanges = (m: StreamMessage): boolean => m.type === 'CHANGES';
const streamPath = (tenantId: string): string => `/api/tenants/${tenantId}/sync/stream`;

describe.each(databaseKinds())('the sync stream on %s PostgreSQL', (kind) => {
  let db: Database;
  let feed: InProcessFeed;
  let harness: ReturnType<typeof testApp>;
  let server: TestServer;
  let a: TestTenant<'owner' | 'csm'>;
  let b: TestTenant<'owner'>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    feed = createInProcessFeed(createLogger('silent'));
    harness = testApp(db, { feed });
    server = await serveApp(harness.app);
    a = await createTestTenant(db, {
      name: 'Streams A',
      roles: { owner: 'owner', csm: 'csm' },
      now: harness.clock.now(),
    });
    b = await createTestTenant(db, {
      name: 'Streams B',
      roles: { owner: 'owner' },
      now: harness.clock.now(),
    });
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  it("sends RESYNC first, then a push's documents to its tenant's streams and not to another tenant's", async () => {
    const mine = await openStream(`${server.url}${streamPath(a.id)}`, a.users.csm.cookie);
    const theirs = await openStream(`${server.url}${streamPath(b.id)}`, b.users.owner.cookie);
    try {
      expect(mine.status).toBe(200);
      await mine.next((m) => m.type === 'RESYNC');
      await theirs.next((m) => m.type === 'RESYNC');
      expect(mine.messages[0]).toEqual({ type: 'RESYNC' });

      const doc = makeDoc('accounts', { id: 'streamed', userId: a.users.owner.id }) as unknown as Doc;
      await syncClient(harness.app, a.id, a.users.owner.cookie).push('accounts', [{ newDocumentState: doc }]);
      const changes = await mine.next(isChanges);
      const [row] = await db.sql<
        { seq: string }[]
      >`select seq from sync_documents where tenant_id = ${a.id} and id = 'streamed'`;
      const seq = Number(row!.seq);
      expect(changes).toEqual({
        type: 'CHANGES',
        collection: 'accounts',
        documents: [{ ...doc, seq }],
        checkpoint: { id: 'streamed', seq, epoch: await currentEpoch(db.sql) },
      });

      // The other tenant's stream stays quiet (give a wrongly routed change time to arrive).
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(theirs.messages).toEqual([{ type: 'RESYNC' }]);
    } finally {
      await mine.close();
      await theirs.close();
    }
  });

  it("never streams another person's assistant conversation", async () => {
    const csm = await openStream(`${server.url}${streamPath(a.id)}`, a.users.csm.cookie);
    try {
      await csm.next((m) => m.type === 'RESYNC');
      const owner = syncClient(harness.app, a.id, a.users.owner.cookie);
      await owner.push('conversations', [
        {
          newDocumentState: makeDoc('conversations', {
            id: 'private',
            userId: a.users.owner.id,
          }) as unknown as Doc,
        },
      ]);
      const mine = makeDoc('conversations', { id: 'mine', userId: a.users.csm.id }) as unknown as Doc;
      await syncClient(harness.app, a.id, a.users.csm.cookie).push('conversations', [
        { newDocumentState: mine },
      ]);
      const changes = await csm.next(isChanges);
      expect(changes).toMatchObject({ collection: 'conversations', documents: [{ id: 'mine' }] });
      expect(JSON.stringify(csm.messages)).not.toContain('private');
    } finally {
      await csm.close();
    }
  });

  it('ends its subscription when the device goes away', async () => {
    const stream = await openStream(`${server.url}${streamPath(b.id)}`, b.users.owner.cookie);
    await stream.next((m) => m.type === 'RESYNC');
    expect(feed.listenerCount(b.id)).toBe(1);
    await stream.close();
    await expect.poll(() => feed.listenerCount(b.id)).toBe(0);
  });

  it('answers a stream request without a session with 401, before any stream starts', async () => {
    const res = await fetch(`${server.url}${streamPath(a.id)}`);
    expect(res.status).toBe(401);
    expect(feed.listenerCount(a.id)).toBe(0);
  });

  it('sends heartbeats, and ends when the session or membership is gone', async () => {
    const sent: StreamMessage<unknown>[] = [];
    let allowed = true;
    const quietFeed = createInProcessFeed(createLogger('silent'));
    const running = runChangeStream({
      sql: db.sql,
      feed: quietFeed,
      log: createLogger('silent'),
      tenantId: a.id,
      userId: a.users.owner.id,
      heartbeatMs: 20,
      send: async (message) => void sent.push(message),
      gone: new Promise(() => undefined),
      stillAllowed: async () => allowed,
    });
    await expect.poll(() => sent.filter((m) => m.type === 'HEARTBEAT').length).toBeGreaterThanOrEqual(2);
    expect(sent[0]).toEqual({ type: 'RESYNC' });
    allowed = false;
    await running;
    expect(quietFeed.listenerCount(a.id)).toBe(0);
    expect(STREAM_HEARTBEAT_MS).toBe(15_000);
  });
});

// Skipped without TEST_DATABASE_URL: LISTEN/NOTIFY needs a real PostgreSQL server (PGlite's socket does not
// forward notifications). CI sets TEST_DATABASE_URL, so these always run there.
describe.runIf(process.env.TEST_DATABASE_URL)('the sync stream across two server instances', () => {
  let db: Database;
  let other: Database;
  const feeds: ChangeFeed[] = [];
  const servers: TestServer[] = [];
  let tenant: TestTenant<'owner'>;
  let first: ReturnType<typeof testApp>;

  beforeAll(async () => {
    db = await openTestDatabase('postgres');
    other = await openSecondConnection(db);
    const log = createLogger('silent');
    // Two instances, each with its own connections and its own LISTEN, sharing one database.
    feeds.push(await createPostgresFeed(db.sql, log), await createPostgresFeed(other.sql, log));
    first = testApp(db, { feed: feeds[0]! });
    const second = testApp(other, { feed: feeds[1]!, clock: first.clock });
    servers.push(await serveApp(first.app), await serveApp(second.app));
    tenant = await createTestTenant(db, {
      name: 'Two instances',
      roles: { owner: 'owner' },
      now: first.clock.now(),
    });
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const feed of feeds) await feed.close();
    await other.close();
    await db.close();
  });

  it('brings a push through instance 1 to a stream on instance 2 through LISTEN/NOTIFY, once on each', async () => {
    const onSecond = await openStream(
      `${servers[1]!.url}${streamPath(tenant.id)}`,
      tenant.users.owner.cookie,
    );
    const onFirst = await openStream(`${servers[0]!.url}${streamPath(tenant.id)}`, tenant.users.owner.cookie);
    try {
      await onSecond.next((m) => m.type === 'RESYNC');
      await onFirst.next((m) => m.type === 'RESYNC');
      const doc = makeDoc('accounts', { id: 'across', userId: tenant.users.owner.id }) as unknown as Doc;
      await syncClient(first.app, tenant.id, tenant.users.owner.cookie).push('accounts', [
        { newDocumentState: doc },
      ]);

      for (const stream of [onSecond, onFirst]) {
        expect(await stream.next(isChanges)).toMatchObject({
          type: 'CHANGES',
          collection: 'accounts',
          documents: [{ id: 'across' }],
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const stream of [onSecond, onFirst]) expect(stream.messages.filter(isChanges)).toHaveLength(1);
    } finally {
      await onSecond.close();
      await onFirst.close();
    }
  });
});
