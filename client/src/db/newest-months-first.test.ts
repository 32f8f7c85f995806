import { addMonths, month as toMonth, type Month } from '@vitals/shared';
import { createRoot } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveCollection } from '../state/live-collection';
import { openTenantDatabase, type VitalsDatabase } from './database';
import { newestMonthsFirst } from './newest-months-first';

function measurement(accountId: string, month: Month, deleted = false): Record<string, unknown> {
  const value = { value: 72, source: { kind: 'upload', versionId: 'ver-1' }, hlc: '001740787200000-000000-devA' };
  return { id: `${accountId}:${month}`, accountId, month, values: { nps: value }, history: [], clocks: {}, seq: 0, _deleted: deleted };
}

/** Months from `from`, `count` of them, skipping those in `gaps`. */
function months(from: string, count: number, gaps: readonly string[] = []): Month[] {
  return Array.from({ length: count }, (_, i) => addMonths(toMonth(from), i)).filter((m) => !gaps.includes(m));
}

async function until(
  check: () => boolean,
  what: string,
  pause: () => Promise<unknown> = () => new Promise((r) => setTimeout(r, 10)),
): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
    await pause();
  }
}

describe('reading measurements newest months first', () => {
  let db: VitalsDatabase;

  beforeEach(async () => {
    db = await openTenantDatabase('user-1', `tenant-${Date.now()}-${Math.round(Math.random() * 1e6)}`);
  });
  afterEach(async () => {
    await db.remove();
  });

  async function insert(accounts: number, spread: readonly Month[]): Promise<void> {
    const docs = [];
    for (let a = 0; a < accounts; a++) for (const m of spread) docs.push(measurement(`acc-${a}`, m));
    await db.measurements.bulkInsert(docs as never[]);
  }

  it('plans reads that start with the latest two months and cover every document exactly once', async () => {
    const spread = months('2023-02', 31, ['2024-01', '2024-02', '2024-03', '2024-04']);
    await insert(4, spread);
    // A deleted newer month does not count: it is not on screen.
    await db.measurements.insert(measurement('acc-0', toMonth('2026-01')) as never);
    await db.measurements.findOne('acc-0:2026-01').exec().then((d) => d!.remove());
    const parts = await newestMonthsFirst(db.measurements);
    expect(parts[0]).toEqual({ month: { $gte: '2025-07' } });
    const seen = new Map<string, number>();
    for (const selector of parts) {
      for (const doc of await db.measurements.find({ selector }).exec()) seen.set(doc.primary, (seen.get(doc.primary) ?? 0) + 1);
    }
    expect(seen.size).toBe(4 * spread.length);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('reads an empty collection in one part', async () => {
    expect(await newestMonthsFirst(db.measurements)).toEqual([{}]);
  });

  it('shows the latest months first, then every document once all parts are read', async () => {
    const spread = months('2024-01', 20);
    await insert(5, spread);
    const live = createRoot(() => liveCollection<{ id: string; month: string }>(db.measurements, { parts: newestMonthsFirst }));
    // Checked on every turn of the event loop: here the whole collection is read within a few milliseconds.
    await until(() => live.firstPart() !== null || live.loaded(), 'the first part', () => new Promise((r) => setImmediate(r)));
    expect(live.loaded()).toBe(false);
    expect([...new Set(live.firstPart()!.map((d) => d.month))].sort()).toEqual(['2025-07', '2025-08']);
    await until(() => live.loaded(), 'every part');
    expect(live.docs()).toHaveLength(5 * spread.length);
    expect(live.firstPart()).toBeNull();
  });
});
