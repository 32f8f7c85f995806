/**
 * The order in which the device database's measurements are read at start-up: newest months first, so
 * the dashboard can show every account's status from the latest two months (about 4,000 of 50,000
 * documents) while the history is still being read, a few months per read.
 */
import { addMonths, previousMonth, type Month } from '@vitals/shared';
import type { MangoQuerySelector, RxCollection } from 'rxdb';
import { indexEnds } from './find-all';

export type MeasurementSelector = MangoQuerySelector<Record<string, unknown>>;

/** Months per read after the first part: a few thousand documents, so no read holds the main thread long. */
export const MONTHS_PER_PART = 3;

/**
 * The measurement reads at start-up, newest months first: the latest two months (today's status and last
 * month's), then three months at a time going back, then anything older (the last part has no lower bound,
 * so every document is read exactly once).
 */
export async function newestMonthsFirst(collection: RxCollection): Promise<MeasurementSelector[]> {
  // The oldest and newest months with a live document: two index reads (RxDB would sort everything for the newest).
  const ends = await indexEnds<{ month: Month }>(collection, 'month');
  if (!ends) return [{}];
  const oldest = ends.first.month;
  const first = previousMonth(ends.last.month);
  const parts: MeasurementSelector[] = [{ month: { $gte: first } }];
  let end = first;
  while (end > oldest) {
    const start = addMonths(end, -MONTHS_PER_PART);
    parts.push(start > oldest ? { month: { $gte: start, $lt: end } } : { month: { $lt: end } });
    end = start;
  }
  return parts;
}
