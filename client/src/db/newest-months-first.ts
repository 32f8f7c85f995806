/**
 * The order in which the device database's measurements are read at start-up: newest months first, so
 * the dashboard can show every account's status from the latest two months (about 4,000 of 50,000
 * documents) while the history is still being read, a few months per read.
 */
import { addMonths, previousMonth, type Month } from '@vitals/shared';
import type { MangoQuerySelector, RxCollection } from 'rxdb';

export type MeasurementSelector = MangoQuerySelector<Record<string, unknown>>;

/** Months per read after the first part: a few thousand documents, so no read holds the main thread long. */
export const MONTHS_PER_PART = 3;

/** Months after the oldest that the newest-month search covers: a century, beyond any real data. */
const MONTH_SEARCH_SPAN = 1200;

/**
 * The newest month with a document. RxDB re-sorts every matching document for a descending sort (a
 * `findOne` sorted by month, newest first, read all 50,000 at start-up), while counting an index range is
 * cheap: binary search for the last month from which on any document exists (about 11 counts).
 */
export async function newestMonth(collection: RxCollection, oldest: Month): Promise<Month> {
  let low = 0;
  let high = MONTH_SEARCH_SPAN;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    const count = await collection.count({ selector: { month: { $gte: addMonths(oldest, mid) } } }).exec();
    if (count > 0) low = mid;
    else high = mid;
  }
  return addMonths(oldest, low);
}

/**
 * The measurement reads at start-up, newest months first: the latest two months (today's status and last
 * month's), then three months at a time going back, then anything older (the last part has no lower bound,
 * so every document is read exactly once).
 */
export async function newestMonthsFirst(collection: RxCollection): Promise<MeasurementSelector[]> {
  const oldestDoc = await collection.findOne({ selector: {}, sort: [{ month: 'asc' }] }).exec();
  if (!oldestDoc) return [{}];
  const oldest = oldestDoc.get('month') as Month;
  const first = previousMonth(await newestMonth(collection, oldest));
  const parts: MeasurementSelector[] = [{ month: { $gte: first } }];
  let end = first;
  while (end > oldest) {
    const start = addMonths(end, -MONTHS_PER_PART);
    parts.push(start > oldest ? { month: { $gte: start, $lt: end } } : { month: { $lt: end } });
    end = start;
  }
  return parts;
}
