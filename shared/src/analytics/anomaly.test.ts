import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, month } from '../time/months';
import {
  ANOMALY_Z_THRESHOLD,
  checkAnomalies,
  findAnomalies,
  isAnomaly,
  median,
  MIN_ANOMALY_HISTORY,
  robustZ,
} from './anomaly';
import type { SeriesPoint } from './forecast';

/** Consecutive months from 2025-03, one per value. */
function series(values: readonly number[]): SeriesPoint[] {
  return values.map((value, i) => ({ month: addMonths(month('2025-03'), i), value }));
}

describe('median', () => {
  it.each([
    [[], null],
    [[3], 3],
    [[1, 3], 2],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[-5, 10, -5], -5],
  ])('of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('the threshold', () => {
  it.each([
    [3.5, false],
    [-3.5, false],
    [3.5000001, true],
    [-3.5000001, true],
    [0, false],
    [Infinity, true],
  ])('|%d| > 3.5 is %s', (z, expected) => {
    expect(isAnomaly(z)).toBe(expected);
  });

  // Median 10000 and MAD 1349, so 0.6745·7000/1349 is exactly 3.5 in floating point.
  const history = [8651, 8651, 10000, 11349, 11349];

  it.each([
    [17000, 3.5, false],
    [17001, 3.5005, true],
    [3000, -3.5, false],
    [2999, -3.5005, true],
  ])('a value of %d against a history with MAD 1349 has z %d, anomaly: %s', (value, z, anomaly) => {
    const result = robustZ(value, history);
    expect(result?.basis).toBe('mad');
    expect(result?.z).toBeCloseTo(z, 4);
    expect(isAnomaly(result?.z ?? 0)).toBe(anomaly);
  });

  it('does not flag a z of exactly 3.5 in a series', () => {
    const checks = checkAnomalies(series([...history, 17000]));
    expect(checks.at(-1)).toMatchObject({ value: 17000, z: ANOMALY_Z_THRESHOLD, anomaly: false });
  });
});

describe('spikes and drops', () => {
  it('flags a spike against the other months, and nothing else', () => {
    const checks = checkAnomalies(series([50, 52, 49, 51, 50, 53, 90]));
    expect(checks.filter((c) => c.anomaly).map((c) => c.month)).toEqual(['2025-09']);
    const spike = checks.at(-1);
    // The other months: median 50.5, MAD 1 → 0.6745·39.5.
    expect(spike?.median).toBe(50.5);
    expect(spike?.z).toBeCloseTo(0.6745 * 39.5, 10);
  });

  it('flags a drop with a negative z', () => {
    const found = findAnomalies(series([50, 52, 49, 51, 10, 50, 53]));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ month: '2025-07', value: 10, anomaly: true });
    expect(found[0]?.z).toBeLessThan(-ANOMALY_Z_THRESHOLD);
  });

  it('judges a value without itself in the history', () => {
    // With the spike included the median would be 51; compared with the other months it is 50.5.
    const values = [50, 52, 49, 51, 50, 53, 90];
    expect(median(values)).toBe(51);
    expect(checkAnomalies(series(values)).at(-1)?.median).toBe(50.5);
  });

  it('does not flag a steady trend', () => {
    expect(findAnomalies(series([40, 43, 46, 49, 52, 55, 58]))).toEqual([]);
  });
});

describe('when MAD is 0', () => {
  it.each([
    // History 10,10,10,10,10,12: median 10, MAD 0, mean absolute deviation 2/6.
    [11, 1 / (1.253314 * (2 / 6)), false],
    [14, 4 / (1.253314 * (2 / 6)), true],
    [7, -3 / (1.253314 * (2 / 6)), true],
  ])('falls back to the mean absolute deviation: %d has z %d, anomaly: %s', (value, z, anomaly) => {
    const result = robustZ(value, [10, 10, 10, 10, 10, 12]);
    expect(result).toMatchObject({ basis: 'mean-absolute-deviation', median: 10 });
    expect(result?.z).toBeCloseTo(z, 10);
    expect(isAnomaly(result?.z ?? 0)).toBe(anomaly);
  });

  it.each([
    [25, Infinity, true],
    [19, -Infinity, true],
    [20, 0, false],
  ])('against a constant history, %d has z %d, anomaly: %s', (value, z, anomaly) => {
    const result = robustZ(value, [20, 20, 20, 20, 20]);
    expect(result).toMatchObject({ basis: 'constant', z, median: 20 });
    expect(isAnomaly(result?.z ?? 0)).toBe(anomaly);
  });

  it('flags the first change after a flat history', () => {
    expect(findAnomalies(series([0, 0, 0, 0, 0, 0, 6])).map((c) => [c.month, c.z])).toEqual([
      ['2025-09', Infinity],
    ]);
  });
});

describe('minimum history', () => {
  it(`needs ${MIN_ANOMALY_HISTORY} other months`, () => {
    expect(robustZ(100, [1, 2, 3, 4])).toBeNull();
    expect(robustZ(100, [1, 2, 3, 4, 5])).not.toBeNull();
  });

  it.each([
    [5, 0],
    [6, 6],
  ])('with %d months, %d are judged', (n, judged) => {
    const checks = checkAnomalies(series([50, 51, 52, 50, 49, 200].slice(0, n)));
    expect(checks.filter((c) => c.z !== null)).toHaveLength(judged);
    if (judged === 0)
      expect(checks.every((c) => !c.anomaly && c.basis === null && c.median === null)).toBe(true);
  });

  it('does not count non-finite values as history', () => {
    expect(robustZ(100, [1, 2, 3, 4, Number.NaN])).toBeNull();
  });
});

describe('series handling', () => {
  it('sorts by month and ignores non-finite values', () => {
    const points = series([50, 52, 49, 51, 50, 53, 90]).reverse();
    points.push({ month: month('2025-10'), value: Number.NaN });
    expect(checkAnomalies(points).map((c) => c.month)).toEqual([
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
    ]);
  });

  it('refuses a month given twice', () => {
    const points = [...series([1, 2, 3, 4, 5, 6]), { month: month('2025-05'), value: 9 }];
    expect(() => checkAnomalies(points)).toThrow(/2025-05 appears twice/);
  });
});

describe('properties', () => {
  const history = fc.array(fc.integer({ min: -1000, max: 1000 }), {
    minLength: MIN_ANOMALY_HISTORY,
    maxLength: 24,
  });

  it('never flags the median of the history', () => {
    fc.assert(
      fc.property(history, (values) => {
        const result = robustZ(median(values) ?? 0, values);
        return result !== null && result.z === 0 && !isAnomaly(result.z);
      }),
    );
  });

  it('is unchanged by a change of units (positive scale and shift)', () => {
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: -1000, max: 1000 }),
        (values, value, scale, shift) => {
          const plain = robustZ(value, values);
          const moved = robustZ(
            value * scale + shift,
            values.map((v) => v * scale + shift),
          );
          if (plain === null || moved === null) return false;
          if (!Number.isFinite(plain.z)) return moved.z === plain.z;
          return Math.abs(moved.z - plain.z) <= 1e-9 * Math.max(1, Math.abs(plain.z));
        },
      ),
    );
  });

  it('flags a value moved further from the median whenever it flags the nearer one', () => {
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        (values, a, b) => {
          const center = median(values) ?? 0;
          const [near, far] = a <= b ? [a, b] : [b, a];
          const zNear = robustZ(center + near, values)?.z ?? 0;
          const zFar = robustZ(center + far, values)?.z ?? 0;
          return !isAnomaly(zNear) || isAnomaly(zFar);
        },
      ),
    );
  });
});
