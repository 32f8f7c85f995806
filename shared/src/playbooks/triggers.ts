/**
 * Playbook triggers and success criteria as data (DOMAIN.md "Playbooks" table), a tenant's overrides of
 * their thresholds, and their evaluation: a trigger on an account's latest month, with evidence and a
 * comparable "distance past the trigger"; a criterion on before/after values, with the numbers behind it.
 */
import { STATUS_POINTS, type HealthStatus } from '../health/health';
import { isKpiId, type KpiId, type KpiValues, type PlausibleRange } from '../kpi/catalog';
import { DEFAULT_CATALOG, type Catalog } from '../kpi/overrides';
import type { Cents } from '../units';
import { PLAYBOOK_IDS, getPlaybook, isPlaybookId, type PlaybookId } from './definitions';

export type Operator = '<' | '<=' | '>' | '>=';

export function compareValues(value: number, operator: Operator, threshold: number): boolean {
  switch (operator) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
  }
}

/**
 * What a trigger can look at besides the latest KPI values. Each is a number so that every condition is
 * "feature operator threshold" and a tenant can tune every threshold the same way:
 * - `status_points`: the latest account status as points (green 100, yellow 50, red 0), so "status not
 *   green" is `status_points < 100` and a tenant could narrow it to red only with `< 50`;
 * - `green_months`: how many months in a row, up to the latest, the account has been green;
 * - `days_to_renewal`: days from today to the renewal date;
 * - `churn_risk`: the churn-risk model's probability, 0…1.
 */
export const CONTEXT_FEATURES = ['status_points', 'green_months', 'days_to_renewal', 'churn_risk'] as const;
export type ContextFeature = (typeof CONTEXT_FEATURES)[number];
export type TriggerFeature = KpiId | ContextFeature;

interface ContextFeatureInfo {
  readonly name: string;
  /** Where a tenant's threshold may sit. */
  readonly range: PlausibleRange;
  /** One unit of "distance past the trigger"; see `featureScale`. */
  readonly scale: number;
}

const CONTEXT_FEATURE_INFO: Readonly<Record<ContextFeature, ContextFeatureInfo>> = {
  // One status step (green → yellow → red).
  status_points: { name: 'Health status', range: { min: 0, max: 100 }, scale: 50 },
  // A streak of 0 months would fire for every account; two years is more history than anyone keeps in view.
  green_months: { name: 'Months green in a row', range: { min: 1, max: 24 }, scale: 3 },
  // Renewals are yearly: a window beyond a year would always contain the next renewal.
  days_to_renewal: { name: 'Days to renewal', range: { min: 0, max: 365 }, scale: 30 },
  // A quarter of the probability scale: 0.5 → 0.75 → 1.
  churn_risk: { name: 'Churn risk', range: { min: 0, max: 1 }, scale: 0.25 },
};

function isContextFeature(feature: TriggerFeature): feature is ContextFeature {
  return (CONTEXT_FEATURES as readonly string[]).includes(feature);
}

export function featureName(feature: TriggerFeature): string {
  return isContextFeature(feature) ? CONTEXT_FEATURE_INFO[feature].name : DEFAULT_CATALOG.byId[feature].name;
}

/** Where a threshold on the feature may sit: the KPI's plausible range, or the context feature's. */
export function featureRange(feature: TriggerFeature): PlausibleRange {
  return isContextFeature(feature)
    ? CONTEXT_FEATURE_INFO[feature].range
    : DEFAULT_CATALOG.byId[feature].plausible;
}

/**
 * The unit in which "distance past the trigger" is measured, so that different KPIs are comparable.
 * For a KPI it is the width of its yellow band, |green − yellow|, in the tenant's catalog: the tenant's own
 * idea of how far "good" is from "bad" for that KPI (nps 30, csat 15, escalations 2, sla_breach_rate 10).
 * Plausible spans would not do: counts, days and hours have no upper bound. Thresholds would not either:
 * nps < 0 has a threshold of 0. A KPI with an empty band falls back to 1 of its unit.
 */
export function featureScale(feature: TriggerFeature, catalog: Catalog = DEFAULT_CATALOG): number {
  if (isContextFeature(feature)) return CONTEXT_FEATURE_INFO[feature].scale;
  const kpi = catalog.byId[feature];
  const band = Math.abs(kpi.green - kpi.yellow);
  return band > 0 ? band : 1;
}

/** What trigger evaluation needs to know about one account, as of its latest month. */
export interface TriggerContext {
  readonly accountId: string;
  /** KPI values of the latest month. */
  readonly latest: KpiValues;
  /** Account status by month, most recent last. */
  readonly statusHistory: readonly HealthStatus[];
  readonly daysToRenewal: number | null;
  readonly churnRisk: number | null;
  readonly arr: Cents | null;
}

function finite(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}

function greenStreak(history: readonly HealthStatus[]): number {
  let streak = 0;
  for (let i = history.length - 1; i >= 0 && history[i] === 'green'; i--) streak++;
  return streak;
}

/**
 * The feature's value for the account, or `null` when it is missing. Missing never fires a condition.
 * An `unknown` status is missing (we cannot say it is not green), though it does end a green streak.
 * A renewal date in the past is missing too: it means the date was not rolled forward after the last
 * renewal, a data problem to fix, not a renewal to safeguard.
 */
export function featureValue(feature: TriggerFeature, context: TriggerContext): number | null {
  switch (feature) {
    case 'status_points': {
      const latest = context.statusHistory.at(-1);
      return latest === undefined || latest === 'unknown' ? null : STATUS_POINTS[latest];
    }
    case 'green_months':
      return context.statusHistory.length === 0 ? null : greenStreak(context.statusHistory);
    case 'days_to_renewal': {
      const days = finite(context.daysToRenewal);
      return days !== null && days >= 0 ? days : null;
    }
    case 'churn_risk':
      return finite(context.churnRisk);
    default:
      return finite(context.latest[feature]);
  }
}

export interface TriggerCondition {
  readonly kind: 'condition';
  /** Unique within its playbook: what a tenant's override names. */
  readonly id: string;
  readonly feature: TriggerFeature;
  readonly operator: Operator;
  readonly threshold: number;
}

export interface TriggerGroup {
  readonly kind: 'any' | 'all';
  readonly conditions: readonly TriggerNode[];
}

export type TriggerNode = TriggerCondition | TriggerGroup;

/**
 * A success condition compares one measured quantity with a threshold:
 * - `level`: the KPI's value after the run;
 * - `change`: after − before for the KPI (nps +10 is `change nps >= 10`);
 * - `arr_percent`: ARR after as a percentage of the baseline ARR (+10 % is `>= 110`);
 * - `renewed`: whether the account renewed, nothing to tune.
 */
export type SuccessCondition =
  | {
      readonly kind: 'level' | 'change';
      readonly id: string;
      readonly kpi: KpiId;
      readonly operator: Operator;
      readonly threshold: number;
    }
  | {
      readonly kind: 'arr_percent';
      readonly id: string;
      readonly operator: Operator;
      readonly threshold: number;
    }
  | { readonly kind: 'renewed'; readonly id: string };

export interface SuccessCriterion {
  readonly mode: 'any' | 'all';
  readonly conditions: readonly SuccessCondition[];
  /** Days from the run's start (its baseline) in which the criterion must be met; `null`: at the renewal. */
  readonly withinDays: number | null;
}

export interface PlaybookRules {
  readonly playbookId: PlaybookId;
  readonly trigger: TriggerNode;
  readonly success: SuccessCriterion;
}

function when(
  feature: TriggerFeature,
  operator: Operator,
  threshold: number,
  id: string = feature,
): TriggerCondition {
  return { kind: 'condition', id, feature, operator, threshold };
}
const any = (...conditions: TriggerNode[]): TriggerGroup => ({ kind: 'any', conditions });
const all = (...conditions: TriggerNode[]): TriggerGroup => ({ kind: 'all', conditions });

/** DOMAIN.md's default triggers and success criteria, strict and non-strict exactly as written there. */
export const DEFAULT_PLAYBOOK_RULES: Readonly<Record<PlaybookId, PlaybookRules>> = {
  'voc-sprint': {
    playbookId: 'voc-sprint',
    trigger: any(when('nps', '<', 0), when('csat', '<', 70), when('survey_response_rate', '<', 15)),
    success: {
      mode: 'any',
      conditions: [
        { kind: 'change', id: 'nps', kpi: 'nps', operator: '>=', threshold: 10 },
        { kind: 'change', id: 'csat', kpi: 'csat', operator: '>=', threshold: 10 },
      ],
      withinDays: 60,
    },
  },
  'activation-blitz': {
    playbookId: 'activation-blitz',
    trigger: any(
      when('license_utilization', '<', 60),
      when('feature_adoption', '<', 40),
      when('time_to_value_days', '>', 60),
    ),
    success: {
      mode: 'all',
      conditions: [
        {
          kind: 'level',
          id: 'license_utilization',
          kpi: 'license_utilization',
          operator: '>=',
          threshold: 70,
        },
      ],
      withinDays: 45,
    },
  },
  'sla-stabilizer': {
    playbookId: 'sla-stabilizer',
    trigger: any(
      when('sla_breach_rate', '>', 10),
      when('escalations', '>=', 3),
      when('first_response_hours', '>', 24),
    ),
    success: {
      mode: 'all',
      conditions: [
        { kind: 'level', id: 'sla_breach_rate', kpi: 'sla_breach_rate', operator: '<=', threshold: 5 },
      ],
      withinDays: 30,
    },
  },
  'renewal-safeguard': {
    playbookId: 'renewal-safeguard',
    trigger: all(
      when('days_to_renewal', '<=', 120),
      any(when('status_points', '<', STATUS_POINTS.green, 'status_not_green'), when('churn_risk', '>=', 0.5)),
    ),
    success: {
      mode: 'all',
      conditions: [
        { kind: 'renewed', id: 'renewed' },
        { kind: 'arr_percent', id: 'arr', operator: '>=', threshold: 100 },
      ],
      withinDays: null,
    },
  },
  'expansion-timing': {
    playbookId: 'expansion-timing',
    trigger: all(when('green_months', '>=', 3), when('license_utilization', '>=', 85), when('nps', '>=', 30)),
    success: {
      mode: 'all',
      conditions: [{ kind: 'arr_percent', id: 'arr', operator: '>=', threshold: 110 }],
      withinDays: 90,
    },
  },
};

/** Every condition of a trigger, depth first, in the order written. */
export function triggerConditions(node: TriggerNode): TriggerCondition[] {
  return node.kind === 'condition' ? [node] : node.conditions.flatMap(triggerConditions);
}

/** The KPIs a playbook's trigger and criterion name, in catalog order: the rows of its before/after table. */
export function namedKpis(rules: PlaybookRules): KpiId[] {
  const named = new Set<KpiId>();
  for (const c of triggerConditions(rules.trigger)) if (isKpiId(c.feature)) named.add(c.feature);
  for (const c of rules.success.conditions) if (c.kind === 'level' || c.kind === 'change') named.add(c.kpi);
  return [...named].sort((a, b) => DEFAULT_CATALOG.order[a] - DEFAULT_CATALOG.order[b]);
}

/* ------------------------------------------------------------------ trigger evaluation */

export interface TriggerEvidence {
  readonly conditionId: string;
  readonly feature: TriggerFeature;
  readonly value: number;
  readonly operator: Operator;
  readonly threshold: number;
  /** |value − threshold| in units of `featureScale`: 0 exactly on a non-strict threshold. */
  readonly distance: number;
}

export interface TriggerResult {
  readonly playbookId: PlaybookId;
  readonly fired: boolean;
  /**
   * How far past the trigger the account is, comparable across KPIs and playbooks; `null` when it did not
   * fire. An "any" group is as far past as its furthest crossed condition; an "all" group is the mean of its
   * parts, so an account comfortably past every condition outranks one that just scrapes past them all.
   */
  readonly distance: number | null;
  /** Every condition that crossed its threshold, in trigger order (also those of a group that did not fire). */
  readonly evidence: readonly TriggerEvidence[];
  /** Ids of the conditions that had no value to test. */
  readonly missing: readonly string[];
}

interface NodeResult {
  readonly fired: boolean;
  readonly distance: number | null;
  readonly evidence: TriggerEvidence[];
  readonly missing: string[];
}

function evaluateCondition(
  condition: TriggerCondition,
  context: TriggerContext,
  catalog: Catalog,
): NodeResult {
  const value = featureValue(condition.feature, context);
  if (value === null) return { fired: false, distance: null, evidence: [], missing: [condition.id] };
  if (!compareValues(value, condition.operator, condition.threshold)) {
    return { fired: false, distance: null, evidence: [], missing: [] };
  }
  const distance = Math.abs(value - condition.threshold) / featureScale(condition.feature, catalog);
  const { id: conditionId, feature, operator, threshold } = condition;
  return {
    fired: true,
    distance,
    evidence: [{ conditionId, feature, value, operator, threshold, distance }],
    missing: [],
  };
}

function evaluateNode(node: TriggerNode, context: TriggerContext, catalog: Catalog): NodeResult {
  if (node.kind === 'condition') return evaluateCondition(node, context, catalog);
  const parts = node.conditions.map((child) => evaluateNode(child, context, catalog));
  const evidence = parts.flatMap((p) => p.evidence);
  const missing = parts.flatMap((p) => p.missing);
  const distances = parts.filter((p) => p.fired).map((p) => p.distance!);
  const fired =
    node.kind === 'any' ? distances.length > 0 : parts.length > 0 && distances.length === parts.length;
  if (!fired) return { fired, distance: null, evidence, missing };
  const distance =
    node.kind === 'any' ? Math.max(...distances) : distances.reduce((s, d) => s + d, 0) / distances.length;
  return { fired, distance, evidence, missing };
}

/** Whether the playbook's trigger fires on the account's latest month, and why. */
export function evaluateTrigger(
  rules: PlaybookRules,
  context: TriggerContext,
  catalog: Catalog = DEFAULT_CATALOG,
): TriggerResult {
  const { fired, distance, evidence, missing } = evaluateNode(rules.trigger, context, catalog);
  return { playbookId: rules.playbookId, fired, distance, evidence, missing };
}

/* ------------------------------------------------------------------ success evaluation */

export interface SuccessInput {
  /** KPI values when the run started. */
  readonly baseline: KpiValues;
  /** KPI values now (or at the end of the window). */
  readonly after: KpiValues;
  /** Days from the run's start to when `after` was measured. */
  readonly daysElapsed: number;
  /** `null` while the renewal is not decided. */
  readonly renewed: boolean | null;
  readonly baselineArr: Cents | null;
  readonly afterArr: Cents | null;
}

export interface SuccessMeasure {
  readonly conditionId: string;
  readonly kind: SuccessCondition['kind'];
  readonly kpi: KpiId | null;
  /** KPI values, or ARR in cents for `arr_percent`. */
  readonly before: number | null;
  readonly after: number | null;
  /** What was compared: the level, the change, or the ARR percentage. */
  readonly value: number | null;
  readonly operator: Operator | null;
  readonly threshold: number | null;
  /** `null` when there is not enough data to tell. */
  readonly met: boolean | null;
}

export interface KpiBeforeAfter {
  readonly kpi: KpiId;
  readonly before: number | null;
  readonly after: number | null;
  readonly change: number | null;
}

/**
 * `met`: the criterion holds within its window. `pending`: not (yet) met but the window is still open, or
 * the renewal is not decided. `not_met`: the window closed (at exactly `withinDays` days it is closed)
 * without it, or it was met only after the window — values measured late cannot prove success "within".
 */
export type SuccessOutcome = 'met' | 'not_met' | 'pending';

export interface SuccessResult {
  readonly playbookId: PlaybookId;
  readonly outcome: SuccessOutcome;
  readonly met: boolean;
  readonly measures: readonly SuccessMeasure[];
  /** The before/after table of the run report: every KPI the trigger and criterion name. */
  readonly beforeAfter: readonly KpiBeforeAfter[];
}

/** Differences of decimals carry float noise (33.3 − 23.3 = 9.999999999999996); +10 must count as +10. */
function change(before: number | null, after: number | null): number | null {
  return before === null || after === null ? null : Math.round((after - before) * 1e9) / 1e9;
}

function measure(condition: SuccessCondition, input: SuccessInput): SuccessMeasure {
  const { id: conditionId, kind } = condition;
  if (condition.kind === 'renewed') {
    return {
      conditionId,
      kind,
      kpi: null,
      before: null,
      after: null,
      value: null,
      operator: null,
      threshold: null,
      met: input.renewed,
    };
  }
  const { operator, threshold } = condition;
  if (condition.kind === 'arr_percent') {
    const before = input.baselineArr;
    const after = input.afterArr;
    if (before === null || before <= 0 || after === null) {
      return { conditionId, kind, kpi: null, before, after, value: null, operator, threshold, met: null };
    }
    // Compare in whole cents (after · 100 against threshold · before) rather than a rounded percentage.
    const met = compareValues(after * 100, operator, threshold * before);
    return {
      conditionId,
      kind,
      kpi: null,
      before,
      after,
      value: (after * 100) / before,
      operator,
      threshold,
      met,
    };
  }
  const before = finite(input.baseline[condition.kpi]);
  const after = finite(input.after[condition.kpi]);
  const value = condition.kind === 'level' ? after : change(before, after);
  const met = value === null ? null : compareValues(value, operator, threshold);
  return { conditionId, kind, kpi: condition.kpi, before, after, value, operator, threshold, met };
}

/** Three-valued "any"/"all": unknown parts decide only when the known ones cannot. */
function combine(mode: 'any' | 'all', parts: readonly (boolean | null)[]): boolean | null {
  const decisive = mode === 'any';
  if (parts.includes(decisive)) return decisive;
  return parts.includes(null) ? null : !decisive;
}

function outcomeOf(holds: boolean | null, withinDays: number | null, daysElapsed: number): SuccessOutcome {
  if (withinDays === null) return holds === null ? 'pending' : holds ? 'met' : 'not_met';
  if (holds === true) return daysElapsed <= withinDays ? 'met' : 'not_met';
  return daysElapsed < withinDays ? 'pending' : 'not_met';
}

export function evaluateSuccess(rules: PlaybookRules, input: SuccessInput): SuccessResult {
  const measures = rules.success.conditions.map((c) => measure(c, input));
  const holds = combine(
    rules.success.mode,
    measures.map((m) => m.met),
  );
  const outcome = outcomeOf(holds, rules.success.withinDays, input.daysElapsed);
  const beforeAfter = namedKpis(rules).map((kpi): KpiBeforeAfter => {
    const before = finite(input.baseline[kpi]);
    const after = finite(input.after[kpi]);
    return { kpi, before, after, change: change(before, after) };
  });
  return { playbookId: rules.playbookId, outcome, met: outcome === 'met', measures, beforeAfter };
}

/* ------------------------------------------------------------------ tenant overrides */

/** A tenant's changes to one playbook: thresholds by condition id, and the success window. */
export interface PlaybookOverride {
  readonly trigger?: Readonly<Record<string, number | undefined>>;
  readonly success?: Readonly<Record<string, number | undefined>>;
  readonly withinDays?: number;
}
/** Keyed by playbook id; typed loosely because it arrives from settings and is checked here. */
export type PlaybookOverrides = Readonly<Record<string, PlaybookOverride | undefined>>;

export const PLAYBOOK_OVERRIDE_ERRORS = {
  /** Settings from an older or newer version may name a playbook this one does not have. */
  unknownPlaybook: 'unknown-playbook',
  unknownCondition: 'unknown-condition',
  unknownCriterion: 'unknown-criterion',
  /** "renewed" is yes or no: there is no threshold to move. */
  notConfigurable: 'not-configurable',
  notFinite: 'not-finite',
  /** A threshold no real value could reach (or every value would) is a typo, not a policy. */
  outOfPlausibleRange: 'out-of-plausible-range',
  badWindow: 'bad-window',
  /** Renewal Safeguard is judged at the renewal, whenever it comes. */
  noWindow: 'no-window',
} as const;
export type PlaybookOverrideErrorCode =
  (typeof PLAYBOOK_OVERRIDE_ERRORS)[keyof typeof PLAYBOOK_OVERRIDE_ERRORS];

export interface PlaybookOverrideError {
  readonly playbook: string;
  readonly target: 'playbook' | 'trigger' | 'success' | 'window';
  /** The condition or criterion id, `null` for the playbook or its window. */
  readonly condition: string | null;
  readonly code: PlaybookOverrideErrorCode;
  readonly message: string;
}

/** Success windows: at least a day, at most a year (beyond that the baseline says little). */
export const MAX_WINDOW_DAYS = 365;

function formatRange({ min, max }: PlausibleRange): string {
  return Number.isFinite(max) ? `${min}…${max}` : `${min} or more`;
}

type Problem = Pick<PlaybookOverrideError, 'code' | 'message'>;

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function triggerProblem(playbook: string, id: string, value: unknown, trigger: TriggerNode): Problem | null {
  const condition = triggerConditions(trigger).find((c) => c.id === id);
  if (!condition) {
    return {
      code: PLAYBOOK_OVERRIDE_ERRORS.unknownCondition,
      message: `${playbook} has no trigger condition "${id}".`,
    };
  }
  const name = featureName(condition.feature);
  if (!isNumber(value)) {
    return {
      code: PLAYBOOK_OVERRIDE_ERRORS.notFinite,
      message: `${playbook}: the ${name} threshold must be a number.`,
    };
  }
  const range = featureRange(condition.feature);
  if (value < range.min || value > range.max) {
    return {
      code: PLAYBOOK_OVERRIDE_ERRORS.outOfPlausibleRange,
      message: `${playbook}: the ${name} threshold ${value} is outside the plausible range ${formatRange(range)}.`,
    };
  }
  return null;
}

function successProblem(
  playbook: string,
  id: string,
  value: unknown,
  success: SuccessCriterion,
): Problem | null {
  const condition = success.conditions.find((c) => c.id === id);
  if (!condition) {
    return {
      code: PLAYBOOK_OVERRIDE_ERRORS.unknownCriterion,
      message: `${playbook} has no success criterion "${id}".`,
    };
  }
  if (condition.kind === 'renewed') {
    return {
      code: PLAYBOOK_OVERRIDE_ERRORS.notConfigurable,
      message: `${playbook}: "renewed" is yes or no, with no threshold to change.`,
    };
  }
  const name =
    condition.kind === 'arr_percent'
      ? 'ARR as a percentage of the baseline'
      : DEFAULT_CATALOG.byId[condition.kpi].name;
  if (!isNumber(value)) {
    return {
      code: PLAYBOOK_OVERRIDE_ERRORS.notFinite,
      message: `${playbook}: the ${name} threshold must be a number.`,
    };
  }
  const out = (message: string): Problem => ({ code: PLAYBOOK_OVERRIDE_ERRORS.outOfPlausibleRange, message });
  if (condition.kind === 'arr_percent') {
    // The same quantity as the nrr KPI, so the same plausible ceiling; 0 % would count a churn as success.
    const max = DEFAULT_CATALOG.byId.nrr.plausible.max;
    return value > 0 && value <= max
      ? null
      : out(`${playbook}: ${name} must be more than 0 and at most ${max}.`);
  }
  const range = DEFAULT_CATALOG.byId[condition.kpi].plausible;
  if (condition.kind === 'level') {
    return value >= range.min && value <= range.max
      ? null
      : out(`${playbook}: the ${name} target ${value} is outside the plausible range ${formatRange(range)}.`);
  }
  // A change must be an improvement (its sign set by the operator) no larger than the KPI's whole scale.
  const span = range.max - range.min;
  const size = condition.operator === '>' || condition.operator === '>=' ? value : -value;
  const limit = Number.isFinite(span) ? ` and at most ${span}` : '';
  return size > 0 && size <= span
    ? null
    : out(`${playbook}: the ${name} improvement must be more than 0${limit}.`);
}

function windowProblem(playbook: string, value: unknown, success: SuccessCriterion): Problem | null {
  if (success.withinDays === null) {
    return {
      code: PLAYBOOK_OVERRIDE_ERRORS.noWindow,
      message: `${playbook} is measured at the renewal, so it has no success window to change.`,
    };
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_WINDOW_DAYS) {
    return {
      code: PLAYBOOK_OVERRIDE_ERRORS.badWindow,
      message: `${playbook}: the success window must be a whole number of days between 1 and ${MAX_WINDOW_DAYS}.`,
    };
  }
  return null;
}

function validateOne(id: PlaybookId, override: PlaybookOverride): PlaybookOverrideError[] {
  const rules = DEFAULT_PLAYBOOK_RULES[id];
  const name = getPlaybook(id).name;
  const errors: PlaybookOverrideError[] = [];
  const add = (
    target: PlaybookOverrideError['target'],
    condition: string | null,
    problem: Problem | null,
  ): void => {
    if (problem) errors.push({ playbook: id, target, condition, ...problem });
  };
  for (const [key, value] of Object.entries(override.trigger ?? {})) {
    if (value !== undefined) add('trigger', key, triggerProblem(name, key, value, rules.trigger));
  }
  for (const [key, value] of Object.entries(override.success ?? {})) {
    if (value !== undefined) add('success', key, successProblem(name, key, value, rules.success));
  }
  if (override.withinDays !== undefined)
    add('window', null, windowProblem(name, override.withinDays, rules.success));
  return errors;
}

/** Every problem with a tenant's playbook overrides, as reason codes with messages; never throws. */
export function validatePlaybookOverrides(overrides: PlaybookOverrides): PlaybookOverrideError[] {
  const errors: PlaybookOverrideError[] = [];
  for (const [id, override] of Object.entries(overrides)) {
    if (!override) continue;
    if (!isPlaybookId(id)) {
      errors.push({
        playbook: id,
        target: 'playbook',
        condition: null,
        code: PLAYBOOK_OVERRIDE_ERRORS.unknownPlaybook,
        message: `There is no playbook "${id}".`,
      });
      continue;
    }
    errors.push(...validateOne(id, override));
  }
  return errors;
}

function withThresholds(node: TriggerNode, thresholds: ReadonlyMap<string, number>): TriggerNode {
  if (node.kind !== 'condition')
    return { ...node, conditions: node.conditions.map((c) => withThresholds(c, thresholds)) };
  const threshold = thresholds.get(node.id);
  return threshold === undefined ? node : { ...node, threshold };
}

function validEntries(
  values: Readonly<Record<string, number | undefined>> | undefined,
  rejected: ReadonlySet<string | null>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, value] of Object.entries(values ?? {}))
    if (value !== undefined && !rejected.has(key)) out.set(key, value);
  return out;
}

function applyOverride(
  rules: PlaybookRules,
  override: PlaybookOverride,
  errors: readonly PlaybookOverrideError[],
): PlaybookRules {
  const rejected = (target: PlaybookOverrideError['target']): Set<string | null> =>
    new Set(errors.filter((e) => e.target === target).map((e) => e.condition));
  const trigger = validEntries(override.trigger, rejected('trigger'));
  const success = validEntries(override.success, rejected('success'));
  const windowOk = override.withinDays !== undefined && !rejected('window').has(null);
  return {
    ...rules,
    trigger: withThresholds(rules.trigger, trigger),
    success: {
      ...rules.success,
      conditions: rules.success.conditions.map((c) => {
        const threshold = success.get(c.id);
        return threshold === undefined || c.kind === 'renewed' ? c : { ...c, threshold };
      }),
      withinDays: windowOk ? override.withinDays! : rules.success.withinDays,
    },
  };
}

export interface ResolvedPlaybookRules {
  readonly rules: Readonly<Record<PlaybookId, PlaybookRules>>;
  /** The overrides left out because they were invalid, so settings can show why. */
  readonly ignored: readonly PlaybookOverrideError[];
}

/**
 * The tenant's rules: the defaults with every valid override applied. An invalid override is skipped
 * (and reported) rather than thrown, so one bad setting cannot stop recommendations for the whole tenant.
 */
export function resolvePlaybookRules(overrides: PlaybookOverrides = {}): ResolvedPlaybookRules {
  const ignored = validatePlaybookOverrides(overrides);
  const rules = { ...DEFAULT_PLAYBOOK_RULES };
  for (const id of PLAYBOOK_IDS) {
    const override = overrides[id];
    if (!override) continue;
    rules[id] = applyOverride(
      rules[id],
      override,
      ignored.filter((e) => e.playbook === id),
    );
  }
  return { rules, ignored };
}
