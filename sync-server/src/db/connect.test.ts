import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import type { Database } from './connect';
import { withScope } from './tenant-scope';

// A device pulls all eight collections at once: parallel queries and transactions must not trip over each
// other (on PGlite's socket they once shared an unnamed portal and failed with `portal "" does not exist`).
describe.each(databaseKinds())('parallel queries on %s PostgreSQL', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());

  it('answers 40 concurrent plain queries and transactions correctly', async () => {
    const work = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? db.sql<{ n: number }[]>`select ${i}::int as n, pg_sleep(0.001)`.then((rows) => rows[0]!.n)
        : withScope(db.sql, {}, async (tx) => (await tx<{ n: number }[]>`select ${i}::int as n`)[0]!.n),
    );
    expect(await Promise.all(work)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});
