import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connect';
import { openTestDatabase } from '../testing/databases';
import { openSecondConnection } from '../testing/second-connection';
import { recordingLogger } from '../testing/silent-logger';
import type { Change, ChangeFeed, FeedEvent } from './change-feed';
import { createInProcessFeed } from './in-process-feed';
import { createPostgresFeed } from './postgres-feed';

const T1 = randomUUID();
const T2 = randomUUID();
const change = (tenantId: string, seq: number): Change => ({
  tenantId,
  collection: 'accounts',
  checkpoint: { id: `a${seq}`, seq },
});

function collect(feed: ChangeFeed, tenantId: string): { events: FeedEvent[]; stop: () => void } {
  const events: FeedEvent[] = [];
  return { events, stop: feed.subscribe(tenantId, (event) => events.push(event)) };
}

describe('the in-process change feed', () => {
  it('delivers a change to the listeners of its tenant only, until they unsubscribe', async () => {
    const feed = createInProcessFeed(recordingLogger());
    const one = collect(feed, T1);
    const two = collect(feed, T1);
    const other = collect(feed, T2);
    await feed.publish(change(T1, 1));
    two.stop();
    await feed.publish(change(T1, 2));
    expect(one.events).toEqual([
      { type: 'change', change: change(T1, 1) },
      { type: 'change', change: change(T1, 2) },
    ]);
    expect(two.events).toEqual([{ type: 'change', change: change(T1, 1) }]);
    expect(other.events).toEqual([]);
    one.stop();
    expect(feed.listenerCount(T1)).toBe(0);
  });

  it('keeps delivering to the others when one listener throws, and logs it', async () => {
    const log = recordingLogger();
    const feed = createInProcessFeed(log);
    feed.subscribe(T1, () => {
      throw new Error('broken stream');
    });
    const healthy = collect(feed, T1);
    await feed.publish(change(T1, 1));
    expect(healthy.events).toHaveLength(1);
    expect(log.lines).toEqual([
      {
        level: 'error',
        message: 'change feed listener failed',
        fields: { error: new Error('broken stream') },
      },
    ]);
  });
});

// Skipped without TEST_DATABASE_URL: LISTEN/NOTIFY needs a real PostgreSQL server (PGlite's socket does not
// forward notifications). CI sets TEST_DATABASE_URL, so these always run there.
describe.runIf(process.env.TEST_DATABASE_URL)('the LISTEN/NOTIFY change feed', () => {
  let db: Database;
  let other: Database;
  let first: ChangeFeed;
  let second: ChangeFeed;
  const log = recordingLogger();

  beforeAll(async () => {
    db = await openTestDatabase('postgres');
    other = await openSecondConnection(db);
    first = await createPostgresFeed(db.sql, log);
    second = await createPostgresFeed(other.sql, log);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await other.close();
    await db.close();
  });

  it('reaches the listeners of every instance exactly once, and of the tenant only', async () => {
    const here = collect(first, T1);
    const there = collect(second, T1);
    const elsewhere = collect(second, T2);
    await first.publish(change(T1, 7));
    await expect.poll(() => there.events.length).toBe(1);
    await sleep(200); // time for a duplicate to arrive, if there were one
    expect(here.events).toEqual([{ type: 'change', change: change(T1, 7) }]);
    expect(there.events).toEqual([{ type: 'change', change: change(T1, 7) }]);
    expect(elsewhere.events).toEqual([]);
    here.stop();
    there.stop();
    elsewhere.stop();
  });

  it('tells every stream to resync when its LISTEN connection was lost and came back', async () => {
    const there = collect(second, T1);
    // What a database restart or a dropped connection does to the listening session.
    await db.sql`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and query ilike 'listen%' and pid <> pg_backend_pid()`;
    await expect.poll(() => there.events, { timeout: 10_000 }).toContainEqual({ type: 'resync' });
    there.stop();
    // And it hears changes again afterwards.
    const again = collect(second, T1);
    await expect
      .poll(
        async () => {
          await first.publish(change(T1, 9));
          return again.events.some((event) => event.type === 'change');
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe(true);
    again.stop();
  });

  it('ignores a malformed notification on its channel, with a warning', async () => {
    // A tenant of its own: changes published by the tests above may still be on their way to T1.
    const tenantId = randomUUID();
    const there = collect(second, tenantId);
    await db.sql.notify(
      'vitals_sync_changes',
      JSON.stringify({ origin: 'x', tenantId, collection: 'users', checkpoint: { id: 'a', seq: 1 } }),
    );
    await expect
      .poll(() => log.lines.some((line) => line.message === 'ignored a malformed change notification'))
      .toBe(true);
    expect(there.events).toEqual([]);
    there.stop();
  });
});
