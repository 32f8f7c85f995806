/**
 * The browser benchmarks' tenant: 2,000 accounts × 25 months = 50,000 measurement documents (every KPI set,
 * as an upload writes them) plus the 2,000 account documents. Deterministic and free of Node APIs, so the
 * server seeds exactly the documents that the bench page writes straight into RxDB.
 */
import {
  DEFAULT_CATALOG,
  KPI_IDS,
  formatHlc,
  measurementId,
  monthRange,
  month as toMonth,
  type MeasurementDoc,
  mulberry32,
} from '@vitals/shared';

export const BENCH_ACCOUNTS = 2000;
export const BENCH_MONTHS = monthRange(toMonth('2023-09'), toMonth('2025-09'));
export const BENCH_MEASUREMENTS = BENCH_ACCOUNTS * BENCH_MONTHS.length;

const SEGMENTS = ['Enterprise', 'Mid-Market', 'SMB'] as const;
const CREATED_AT = '2023-08-01T00:00:00.000Z';
const IMPORT_HLC = formatHlc({ wallMs: Date.parse('2025-10-01T00:00:00Z'), counter: 0, nodeId: 'import' });

/** An account document as the server stores it (plain JSON, not yet validated). */
export interface BenchAccount {
  readonly id: string;
  readonly name: string;
  readonly segment: string;
  readonly ownerId: string | null;
  readonly renewalDate: string | null;
  readonly createdAt: string;
  readonly clocks: Readonly<Record<string, string>>;
  readonly history: readonly unknown[];
  readonly _deleted: boolean;
}

export interface BenchDocuments {
  readonly accounts: BenchAccount[];
  readonly measurements: MeasurementDoc[];
}

/** The sample data's deterministic generator (mulberry32), so every run measures the same data. */
const makeRandom = mulberry32;

export const benchAccountId = (index: number): string => `bench-${String(index).padStart(4, '0')}`;
export const benchAccountName = (index: number): string =>
  `Bench account ${String(index + 1).padStart(4, '0')}`;

export function benchDocuments(): BenchDocuments {
  const random = makeRandom(11);
  const accounts: BenchAccount[] = [];
  const measurements: MeasurementDoc[] = [];
  for (let a = 0; a < BENCH_ACCOUNTS; a++) {
    const id = benchAccountId(a);
    accounts.push({
      id,
      name: benchAccountName(a),
      segment: SEGMENTS[a % SEGMENTS.length]!,
      ownerId: null,
      renewalDate: `2026-${String((a % 12) + 1).padStart(2, '0')}-15`,
      createdAt: CREATED_AT,
      clocks: { name: IMPORT_HLC, segment: IMPORT_HLC, renewalDate: IMPORT_HLC },
      history: [],
      _deleted: false,
    });
    for (const m of BENCH_MONTHS) {
      const values: MeasurementDoc['values'] = {};
      for (const kpi of KPI_IDS) {
        const { min, max } = DEFAULT_CATALOG.byId[kpi].plausible;
        const top = Number.isFinite(max) ? max : 200;
        values[kpi] = {
          value: Math.round(min + random() * (top - min)),
          source: { kind: 'upload', versionId: 'ver-bench' },
          hlc: IMPORT_HLC,
        };
      }
      measurements.push({
        id: measurementId(id, m),
        accountId: id,
        month: m,
        values,
        history: [],
        clocks: {},
        _deleted: false,
      });
    }
  }
  return { accounts, measurements };
}
