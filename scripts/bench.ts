/**
 * `npm run bench`: the performance budgets of DESIGN.md, each measured next to a baseline from the same
 * run on the same data, so the ratio means something on any machine. `--json` prints
 * `[{ name, value, unit, budget, baseline }]`.
 */
import { performance } from 'node:perf_hooks';
import {
  DEFAULT_CATALOG,
  KPI_IDS,
  monthRange,
  month as toMonth,
  parseCsv,
  portfolioHealth,
  readLongLayout,
  type AccountSeries,
  type KpiValues,
  type Month,
} from '@vitals/shared';

interface Measurement {
  readonly name: string;
  readonly value: number;
  readonly unit: 'ms';
  readonly budget: number;
  readonly baseline: number;
  readonly baselineName: string;
}

/** A small deterministic generator (mulberry32), so every run measures the same data. */
function makeRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticPortfolio(accounts: number, months: readonly Month[]): AccountSeries[] {
  const random = makeRandom(42);
  const out: AccountSeries[] = [];
  for (let a = 0; a < accounts; a++) {
    const byMonth = new Map<Month, KpiValues>();
    for (const m of months) {
      const values: KpiValues = {};
      for (const id of KPI_IDS) {
        const { min, max } = DEFAULT_CATALOG.byId[id].plausible;
        const top = Number.isFinite(max) ? max : 200;
        values[id] = Math.round(min + random() * (top - min));
      }
      byMonth.set(m, values);
    }
    out.push({ accountId: `acc-${a}`, months: byMonth });
  }
  return out;
}

/** Median of repeated timings after a warm-up, which is steadier than a mean on a shared machine. */
function time(fn: () => unknown, runs = 15, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((x, y) => x - y);
  return samples[Math.floor(samples.length / 2)]!;
}

let sink = 0;

function portfolioBench(): Measurement {
  const months = monthRange(toMonth('2024-10'), toMonth('2026-09'));
  const portfolio = syntheticPortfolio(2000, months);
  const latest = months[months.length - 1]!;
  const value = time(() => {
    sink += portfolioHealth(portfolio, latest, DEFAULT_CATALOG).counts.green;
  });
  // The floor: touching every value once, with no scoring at all.
  const baseline = time(() => {
    let sum = 0;
    for (const series of portfolio) for (const values of series.months.values()) for (const id of KPI_IDS) sum += values[id] ?? 0;
    sink += sum;
  });
  return {
    name: 'portfolio health, 2,000 accounts × 18 KPIs × 24 months',
    value,
    unit: 'ms',
    budget: 50,
    baseline,
    baselineName: 'plain loop summing the same values',
  };
}

function importBench(): Measurement {
  const random = makeRandom(7);
  const months = monthRange(toMonth('2025-01'), toMonth('2025-12'));
  const lines = ['account,kpi,month,value'];
  for (let i = 0; lines.length <= 10_000; i++) {
    const kpi = KPI_IDS[i % KPI_IDS.length]!;
    const m = months[Math.floor(i / KPI_IDS.length) % months.length]!;
    lines.push(`Account ${Math.floor(i / (KPI_IDS.length * months.length))},${kpi},${m},${Math.round(random() * 100)}`);
  }
  const csv = lines.join('\n');
  const value = time(() => {
    const table = readLongLayout(parseCsv(csv).rows, 'bench.csv');
    sink += table.values.length;
  }, 7, 2);
  const baseline = time(() => {
    sink += csv.split('\n').map((line) => line.split(',')).length;
  }, 7, 2);
  return {
    name: 'import of a 10,000-row CSV (long layout): parsed and validated, no preview yet',
    value,
    unit: 'ms',
    budget: 2000,
    baseline,
    baselineName: 'splitting the same text into lines and cells',
  };
}

const results = [portfolioBench(), importBench()];

if (process.argv.includes('--json')) {
  const json = results.map(({ name, value, unit, budget, baseline }) => ({
    name,
    value: Number(value.toFixed(2)),
    unit,
    budget,
    baseline: Number(baseline.toFixed(2)),
  }));
  process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
} else {
  for (const r of results) {
    const verdict = r.value <= r.budget ? 'within budget' : 'OVER BUDGET';
    process.stdout.write(
      `${r.name}\n  ${r.value.toFixed(2)} ${r.unit} (budget ${r.budget} ${r.unit}, ${verdict})\n` +
        `  baseline ${r.baseline.toFixed(2)} ${r.unit} — ${r.baselineName}; ratio ${(r.value / r.baseline).toFixed(1)}×\n`,
    );
  }
}
if (sink === Number.NEGATIVE_INFINITY) process.stdout.write('');
