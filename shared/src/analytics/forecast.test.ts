import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScorePoint } from '../health/health';
import type { KpiValues } from '../kpi/catalog';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { addMonths, month } from '../time/months';
import type { Month } from '../units';
import {
  chooseHoltParams,
  DEFAULT_HOLT_PARAMS,
  fitHolt,
  forecastKpi,
  forecastScore,
  forecastSeries,
  holtForecast,
  holtVarianceFactor,
  HOLT_GRID,
  INTERVAL_Z,
  kpiSeries,
  regularSeries,
  type SeriesPoint,
} from './forecast';

const START = month('2025-03');

/** Consecutive months from 2025-03, one per value; `null` leaves the month out. */
function series(values: readonly (number | null)[], start: Month = START): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  values.forEach((value, i) => {
    if (value !== null) points.push({ month: addMonths(start, i), value });
  });
  return points;
}

function width(f: { low: number | null; high: number | null }): number {
  if (f.low === null || f.high === null) throw new Error('expected an interval');
  return f.high - f.low;
}

describe('Holt on a hand-computed series', () => {
  // α 0.5, β 0.2 over 10, 12, 11, 15, 14. ℓ0 = 10, b0 = 2; errors from the third point: −3, 0.8, −2.38
  // → ℓ = 15.19, b = 1.542, SSE = 15.3044, sd = √(15.3044 / 3).
  const fit = fitHolt([10, 12, 11, 15, 14], { params: { alpha: 0.5, beta: 0.2 } });

  it('ends at the hand-computed level and trend', () => {
    expect(fit).not.toBeNull();
    expect(fit?.level).toBeCloseTo(15.19, 10);
    expect(fit?.trend).toBeCloseTo(1.542, 10);
    expect(fit?.sse).toBeCloseTo(15.3044, 10);
    expect(fit?.errorCount).toBe(3);
    expect(fit?.residualSd).toBeCloseTo(Math.sqrt(15.3044 / 3), 10);
  });

  it.each([
    [1, 16.732, 1],
    [2, 18.274, 1.36],
    [3, 19.816, 1.85],
  ])('step %d forecasts %d with variance factor %d', (step, value, factor) => {
    if (!fit) throw new Error('no fit');
    const steps = holtForecast(fit, { level: 0.95 });
    const half = INTERVAL_Z[0.95] * Math.sqrt((15.3044 / 3) * factor);
    const s = steps[step - 1];
    expect(s?.value).toBeCloseTo(value, 10);
    expect(s?.low).toBeCloseTo(value - half, 10);
    expect(s?.high).toBeCloseTo(value + half, 10);
  });
});

describe('holtVarianceFactor', () => {
  const pairs = HOLT_GRID.flatMap((alpha) => HOLT_GRID.map((beta) => ({ alpha, beta })));

  // FPP's closed form for ETS(A,A,N), with its state-space β' = αβ.
  it.each(pairs)('matches the closed form for α $alpha, β $beta', (params) => {
    const b = params.alpha * params.beta;
    for (const h of [1, 2, 3, 6, 12]) {
      const closed = 1 + (h - 1) * (params.alpha ** 2 + params.alpha * b * h + (b * b * h * (2 * h - 1)) / 6);
      expect(holtVarianceFactor(h, params)).toBeCloseTo(closed, 10);
    }
  });
});

describe('an exactly linear series', () => {
  const line = series([10, 12, 14, 16, 18, 20, 22]);

  it.each([
    ['defaults', DEFAULT_HOLT_PARAMS] as const,
    ['grid', 'grid'] as const,
    ['α 0.1 β 0.9', { alpha: 0.1, beta: 0.9 }] as const,
  ])('is forecast exactly with a zero-width interval (%s)', (_name, smoothing) => {
    expect(forecastSeries(line, { smoothing })).toEqual([
      { month: '2025-10', value: 24, low: 24, high: 24 },
      { month: '2025-11', value: 26, low: 26, high: 26 },
      { month: '2025-12', value: 28, low: 28, high: 28 },
    ]);
  });

  it('is exact for a falling line too, across a year boundary', () => {
    const falling = series([90, 85, 80, 75, 70], month('2025-08'));
    expect(forecastSeries(falling).map((f) => [f.month, f.value, width(f)])).toEqual([
      ['2026-01', 65, 0],
      ['2026-02', 60, 0],
      ['2026-03', 55, 0],
    ]);
  });
});

describe('the interval', () => {
  const noisy = series([50, 55, 48, 60, 52, 63, 58]);

  it.each([0.8, 0.95] as const)('widens with the horizon (%d)', (level) => {
    const forecast = forecastSeries(noisy, { level, horizon: 6 });
    const widths = forecast.map(width);
    widths.slice(1).forEach((w, i) => expect(w).toBeGreaterThan(widths[i] ?? Infinity));
  });

  it('is wider at 95% than at 80%, in the ratio of the normal quantiles', () => {
    const w80 = forecastSeries(noisy, { level: 0.8 }).map(width);
    const w95 = forecastSeries(noisy, { level: 0.95 }).map(width);
    w80.forEach((w, i) => expect((w95[i] ?? 0) / w).toBeCloseTo(INTERVAL_Z[0.95] / INTERVAL_Z[0.8], 10));
  });

  it('always contains the forecast and widens with the horizon (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 4, maxLength: 24 }),
        fc.constantFrom(...HOLT_GRID),
        fc.constantFrom(...HOLT_GRID),
        (values, alpha, beta) => {
          const forecast = forecastSeries(series(values), { smoothing: { alpha, beta }, horizon: 4 });
          let previous = -1;
          for (const f of forecast) {
            if (f.low === null || f.high === null) return false;
            if (!(f.low <= f.value && f.value <= f.high)) return false;
            if (f.high - f.low < previous) return false;
            previous = f.high - f.low;
          }
          return forecast.length === 4;
        },
      ),
    );
  });
});

describe('short series', () => {
  it('forecasts nothing from nothing', () => {
    expect(forecastSeries([])).toEqual([]);
    expect(fitHolt([])).toBeNull();
  });

  it('forecasts one point flat, without an interval', () => {
    expect(forecastSeries(series([42]))).toEqual([
      { month: '2025-04', value: 42, low: null, high: null },
      { month: '2025-05', value: 42, low: null, high: null },
      { month: '2025-06', value: 42, low: null, high: null },
    ]);
  });

  it('continues the line through two points, without an interval', () => {
    expect(forecastSeries(series([40, 45])).map((f) => [f.value, f.low, f.high])).toEqual([
      [50, null, null],
      [55, null, null],
      [60, null, null],
    ]);
  });

  it.each([
    [3, false],
    [4, true],
  ])('with %d points has an interval: %s', (n, has) => {
    const forecast = forecastSeries(series([50, 55, 48, 60].slice(0, n)));
    expect(forecast[0]?.low !== null).toBe(has);
  });

  it('keeps the defaults when the grid has nothing to compare', () => {
    expect(chooseHoltParams([1, 2, 4])).toBe(DEFAULT_HOLT_PARAMS);
  });
});

describe('smoothing by grid', () => {
  const noisy = [50, 55, 48, 60, 52, 63, 58, 66, 61];

  it('picks the pair with the smallest one-step SSE, which is no worse than the defaults', () => {
    const chosen = chooseHoltParams(noisy);
    const chosenSse = fitHolt(noisy, { params: chosen })?.sse ?? Infinity;
    for (const alpha of HOLT_GRID) {
      for (const beta of HOLT_GRID) {
        expect(chosenSse).toBeLessThanOrEqual(fitHolt(noisy, { params: { alpha, beta } })?.sse ?? -Infinity);
      }
    }
    expect(chosenSse).toBeLessThanOrEqual(fitHolt(noisy)?.sse ?? -Infinity);
  });

  it('breaks ties by the first pair in grid order', () => {
    expect(chooseHoltParams([1, 2, 3, 4, 5])).toEqual({ alpha: 0.1, beta: 0.1 });
  });

  it('rejects smoothing weights outside 0…1', () => {
    expect(() => fitHolt([1, 2], { params: { alpha: 1.5, beta: 0.2 } })).toThrow(/alpha must be within 0…1/);
    expect(() => fitHolt([1, 2], { params: { alpha: 0.5, beta: Number.NaN } })).toThrow(/beta/);
  });
});

describe('missing months', () => {
  it.each([
    ['one missing month', [10, 12, null, 16, 18, 20]],
    ['two missing months', [10, 12, null, null, 18, 20, 22]],
  ])('bridges %s by interpolation, so a line stays exact', (_name, values) => {
    const forecast = forecastSeries(series(values));
    const last = values.length - 1;
    expect(forecast.map((f) => f.value)).toEqual([
      10 + 2 * (last + 1),
      10 + 2 * (last + 2),
      10 + 2 * (last + 3),
    ]);
    expect(forecast.map(width)).toEqual([0, 0, 0]);
  });

  it('counts filled months as inputs but not as errors', () => {
    const regular = regularSeries(series([10, null, 30, 20, 25]));
    expect(regular).toEqual({
      start: '2025-03',
      values: [10, 20, 30, 20, 25],
      observed: [true, false, true, true, true],
    });
    expect(fitHolt(regular.values, { observed: regular.observed })?.errorCount).toBe(3);
  });

  it('uses only the run after a gap longer than two months', () => {
    // A long silence, then a new, flat regime: the old falling line must not leak into the forecast.
    const values = [90, 80, 70, 60, null, null, null, 40, 40, 40, 40];
    const forecast = forecastSeries(series(values));
    expect(regularSeries(series(values)).start).toBe('2025-10');
    expect(forecast.map((f) => [f.month, f.value, width(f)])).toEqual([
      ['2026-02', 40, 0],
      ['2026-03', 40, 0],
      ['2026-04', 40, 0],
    ]);
  });

  it('sorts the points and ignores non-finite values', () => {
    const shuffled = [...series([10, 12, 14, 16])].reverse();
    shuffled.push({ month: month('2025-07'), value: Number.NaN });
    expect(forecastSeries(shuffled).map((f) => [f.month, f.value])).toEqual([
      ['2025-07', 18],
      ['2025-08', 20],
      ['2025-09', 22],
    ]);
  });

  it('refuses a month given twice', () => {
    const points = [...series([1, 2, 3]), { month: month('2025-04'), value: 5 }];
    expect(() => forecastSeries(points)).toThrow(/2025-04 appears twice/);
  });
});

describe('the plausible range', () => {
  it('clamps forecasts and bounds of a KPI to its range', () => {
    const rising = series([70, 80, 88, 95, 99, 100]);
    const forecast = forecastKpi(rising, DEFAULT_CATALOG.byId.license_utilization);
    for (const f of forecast) {
      expect(f.value).toBeLessThanOrEqual(100);
      expect(f.high).toBeLessThanOrEqual(100);
      expect(f.low).toBeGreaterThanOrEqual(0);
    }
    expect(forecast.map((f) => f.value)).toContain(100);
  });

  it.each([
    ['nps', -100, 100],
    ['nrr', 0, 300],
    ['escalations', 0, Infinity],
  ] as const)('uses the catalog range of %s (%d…%d)', (id, min, max) => {
    const crashing = series([20, 5, -15, -40, -70]);
    for (const f of forecastKpi(crashing, DEFAULT_CATALOG.byId[id], { horizon: 6 })) {
      expect(f.value).toBeGreaterThanOrEqual(min);
      expect(f.low ?? min).toBeGreaterThanOrEqual(min);
      expect(f.high ?? max).toBeLessThanOrEqual(max);
    }
  });

  it('leaves a series unclamped when no range is given', () => {
    expect(forecastSeries(series([10, 5, 0]))[0]?.value).toBe(-5);
  });
});

describe('forecastScore', () => {
  it('skips months without a score and clamps to 0…100', () => {
    const history: ScorePoint[] = [
      { month: month('2025-03'), score: 60 },
      { month: month('2025-04'), score: null },
      { month: month('2025-05'), score: 80 },
      { month: month('2025-06'), score: 90 },
      { month: month('2025-07'), score: 100 },
    ];
    const forecast = forecastScore(history);
    expect(forecast.map((f) => f.month)).toEqual(['2025-08', '2025-09', '2025-10']);
    expect(forecast.map((f) => f.value)).toEqual([100, 100, 100]);
  });

  it('is empty when no month has a score', () => {
    expect(forecastScore([{ month: START, score: null }])).toEqual([]);
  });
});

describe('kpiSeries', () => {
  it('reads one KPI out of an account’s months, leaving out months without it', () => {
    const months = new Map<Month, KpiValues>([
      [month('2025-03'), { nps: 10, csat: 80 }],
      [month('2025-04'), { csat: 82 }],
      [month('2025-05'), { nps: Number.NaN }],
      [month('2025-06'), { nps: 25 }],
    ]);
    expect(kpiSeries(months, 'nps')).toEqual([
      { month: '2025-03', value: 10 },
      { month: '2025-06', value: 25 },
    ]);
  });
});

describe('horizon', () => {
  it.each([0, 1, 6])('returns %d months', (horizon) => {
    expect(forecastSeries(series([1, 2, 3, 5]), { horizon })).toHaveLength(horizon);
  });

  it.each([-1, 1.5, Number.NaN])('rejects %d', (horizon) => {
    expect(() => forecastSeries(series([1, 2]), { horizon })).toThrow(/horizon/);
  });
});
