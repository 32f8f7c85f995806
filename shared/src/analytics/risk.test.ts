import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  churnRisk,
  DEFAULT_RISK_COEFFICIENTS,
  logistic,
  MIN_CHURNED_FOR_REFIT,
  REFIT_MAX_ITERATIONS,
  REFIT_REASONS,
  refitRiskCoefficients,
  RISK_FEATURE_SCALES,
  RISK_FEATURES,
  riskFeatures,
  riskLogLikelihood,
  type RiskExample,
  type RiskFeature,
  type RiskInputs,
} from './risk';

const GREEN: RiskInputs = {
  score: 85,
  slope: 1,
  daysToRenewal: 300,
  nps: 45,
  escalations: 0,
  paymentDelinquencyDays: 0,
};
const RED_AT_RENEWAL: RiskInputs = {
  score: 35,
  slope: -4,
  daysToRenewal: 60,
  nps: -20,
  escalations: 4,
  paymentDelinquencyDays: 30,
};

describe('default coefficients on typical accounts', () => {
  it.each([
    ['a healthy green account', GREEN, 0, 0.01],
    ['a green account with only its score known', { score: 80 }, 0, 0.05],
    ['an average account (every feature at its center)', {}, 0.1, 0.13],
    [
      'a yellow account with a few escalations, renewing in 90 days',
      { score: 55, escalations: 3, daysToRenewal: 90 },
      0.3,
      0.5,
    ],
    [
      'a red account near renewal with escalations',
      { score: 40, daysToRenewal: 30, escalations: 4 },
      0.7,
      0.9,
    ],
    ['a red, falling, overdue account near renewal', RED_AT_RENEWAL, 0.9, 1],
  ] as const)('%s: risk in [%d, %d]', (_name, inputs, low, high) => {
    const { risk } = churnRisk(inputs);
    expect(risk).toBeGreaterThanOrEqual(low);
    expect(risk).toBeLessThanOrEqual(high);
  });

  it('matches the documented worked checks', () => {
    // Green: logit −2 − 2 − 0.12 − 2/3 − 5/12 − 0.25 = −5.4533; red: −2 + 2 + 0.48 + 2/3 + 2/3 + 0.75 + 0.6 = 3.1633.
    expect(churnRisk(GREEN).logit).toBeCloseTo(-2 - 2 - 0.12 - 2 / 3 - 5 / 12 - 0.25, 10);
    expect(churnRisk(GREEN).risk).toBeCloseTo(0.0043, 4);
    expect(churnRisk(RED_AT_RENEWAL).logit).toBeCloseTo(-2 + 2 + 0.48 + 2 / 3 + 2 / 3 + 0.75 + 0.6, 10);
    expect(churnRisk(RED_AT_RENEWAL).risk).toBeCloseTo(0.9594, 4);
  });
});

describe('contributions', () => {
  it('sum with the intercept to the logit, and the risk is its logistic', () => {
    const result = churnRisk(RED_AT_RENEWAL);
    const sum = result.contributions.reduce(
      (s, c) => s + c.contribution,
      DEFAULT_RISK_COEFFICIENTS.intercept,
    );
    expect(result.logit).toBeCloseTo(sum, 12);
    expect(result.risk).toBe(logistic(result.logit));
    expect(result.contributions.map((c) => c.feature)).toEqual([...RISK_FEATURES]);
  });

  it.each([
    ['score', 35, 2],
    ['slope', -4, 0.48],
    ['daysToRenewal', 60, 2 / 3],
    ['nps', -20, 2 / 3],
    ['escalations', 4, 0.75],
    ['paymentDelinquencyDays', 30, 0.6],
  ] as const)('%s = %d contributes %d', (feature, input, contribution) => {
    const c = churnRisk(RED_AT_RENEWAL).contributions.find((x) => x.feature === feature);
    expect(c).toMatchObject({ input, used: input, imputed: false });
    expect(c?.contribution).toBeCloseTo(contribution, 12);
  });

  it('lists the top three raising risk, largest first, ties in feature order', () => {
    // daysToRenewal and nps both contribute exactly 2/3: daysToRenewal comes first in RISK_FEATURES.
    const { top } = churnRisk(RED_AT_RENEWAL);
    expect(top.map((c) => c.feature)).toEqual(['score', 'escalations', 'daysToRenewal']);
  });

  it('falls back to feature order when nothing is known', () => {
    const { top, contributions } = churnRisk({});
    expect(top.map((c) => c.feature)).toEqual(['score', 'slope', 'daysToRenewal']);
    expect(contributions.every((c) => c.contribution === 0 && Object.is(c.contribution, 0))).toBe(true);
  });

  it('always shows three, even when every feature lowers the risk', () => {
    const { top } = churnRisk(GREEN);
    expect(top.map((c) => c.feature)).toEqual(['paymentDelinquencyDays', 'slope', 'escalations']);
    expect(top.map((c) => c.contribution)).toEqual([...top.map((c) => c.contribution)].sort((a, b) => b - a));
  });
});

describe('missing features', () => {
  it.each(
    RISK_FEATURES.flatMap((f) => [[f, null] as const, [f, undefined] as const, [f, Number.NaN] as const]),
  )('%s = %s is imputed at its center and contributes 0', (feature, value) => {
    const inputs: RiskInputs = { ...RED_AT_RENEWAL, [feature]: value };
    const c = churnRisk(inputs).contributions.find((x) => x.feature === feature);
    expect(c).toEqual({
      feature,
      input: null,
      used: RISK_FEATURE_SCALES[feature].center,
      imputed: true,
      contribution: 0,
    });
  });

  it('gives an account with nothing known the intercept’s risk', () => {
    expect(churnRisk({}).risk).toBe(logistic(DEFAULT_RISK_COEFFICIENTS.intercept));
  });
});

describe('clamping', () => {
  it.each([
    ['daysToRenewal', -30, 0],
    ['daysToRenewal', 1000, 365],
    ['score', 140, 100],
    ['escalations', 40, 10],
    ['paymentDelinquencyDays', 400, 180],
    ['slope', -55, -20],
    ['nps', -300, -100],
  ] as const)('%s = %d is used as %d', (feature, input, used) => {
    const vector = riskFeatures({ [feature]: input });
    expect(vector.used[feature]).toBe(used);
    expect(vector.imputed[feature]).toBe(false);
  });
});

describe('monotonicity (property)', () => {
  /** Direction in which each feature moves the risk. */
  const RAISES_RISK: Readonly<Record<RiskFeature, 1 | -1>> = {
    score: -1,
    slope: -1,
    daysToRenewal: -1,
    nps: -1,
    escalations: 1,
    paymentDelinquencyDays: 1,
  };

  const optional = (min: number, max: number): fc.Arbitrary<number | null> =>
    fc.option(fc.double({ min, max, noNaN: true }), { nil: null });
  const inputs: fc.Arbitrary<RiskInputs> = fc.record({
    score: optional(-10, 110),
    slope: optional(-40, 40),
    daysToRenewal: optional(-100, 800),
    nps: optional(-120, 120),
    escalations: optional(0, 30),
    paymentDelinquencyDays: optional(0, 400),
  });
  const wide = {
    score: [-10, 110],
    slope: [-40, 40],
    daysToRenewal: [-100, 800],
    nps: [-120, 120],
    escalations: [0, 30],
    paymentDelinquencyDays: [0, 400],
  } as const;

  it.each(RISK_FEATURES)('%s moves the risk in its documented direction', (feature) => {
    const [min, max] = wide[feature];
    fc.assert(
      fc.property(
        inputs,
        fc.double({ min, max, noNaN: true }),
        fc.double({ min, max, noNaN: true }),
        (base, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const low = churnRisk({ ...base, [feature]: lo });
          const high = churnRisk({ ...base, [feature]: hi });
          return RAISES_RISK[feature] > 0 ? high.risk >= low.risk : high.risk <= low.risk;
        },
      ),
    );
  });

  it.each(RISK_FEATURES)('%s strictly moves the logit inside its range', (feature) => {
    const { min, max } = RISK_FEATURE_SCALES[feature];
    fc.assert(
      fc.property(
        inputs,
        fc.double({ min, max, noNaN: true }),
        fc.double({ min, max, noNaN: true }),
        (base, a, b) => {
          fc.pre(Math.abs(a - b) > 1e-6);
          const [lo, hi] = a < b ? [a, b] : [b, a];
          const delta =
            churnRisk({ ...base, [feature]: hi }).logit - churnRisk({ ...base, [feature]: lo }).logit;
          return Math.sign(delta) === RAISES_RISK[feature];
        },
      ),
    );
  });

  it('always returns a risk within 0…1 and three top features', () => {
    fc.assert(
      fc.property(inputs, (base) => {
        const { risk, top } = churnRisk(base);
        return risk >= 0 && risk <= 1 && top.length === 3;
      }),
    );
  });
});

// ——— Refit ———

/** Deterministic spread of `count` values from `lo` to `hi`. */
function spread(i: number, count: number, lo: number, hi: number): number {
  return lo + ((hi - lo) * (i % count)) / Math.max(1, count - 1);
}

/** Bad values for churned accounts, good ones for retained: separable along one feature only. */
const SEPARATING: Readonly<
  Record<RiskFeature, { churned: readonly [number, number]; retained: readonly [number, number] }>
> = {
  score: { churned: [20, 45], retained: [60, 95] },
  slope: { churned: [-12, -4], retained: [-1, 5] },
  daysToRenewal: { churned: [0, 60], retained: [150, 365] },
  nps: { churned: [-60, -10], retained: [10, 70] },
  escalations: { churned: [4, 8], retained: [0, 2] },
  paymentDelinquencyDays: { churned: [45, 120], retained: [0, 10] },
};

function separableHistory(feature: RiskFeature, churned: number, retained = 60): RiskExample[] {
  const range = SEPARATING[feature];
  const examples: RiskExample[] = [];
  for (let i = 0; i < churned; i++) {
    examples.push({
      accountId: `c${i}`,
      churned: true,
      inputs: { [feature]: spread(i, 7, ...range.churned) },
    });
  }
  for (let i = 0; i < retained; i++) {
    examples.push({
      accountId: `r${i}`,
      churned: false,
      inputs: { [feature]: spread(i, 11, ...range.retained) },
    });
  }
  return examples;
}

describe('refit', () => {
  it('requires at least 20 churned accounts', () => {
    expect(MIN_CHURNED_FOR_REFIT).toBe(20);
  });

  it.each([0, 1, 19])('keeps the defaults with %d churned accounts, and says why', (churned) => {
    const refit = refitRiskCoefficients(separableHistory('escalations', churned));
    expect(refit).toEqual({
      coefficients: DEFAULT_RISK_COEFFICIENTS,
      source: 'default',
      reason: REFIT_REASONS.tooFewChurned,
      churnedAccounts: churned,
      retainedAccounts: 60,
      iterations: 0,
    });
  });

  it('counts churned accounts, not examples', () => {
    // 20 churned examples, but two of them are the same account at two points in time.
    const examples = separableHistory('escalations', 20).map((e) =>
      e.accountId === 'c19' ? { ...e, accountId: 'c0' } : e,
    );
    expect(refitRiskCoefficients(examples)).toMatchObject({ source: 'default', churnedAccounts: 19 });
  });

  it('keeps the defaults when no account was retained', () => {
    expect(refitRiskCoefficients(separableHistory('escalations', 25, 0))).toMatchObject({
      source: 'default',
      reason: REFIT_REASONS.noRetained,
    });
  });

  it.each(RISK_FEATURES.flatMap((f) => [[f, 20] as const, [f, 35] as const]))(
    'with %s separating churn (%d churned), strengthens its weight in the documented direction and improves the fit',
    (feature, churned) => {
      const history = separableHistory(feature, churned);
      const refit = refitRiskCoefficients(history);
      expect(refit).toMatchObject({
        source: 'tenant',
        reason: REFIT_REASONS.refitted,
        churnedAccounts: churned,
      });
      const before = DEFAULT_RISK_COEFFICIENTS.weights[feature];
      const after = refit.coefficients.weights[feature];
      expect(Math.sign(after)).toBe(Math.sign(before));
      expect(Math.abs(after)).toBeGreaterThan(Math.abs(before));
      expect(riskLogLikelihood(history, refit.coefficients)).toBeGreaterThan(
        riskLogLikelihood(history, DEFAULT_RISK_COEFFICIENTS),
      );
      // The features the data says nothing about keep their documented weights.
      for (const other of RISK_FEATURES.filter((f) => f !== feature)) {
        expect(refit.coefficients.weights[other]).toBe(DEFAULT_RISK_COEFFICIENTS.weights[other]);
      }
    },
  );

  it('moves the intercept to the tenant’s base rate', () => {
    // Churn unrelated to any feature: 25 of 50 accounts churned, so the risk of an average account should near 0.5.
    const history: RiskExample[] = Array.from({ length: 50 }, (_, i) => ({
      accountId: `a${i}`,
      churned: i % 2 === 0,
      inputs: {},
    }));
    const refit = refitRiskCoefficients(history);
    expect(churnRisk({}, refit.coefficients).risk).toBeCloseTo(0.5, 2);
  });

  describe('on a mixed history', () => {
    // Every feature varies; churn follows a "true" model that weighs escalations and overdue days more heavily
    // than the defaults do, and score less, with a deterministic sprinkle of label noise.
    const TRUE_WEIGHTS: Readonly<Record<RiskFeature, number>> = {
      score: -0.6,
      slope: -0.6,
      daysToRenewal: -0.5,
      nps: -0.5,
      escalations: 1.5,
      paymentDelinquencyDays: 1.5,
    };
    const history: RiskExample[] = Array.from({ length: 300 }, (_, i) => {
      const inputs: RiskInputs = {
        score: spread(i, 13, 20, 95),
        slope: spread(i * 7, 11, -8, 6),
        daysToRenewal: spread(i * 3, 17, 0, 365),
        nps: spread(i * 5, 19, -60, 80),
        escalations: spread(i * 11, 9, 0, 8),
        paymentDelinquencyDays: i % 4 === 0 ? spread(i, 5, 0, 90) : 0,
      };
      const { z } = riskFeatures(inputs);
      const logit = -1 + RISK_FEATURES.reduce((s, f) => s + TRUE_WEIGHTS[f] * z[f], 0);
      const flip = i % 23 === 0;
      return { accountId: `a${i}`, inputs, churned: logit > 0 !== flip };
    });

    it('refits towards the true weights, better than the defaults, deterministically', () => {
      const churned = history.filter((e) => e.churned).length;
      expect(churned).toBeGreaterThanOrEqual(MIN_CHURNED_FOR_REFIT);
      const refit = refitRiskCoefficients(history);
      expect(refit.source).toBe('tenant');
      expect(refit.iterations).toBeGreaterThan(0);
      expect(refit.iterations).toBeLessThanOrEqual(REFIT_MAX_ITERATIONS);
      expect(refit.coefficients.weights.escalations).toBeGreaterThan(
        DEFAULT_RISK_COEFFICIENTS.weights.escalations,
      );
      expect(refit.coefficients.weights.paymentDelinquencyDays).toBeGreaterThan(
        DEFAULT_RISK_COEFFICIENTS.weights.paymentDelinquencyDays,
      );
      expect(riskLogLikelihood(history, refit.coefficients)).toBeGreaterThan(
        riskLogLikelihood(history, DEFAULT_RISK_COEFFICIENTS),
      );
      expect(refitRiskCoefficients(history)).toEqual(refit);
    });

    it('pulls the weights less far from the defaults with a stronger ridge', () => {
      const distance = (l2: number): number => {
        const { weights } = refitRiskCoefficients(history, { l2 }).coefficients;
        return RISK_FEATURES.reduce(
          (s, f) => s + (weights[f] - DEFAULT_RISK_COEFFICIENTS.weights[f]) ** 2,
          0,
        );
      };
      expect(distance(100)).toBeLessThan(distance(1));
      expect(distance(1)).toBeLessThan(distance(0.01));
    });
  });
});
