/**
 * Churn risk (DOMAIN.md "Risk, forecasts, anomalies"): a logistic model over six transparent features, with
 * documented default coefficients and a refit on a tenant's own history once it has enough churned accounts.
 *
 * logit = intercept + Σ weight_f · z_f,   z_f = (clamp(x_f) − center_f) / scale_f,   risk = 1 / (1 + e^−logit)
 *
 * Decisions, in one place:
 * - Standardisation uses fixed, documented centers and scales (RISK_FEATURE_SCALES), not statistics of the
 *   tenant's data: a coefficient then reads the same on every device and tenant ("per 15 score points").
 * - Each input is clamped to a range first, so one extreme or mistyped value cannot saturate the model on its
 *   own, and a renewal more than a year out is no safer than one a year out.
 * - A missing (null, undefined or non-finite) feature is imputed at its center, i.e. it contributes exactly 0:
 *   the model neither rewards nor punishes a gap. Missing data has its own signal (status `unknown`).
 * - `top` is always the three largest contributions (ties in RISK_FEATURES order), as DOMAIN.md asks to always
 *   show three; a negative one among them means even that feature is lowering the risk.
 */

export const RISK_FEATURES = [
  'score',
  'slope',
  'daysToRenewal',
  'nps',
  'escalations',
  'paymentDelinquencyDays',
] as const;
export type RiskFeature = (typeof RISK_FEATURES)[number];

export interface FeatureScale {
  /** The value of an unremarkable account; also the imputed value of a missing feature. */
  readonly center: number;
  /** One unit of z: a change a CSM would call "clearly different". */
  readonly scale: number;
  readonly min: number;
  readonly max: number;
}

export const RISK_FEATURE_SCALES: Readonly<Record<RiskFeature, FeatureScale>> = {
  /** Health score 0…100, centred on the yellow middle; 15 points is about one status band. */
  score: { center: 60, scale: 15, min: 0, max: 100 },
  /** Score slope in points per month (DOMAIN.md trend); ±20 is already a collapse or a rescue. */
  slope: { center: 0, scale: 5, min: -20, max: 20 },
  /** Days to renewal; a passed renewal counts as 0, anything beyond a year as a year. */
  daysToRenewal: { center: 180, scale: 90, min: 0, max: 365 },
  /** NPS −100…100, centred a little above the yellow bound (0) where most B2B accounts sit. */
  nps: { center: 20, scale: 30, min: -100, max: 100 },
  /** Escalations per month; one is ordinary, capped at ten. */
  escalations: { center: 1, scale: 2, min: 0, max: 10 },
  /** Days payment overdue; paying on time is the norm and earns no bonus; capped at half a year. */
  paymentDelinquencyDays: { center: 0, scale: 30, min: 0, max: 180 },
};

export interface RiskCoefficients {
  readonly intercept: number;
  /** Per unit of z (see RISK_FEATURE_SCALES). Positive raises risk. */
  readonly weights: Readonly<Record<RiskFeature, number>>;
}

/**
 * Hand-set priors, not fitted: they encode what customer-success teams know and keep every signal moderate,
 * so no single feature decides alone. Worked checks (tested): a green account (score 85, rising, renewal in
 * 300 days, nps 45, no escalations) ≈ 0.004; a red one (score 35, falling 4/month, renewal in 60 days, nps −20,
 * 4 escalations, 30 days overdue) ≈ 0.96.
 */
export const DEFAULT_RISK_COEFFICIENTS: RiskCoefficients = {
  /** An account at every center has σ(−2) ≈ 12% risk, about the yearly logo churn of B2B SaaS. */
  intercept: -2,
  weights: {
    /** Lower score, higher risk; the broadest signal, so the strongest weight: 60 → 30 adds 2.4 to the logit. */
    score: -1.2,
    /** A falling score predicts churn beyond its level: −5 points/month adds 0.6. */
    slope: -0.6,
    /** Accounts churn at renewal: 0 days instead of 180 adds 1.0. */
    daysToRenewal: -0.5,
    /** Detractors leave: nps −40 instead of 20 adds 1.0. */
    nps: -0.5,
    /** Escalations show a relationship under strain: 5 a month instead of 1 adds 1.0. */
    escalations: 0.5,
    /** Unpaid invoices often precede non-renewal: 60 days overdue adds 1.2. */
    paymentDelinquencyDays: 0.6,
  },
};

/** Raw inputs; `null`, `undefined` or a non-finite number means missing. */
export type RiskInputs = { readonly [F in RiskFeature]?: number | null };

export interface RiskFeatureVector {
  /** (clamped value − center) / scale; 0 for a missing feature. */
  readonly z: Readonly<Record<RiskFeature, number>>;
  /** The value the model used: the input clamped to its range, or the center when missing. */
  readonly used: Readonly<Record<RiskFeature, number>>;
  readonly imputed: Readonly<Record<RiskFeature, boolean>>;
}

function byFeature<T>(make: (feature: RiskFeature, index: number) => T): Record<RiskFeature, T> {
  return Object.fromEntries(RISK_FEATURES.map((f, i) => [f, make(f, i)])) as Record<RiskFeature, T>;
}

function present(value: number | null | undefined): value is number {
  return value !== null && value !== undefined && Number.isFinite(value);
}

/** The standardised feature vector, with clamping and imputation applied. */
export function riskFeatures(inputs: RiskInputs): RiskFeatureVector {
  const imputed = byFeature((f) => !present(inputs[f]));
  const used = byFeature((f) => {
    const value = inputs[f];
    const { center, min, max } = RISK_FEATURE_SCALES[f];
    return present(value) ? Math.min(max, Math.max(min, value)) : center;
  });
  const z = byFeature((f) => (used[f] - RISK_FEATURE_SCALES[f].center) / RISK_FEATURE_SCALES[f].scale);
  return { z, used, imputed };
}

/** Numerically stable 1 / (1 + e^−x). */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

export interface FeatureContribution {
  readonly feature: RiskFeature;
  /** The input as given; `null` when missing. */
  readonly input: number | null;
  readonly used: number;
  readonly imputed: boolean;
  /** Signed contribution to the logit (weight · z); positive raises risk. */
  readonly contribution: number;
}

export interface ChurnRisk {
  /** 0…1. */
  readonly risk: number;
  readonly logit: number;
  /** Every feature, in RISK_FEATURES order; with the intercept they sum to the logit. */
  readonly contributions: FeatureContribution[];
  /** The TOP_RISK_FEATURES largest contributions, largest first, ties in RISK_FEATURES order. */
  readonly top: FeatureContribution[];
}

export const TOP_RISK_FEATURES = 3;

export function churnRisk(
  inputs: RiskInputs,
  coefficients: RiskCoefficients = DEFAULT_RISK_COEFFICIENTS,
): ChurnRisk {
  const vector = riskFeatures(inputs);
  const contributions = RISK_FEATURES.map((feature): FeatureContribution => {
    const input = inputs[feature];
    const product = coefficients.weights[feature] * vector.z[feature];
    return {
      feature,
      input: present(input) ? input : null,
      used: vector.used[feature],
      imputed: vector.imputed[feature],
      // −1.2 · 0 is −0, which would show as "−0" and fail deep equality with 0.
      contribution: product === 0 ? 0 : product,
    };
  });
  const logit = contributions.reduce((sum, c) => sum + c.contribution, coefficients.intercept);
  // Array.prototype.sort is stable, so equal contributions keep RISK_FEATURES order.
  const top = [...contributions].sort((a, b) => b.contribution - a.contribution).slice(0, TOP_RISK_FEATURES);
  return { risk: logistic(logit), logit, contributions, top };
}

// ——— Refit on a tenant's history ———

/** One labelled example: an account's features at some point, and whether it churned (ARR went to 0) afterwards. */
export interface RiskExample {
  readonly accountId: string;
  readonly inputs: RiskInputs;
  readonly churned: boolean;
}

/** DOMAIN.md: refit only with at least 20 accounts whose ARR went to 0; fewer would mostly fit noise. */
export const MIN_CHURNED_FOR_REFIT = 20;
/**
 * Ridge strength, per unit of z, pulling the weights toward the defaults rather than toward 0: with a few dozen
 * churned accounts the defaults are the better prior, and a feature the tenant's data says nothing about keeps
 * its documented effect instead of vanishing. 1 is weak next to the log-likelihood of a tenant's portfolio.
 */
export const REFIT_L2 = 1;
/** Barely holds the intercept: the tenant's own base rate should win, but the Hessian stays invertible. */
export const REFIT_INTERCEPT_L2 = 0.01;
/** Newton's method converges in well under this; the cap keeps the work bounded on any device. */
export const REFIT_MAX_ITERATIONS = 50;

export const REFIT_REASONS = {
  /** Fitted on the tenant's examples. */
  refitted: 'refitted',
  /** Fewer than MIN_CHURNED_FOR_REFIT distinct churned accounts. */
  tooFewChurned: 'too-few-churned',
  /** Every example churned: nothing to tell churn from retention. */
  noRetained: 'no-retained',
} as const;
export type RefitReason = (typeof REFIT_REASONS)[keyof typeof REFIT_REASONS];

export interface RiskRefit {
  readonly coefficients: RiskCoefficients;
  readonly source: 'default' | 'tenant';
  readonly reason: RefitReason;
  /** Distinct accounts with a churned / a retained example. */
  readonly churnedAccounts: number;
  readonly retainedAccounts: number;
  /** Newton iterations taken (0 when the defaults were kept). */
  readonly iterations: number;
}

export interface RefitOptions {
  /** Starting point and prior; DEFAULT_RISK_COEFFICIENTS unless given. */
  readonly defaults?: RiskCoefficients;
  readonly l2?: number;
  readonly maxIterations?: number;
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`Index ${index} is outside 0…${items.length - 1}`);
  return item;
}

function toVector(c: RiskCoefficients): number[] {
  return [c.intercept, ...RISK_FEATURES.map((f) => c.weights[f])];
}

function fromVector(theta: readonly number[]): RiskCoefficients {
  return { intercept: at(theta, 0), weights: byFeature((_, i) => at(theta, i + 1)) };
}

/** A design row: 1 for the intercept, then the standardised features. */
function designRow(inputs: RiskInputs): number[] {
  const { z } = riskFeatures(inputs);
  return [1, ...RISK_FEATURES.map((f) => z[f])];
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, v, i) => sum + v * at(b, i), 0);
}

interface Problem {
  readonly rows: readonly (readonly number[])[];
  readonly labels: readonly number[];
  readonly prior: readonly number[];
  readonly penalties: readonly number[];
}

/** Penalised negative log-likelihood: Σ softplus(η) − yη + ½ Σ λ_j (θ_j − prior_j)². */
function objective(problem: Problem, theta: readonly number[]): number {
  const nll = problem.rows.reduce((sum, row, i) => {
    const eta = dot(row, theta);
    return sum + softplus(eta) - at(problem.labels, i) * eta;
  }, 0);
  const penalty = theta.reduce(
    (sum, t, j) => sum + 0.5 * at(problem.penalties, j) * (t - at(problem.prior, j)) ** 2,
    0,
  );
  return nll + penalty;
}

function gradientAndHessian(
  problem: Problem,
  theta: readonly number[],
): { gradient: number[]; hessian: number[][] } {
  const k = theta.length;
  const gradient = theta.map((t, j) => at(problem.penalties, j) * (t - at(problem.prior, j)));
  const hessian = theta.map((_, r) => theta.map((__, c) => (r === c ? at(problem.penalties, r) : 0)));
  problem.rows.forEach((row, i) => {
    const p = logistic(dot(row, theta));
    const residual = p - at(problem.labels, i);
    const w = p * (1 - p);
    for (let r = 0; r < k; r++) {
      const xr = at(row, r);
      gradient[r] = at(gradient, r) + residual * xr;
      const hRow = at(hessian, r);
      for (let c = 0; c < k; c++) hRow[c] = at(hRow, c) + w * xr * at(row, c);
    }
  });
  return { gradient, hessian };
}

/** Solves A·x = b by Gaussian elimination with partial pivoting; `null` when A is numerically singular. */
function solve(matrix: readonly (readonly number[])[], rhs: readonly number[]): number[] | null {
  const n = rhs.length;
  const rows = matrix.map((row, i) => [...row, at(rhs, i)]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(at(at(rows, r), col)) > Math.abs(at(at(rows, pivot), col))) pivot = r;
    }
    const pivotRow = at(rows, pivot);
    const lead = at(pivotRow, col);
    if (Math.abs(lead) < 1e-12) return null;
    rows[pivot] = at(rows, col);
    rows[col] = pivotRow;
    for (let r = col + 1; r < n; r++) {
      const row = at(rows, r);
      const factor = at(row, col) / lead;
      for (let c = col; c <= n; c++) row[c] = at(row, c) - factor * at(pivotRow, c);
    }
  }
  const x: number[] = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = at(rows, r);
    let sum = at(row, n);
    for (let c = r + 1; c < n; c++) sum -= at(row, c) * at(x, c);
    x[r] = sum / at(row, r);
  }
  return x;
}

/**
 * Newton's method from the prior, with step halving so every accepted step lowers the objective: the result is
 * never worse than the defaults on the tenant's data, and the same examples always give the same numbers.
 */
function newton(problem: Problem, maxIterations: number): { theta: number[]; iterations: number } {
  let theta = [...problem.prior];
  let current = objective(problem, theta);
  let iterations = 0;
  while (iterations < maxIterations) {
    const { gradient, hessian } = gradientAndHessian(problem, theta);
    const step = solve(hessian, gradient);
    if (!step) break;
    let scale = 1;
    let next: number[] | null = null;
    for (let halvings = 0; halvings < 30 && next === null; halvings++, scale /= 2) {
      const candidate = theta.map((t, j) => t - scale * at(step, j));
      const value = objective(problem, candidate);
      if (value <= current) {
        next = candidate;
        current = value;
      }
    }
    if (next === null) break;
    iterations++;
    const moved = Math.max(...next.map((t, j) => Math.abs(t - at(theta, j))));
    theta = next;
    if (moved < 1e-10) break;
  }
  return { theta, iterations };
}

function distinctAccounts(examples: readonly RiskExample[], churned: boolean): number {
  return new Set(examples.filter((e) => e.churned === churned).map((e) => e.accountId)).size;
}

/**
 * Refits the coefficients on a tenant's labelled history by L2-regularised logistic regression (Newton/IRLS),
 * or keeps the defaults, saying why, when there are fewer than MIN_CHURNED_FOR_REFIT distinct churned accounts.
 * Feature centers, scales and clamps stay fixed, so refitted weights read like the defaults.
 */
export function refitRiskCoefficients(
  examples: readonly RiskExample[],
  options: RefitOptions = {},
): RiskRefit {
  const defaults = options.defaults ?? DEFAULT_RISK_COEFFICIENTS;
  const churnedAccounts = distinctAccounts(examples, true);
  const retainedAccounts = distinctAccounts(examples, false);
  const keep = (reason: RefitReason): RiskRefit => ({
    coefficients: defaults,
    source: 'default',
    reason,
    churnedAccounts,
    retainedAccounts,
    iterations: 0,
  });
  if (churnedAccounts < MIN_CHURNED_FOR_REFIT) return keep(REFIT_REASONS.tooFewChurned);
  if (retainedAccounts === 0) return keep(REFIT_REASONS.noRetained);
  const l2 = options.l2 ?? REFIT_L2;
  const prior = toVector(defaults);
  const problem: Problem = {
    rows: examples.map((e) => designRow(e.inputs)),
    labels: examples.map((e) => (e.churned ? 1 : 0)),
    prior,
    penalties: prior.map((_, j) => (j === 0 ? REFIT_INTERCEPT_L2 : l2)),
  };
  const { theta, iterations } = newton(problem, options.maxIterations ?? REFIT_MAX_ITERATIONS);
  return {
    coefficients: fromVector(theta),
    source: 'tenant',
    reason: REFIT_REASONS.refitted,
    churnedAccounts,
    retainedAccounts,
    iterations,
  };
}

/** Log-likelihood of the labels under the coefficients (higher is better; 0 is perfect). */
export function riskLogLikelihood(examples: readonly RiskExample[], coefficients: RiskCoefficients): number {
  const theta = toVector(coefficients);
  return -examples.reduce((sum, e) => {
    const eta = dot(designRow(e.inputs), theta);
    return sum + softplus(eta) - (e.churned ? eta : 0);
  }, 0);
}
