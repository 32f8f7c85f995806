import { describe, expect, it } from 'vitest';
import type { MeasurementDoc } from '../schemas/measurements';
import type { IsoDate } from '../units';
import { assistantDataFromDocuments, seriesFromMeasurements } from './data';

type Measurement = Pick<MeasurementDoc, 'accountId' | 'month' | 'values' | '_deleted'>;
const cell = (value: number | null) => ({ value, source: { kind: 'computed' as const }, hlc: '0000000000000-0000-x' });

describe('assistant data from stored documents', () => {
  const measurements: Measurement[] = [
    { accountId: 'a', month: '2025-09', values: { nps: cell(10), csat: cell(null) }, _deleted: false },
    { accountId: 'a', month: '2025-07', values: { nps: cell(5) }, _deleted: false },
    { accountId: 'a', month: '2025-08', values: { nps: cell(99) }, _deleted: true },
    { accountId: 'b', month: '2025-09', values: { arr: cell(1_000_000) }, _deleted: false },
  ] as Measurement[];

  it('gives one series per account, months in order, without deleted documents or cleared values', () => {
    const series = seriesFromMeasurements(measurements);
    expect(series.map((s) => [s.accountId, [...s.months.entries()]])).toEqual([
      ['a', [['2025-07', { nps: 5 }], ['2025-09', { nps: 10 }]]],
      ['b', [['2025-09', { arr: 1_000_000 }]]],
    ]);
  });

  it('leaves deleted playbook runs out', () => {
    const data = assistantDataFromDocuments({
      accounts: [],
      measurements: [],
      members: [],
      runs: [{ id: 'r1', _deleted: true }, { id: 'r2', _deleted: false }] as never,
      today: '2025-09-30' as IsoDate,
    });
    expect(data.runs.map((r) => r.id)).toEqual(['r2']);
  });
});
