import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KPIS, KPI_IDS, type KpiId, type KpiValues } from '../kpi/catalog';
import { DEFAULT_CATALOG, resolveCatalog } from '../kpi/overrides';
import { month } from '../time/months';
import {
  drivers,
  categoryScores,
  kpiReadings,
  kpiStatus,
  leastSquaresSlope,
  scoreMonth,
  scoreOnly,
  statusForScore,
  trend,
  trendArrow,
  type ScorePoint,
} from './health';
import { roundHalfAwayFromZero } from './rounding';

const byId = DEFAULT_CATALOG.byId;

/** DOMAIN.md's worked example. */
const WORKED_EXAMPLE: KpiValues = {
  license_utilization: 72,
  dau_mau: 30,
  feature_adoption: 35,
  sla_breach_rate: 4,
  nps: 10,
  csat: 90,
  days_since_last_touch: 40,
};

describe('the worked example of DOMAIN.md', () => {
  it('scores 1000 / 17 = 58.8 → 59, yellow', () => {
    expect(scoreMonth(WORKED_EXAMPLE, DEFAULT_CATALOG)).toMatchObject({ score: 59, status: 'yellow', critical: false });
  });

  it('lists feature_adoption and days_since_last_touch first (200 each, catalog order), then license_utilization and nps (150 each)', () => {
    const list = drivers(WORKED_EXAMPLE, DEFAULT_CATALOG);
    expect(list.map((d) => [d.kpi, d.cost])).toEqual([
      ['feature_adoption', 200],
      ['days_since_last_touch', 200],
      ['license_utilization', 150],
      ['nps', 150],
    ]);
  });
});

describe('KPI status at its bounds', () => {
  // Every scored KPI: exactly on a bound is the better status; one step beyond it is the worse one.
  const cases = DEFAULT_KPIS.filter((k) => k.direction !== null).flatMap((k) => {
    const worse = k.direction === 'higher' ? -0.01 : 0.01;
    return [
      [k.id, k.green, 'green'],
      [k.id, k.green + worse, 'yellow'],
      [k.id, k.yellow, 'yellow'],
      [k.id, k.yellow + worse, 'red'],
    ] as const;
  });

  it.each(cases)('%s = %d is %s', (id, value, expected) => {
    expect(kpiStatus(byId[id], value)).toBe(expected);
  });

  it('treats nps −1 as red and 0 as yellow (≥ 0)', () => {
    expect(kpiStatus(byId.nps, 0)).toBe('yellow');
    expect(kpiStatus(byId.nps, -1)).toBe('red');
  });

  it('treats any overdue day as no longer green (≤ 0)', () => {
    expect(kpiStatus(byId.payment_delinquency_days, 0)).toBe('green');
    expect(kpiStatus(byId.payment_delinquency_days, 1)).toBe('yellow');
  });
});

describe('account status from score', () => {
  it.each([
    [100, 'green'],
    [75, 'green'],
    [74, 'yellow'],
    [50, 'yellow'],
    [49, 'red'],
    [0, 'red'],
  ] as const)('%d → %s', (score, status) => {
    expect(statusForScore(score)).toBe(status);
  });

  it('rounds half away from zero', () => {
    expect(roundHalfAwayFromZero(62.5)).toBe(63);
    expect(roundHalfAwayFromZero(37.5)).toBe(38);
    expect(roundHalfAwayFromZero(-0.5)).toBe(-1);
    expect(roundHalfAwayFromZero(58.82)).toBe(59);
  });

  // With the default weights a score can only end in .5 when the weights with values sum to a multiple of 8;
  // 24 (adoption, support, sentiment and payment delinquency) gives 12.5-point steps.
  it.each([
    [
      'yellow',
      63,
      // adoption all green (16), sla green (6), first response yellow (2), nps yellow (3), survey yellow (1), payment yellow (2) = 30 → 62.5
      { license_utilization: 90, dau_mau: 30, feature_adoption: 70, time_to_value_days: 10, sla_breach_rate: 1, first_response_hours: 10, escalations: 9, tickets_per_100_users: 20, nps: 10, csat: 10, survey_response_rate: 20, payment_delinquency_days: 10 },
    ],
    [
      'red',
      38,
      // adoption and support all yellow (16), csat yellow (2), the rest red = 18 → 37.5
      { license_utilization: 70, dau_mau: 20, feature_adoption: 50, time_to_value_days: 45, sla_breach_rate: 10, first_response_hours: 10, escalations: 2, tickets_per_100_users: 7, nps: -10, csat: 80, survey_response_rate: 5, payment_delinquency_days: 60 },
    ],
  ] as const)('a x.5 score rounds up before the band is chosen (%s, %d)', (status, score, values) => {
    expect(scoreMonth(values, DEFAULT_CATALOG)).toMatchObject({ score, status });
  });
});

describe('the critical rule', () => {
  it('caps a green score at yellow when a weight-3 KPI is red', () => {
    // Everything green except sla_breach_rate (w3) red: (33 − 3)·100 / 33 = 90.9 → 91, green by score.
    const values = allAt('green');
    values.sla_breach_rate = 50;
    expect(scoreMonth(values, DEFAULT_CATALOG)).toMatchObject({ score: 91, status: 'yellow', critical: true });
  });

  it('does not cap for a red weight-2 KPI', () => {
    const values = allAt('green');
    values.csat = 10;
    expect(scoreMonth(values, DEFAULT_CATALOG)).toMatchObject({ status: 'green', critical: false });
  });

  it('never raises a status: a red score with a red weight-3 KPI stays red', () => {
    const values = allAt('red');
    expect(scoreMonth(values, DEFAULT_CATALOG)).toMatchObject({ score: 0, status: 'red', critical: false });
  });

  it('follows a tenant override of the weight', () => {
    const values = allAt('green');
    values.csat = 10;
    const catalog = resolveCatalog({ csat: { weight: 3 } });
    expect(scoreMonth(values, catalog).status).toBe('yellow');
  });
});

describe('insufficient data', () => {
  const total = DEFAULT_CATALOG.totalWeight;

  it('the default scored weight is 33', () => {
    expect(total).toBe(33);
  });

  it('is unknown with no values at all', () => {
    expect(scoreMonth({}, DEFAULT_CATALOG)).toMatchObject({ score: null, status: 'unknown', coverage: 0 });
  });

  it('is unknown below half of the total weight (16 of 33) and scored at 17 of 33', () => {
    // 3+3+3+3+2+2 = 16 < 16.5
    const below: KpiValues = { license_utilization: 90, sla_breach_rate: 1, nps: 50, nrr: 120, dau_mau: 30, csat: 90 };
    expect(scoreMonth(below, DEFAULT_CATALOG)).toMatchObject({ score: null, status: 'unknown' });
    const enough = { ...below, active_stakeholders: 6 }; // 17 ≥ 16.5
    expect(scoreMonth(enough, DEFAULT_CATALOG)).toMatchObject({ score: 100, status: 'green' });
  });

  it('is scored at exactly half of the total weight', () => {
    // An override makes the total even: time_to_value weight 2 → total 34, half 17.
    const catalog = resolveCatalog({ time_to_value_days: { weight: 2 } });
    expect(catalog.totalWeight).toBe(34);
    const exactlyHalf: KpiValues = { license_utilization: 90, sla_breach_rate: 1, nps: 50, nrr: 120, dau_mau: 30, csat: 90, qbr_attendance: 90 };
    expect(scoreMonth(exactlyHalf, catalog).status).toBe('green');
  });

  it('ignores ARR, which is not scored', () => {
    expect(scoreMonth({ arr: 1_000_000 }, DEFAULT_CATALOG).status).toBe('unknown');
  });

  it('ignores non-finite values as missing', () => {
    const values = allAt('green');
    values.nps = Number.NaN;
    expect(scoreMonth(values, DEFAULT_CATALOG).coverage).toBeCloseTo(30 / 33);
  });
});

describe('category scores', () => {
  it('weights within the category and leaves empty categories null', () => {
    const scores = categoryScores(WORKED_EXAMPLE, DEFAULT_CATALOG);
    // adoption: (3·50 + 2·100 + 2·0) / 7 = 50; support: 100; sentiment: (3·50 + 2·100)/5 = 70; engagement: 0
    expect(scores).toEqual({ adoption: 50, support: 100, sentiment: 70, revenue: null, engagement: 0 });
  });
});

describe('drivers', () => {
  it('leaves green KPIs out and orders ties by catalog order', () => {
    const values: KpiValues = { qbr_attendance: 10, time_to_value_days: 100, csat: 90 };
    expect(drivers(values, DEFAULT_CATALOG).map((d) => d.kpi)).toEqual(['time_to_value_days', 'qbr_attendance']);
  });

  it('puts a red weight-3 KPI (300) before a red weight-2 (200) before a yellow weight-3 (150)', () => {
    const values: KpiValues = { nps: 10, csat: 10, sla_breach_rate: 90 };
    expect(drivers(values, DEFAULT_CATALOG).map((d) => [d.kpi, d.cost])).toEqual([
      ['sla_breach_rate', 300],
      ['csat', 200],
      ['nps', 150],
    ]);
  });
});

describe('trend', () => {
  it.each([
    [5, 'up'],
    [4, 'flat'],
    [0, 'flat'],
    [-4, 'flat'],
    [-5, 'down'],
    [null, 'flat'],
  ] as const)('delta %s → %s', (delta, arrow) => {
    expect(trendArrow(delta)).toBe(arrow);
  });

  const history = (scores: (number | null)[]): ScorePoint[] =>
    scores.map((score, i) => ({ month: month(`2025-${String(i + 1).padStart(2, '0')}`), score }));

  it('computes the delta from the previous calendar month', () => {
    expect(trend(history([60, 70]), month('2025-02'))).toMatchObject({ delta: 10, arrow: 'up', slope: 10 });
  });

  it('has no delta when the previous month has no score', () => {
    expect(trend(history([60, null, 70]), month('2025-03'))).toMatchObject({ delta: null, arrow: 'flat' });
  });

  it('uses only the last six scored months for the slope, at their real positions', () => {
    // Months 1..8: an old outlier at month 1 and 2 that must be ignored, then a clean +2/month line.
    const points = history([0, 100, 50, 52, 54, 56, 58, 60]);
    expect(trend(points, month('2025-08')).slope).toBeCloseTo(2, 10);
    // A gap keeps time honest: scores 50 at month 1 and 60 at month 3 → 5 per month, not 10.
    expect(trend(history([50, null, 60]), month('2025-03')).slope).toBeCloseTo(5, 10);
  });

  it('ignores months after the one asked about', () => {
    expect(trend(history([50, 60, 0]), month('2025-02'))).toMatchObject({ delta: 10, slope: 10 });
  });

  it('has no slope with fewer than two scored months', () => {
    expect(trend(history([null, 70]), month('2025-02')).slope).toBeNull();
    expect(leastSquaresSlope([1], [1])).toBeNull();
  });
});

describe('scoring invariants (property tests)', () => {
  const scoredIds = DEFAULT_CATALOG.scored.map((k) => k.id);
  const valueFor = (id: KpiId) => {
    const { min, max } = byId[id].plausible;
    return fc.double({ min, max: Number.isFinite(max) ? max : 400, noNaN: true });
  };
  const valuesArb = fc.record(Object.fromEntries(scoredIds.map((id) => [id, valueFor(id)])) as Record<KpiId, fc.Arbitrary<number>>, {
    requiredKeys: [],
  }) as fc.Arbitrary<KpiValues>;

  it('keeps every score within 0…100 and shows none when data is insufficient', () => {
    fc.assert(
      fc.property(valuesArb, (values) => {
        const s = scoreMonth(values, DEFAULT_CATALOG);
        if (s.score === null) return s.status === 'unknown';
        return s.score >= 0 && s.score <= 100 && Number.isInteger(s.score) && s.status !== 'unknown';
      }),
    );
  });

  it('never lowers the score or the status when a KPI improves in its better direction', () => {
    const rank = { unknown: -1, red: 0, yellow: 1, green: 2 } as const;
    fc.assert(
      fc.property(valuesArb, fc.constantFrom(...scoredIds), fc.double({ min: 0, max: 200, noNaN: true }), (values, id, step) => {
        if (values[id] === undefined) return true;
        const kpi = byId[id];
        const raised = kpi.direction === 'higher' ? values[id] + step : values[id] - step;
        const better = { ...values, [id]: Math.min(kpi.plausible.max, Math.max(kpi.plausible.min, raised)) };
        const before = scoreMonth(values, DEFAULT_CATALOG);
        const after = scoreMonth(better, DEFAULT_CATALOG);
        return (after.score ?? -1) >= (before.score ?? -1) && rank[after.status] >= rank[before.status];
      }),
    );
  });

  it('scores exactly as the rules read: Σ weight·points / Σ weight over the KPI statuses, rounded', () => {
    fc.assert(
      fc.property(valuesArb, (values) => {
        const readings = kpiReadings(values, DEFAULT_CATALOG);
        const weight = readings.reduce((sum, r) => sum + r.weight, 0);
        const expected = weight >= DEFAULT_CATALOG.totalWeight / 2 ? roundHalfAwayFromZero(readings.reduce((sum, r) => sum + r.weight * r.points, 0) / weight) : null;
        return scoreMonth(values, DEFAULT_CATALOG).score === expected && scoreOnly(values, DEFAULT_CATALOG) === expected;
      }),
    );
  });

  it('lists exactly the non-green KPIs as drivers, sorted by cost', () => {
    fc.assert(
      fc.property(valuesArb, (values) => {
        const list = drivers(values, DEFAULT_CATALOG);
        const nonGreen = KPI_IDS.filter((id) => values[id] !== undefined && byId[id].direction !== null && kpiStatus(byId[id], values[id]) !== 'green');
        const sorted = list.every((d, i) => i === 0 || list[i - 1]!.cost >= d.cost);
        return sorted && list.length === nonGreen.length;
      }),
    );
  });
});

/** Every scored KPI at a value of the given status. */
function allAt(status: 'green' | 'red'): KpiValues {
  const values: KpiValues = {};
  for (const k of DEFAULT_CATALOG.scored) {
    const worse = k.direction === 'higher' ? -1 : 1;
    values[k.id] = status === 'green' ? k.green : k.yellow + worse * Math.max(1, Math.abs(k.yellow) * 0.5);
    if (values[k.id]! < k.plausible.min) values[k.id] = k.plausible.min;
  }
  return values;
}
