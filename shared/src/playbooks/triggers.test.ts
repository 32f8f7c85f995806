import { describe, expect, it } from 'vitest';
import type { HealthStatus } from '../health/health';
import type { KpiValues } from '../kpi/catalog';
import { resolveCatalog } from '../kpi/overrides';
import { toCents } from '../units';
import { PLAYBOOK_IDS, getPlaybook, type PlaybookId } from './definitions';
import {
  DEFAULT_PLAYBOOK_RULES,
  PLAYBOOK_OVERRIDE_ERRORS,
  evaluateSuccess,
  evaluateTrigger,
  featureValue,
  namedKpis,
  resolvePlaybookRules,
  triggerConditions,
  validatePlaybookOverrides,
  type PlaybookOverrides,
  type SuccessInput,
  type TriggerContext,
} from './triggers';

function context(overrides: Partial<TriggerContext> = {}): TriggerContext {
  return {
    accountId: 'acc',
    latest: {},
    statusHistory: [],
    daysToRenewal: null,
    churnRisk: null,
    arr: null,
    ...overrides,
  };
}

const fires = (playbookId: PlaybookId, ctx: Partial<TriggerContext>): boolean =>
  evaluateTrigger(DEFAULT_PLAYBOOK_RULES[playbookId], context(ctx)).fired;

const GGG: HealthStatus[] = ['green', 'green', 'green'];

describe('default triggers at their boundaries (DOMAIN.md table)', () => {
  it.each<[string, PlaybookId, Partial<TriggerContext>, boolean]>([
    ['VoC: nps = 0 does not fire (< 0)', 'voc-sprint', { latest: { nps: 0 } }, false],
    ['VoC: nps = −1 fires', 'voc-sprint', { latest: { nps: -1 } }, true],
    ['VoC: csat = 70 does not fire (< 70)', 'voc-sprint', { latest: { csat: 70 } }, false],
    ['VoC: csat = 69.9 fires', 'voc-sprint', { latest: { csat: 69.9 } }, true],
    [
      'VoC: survey_response_rate = 15 does not fire (< 15)',
      'voc-sprint',
      { latest: { survey_response_rate: 15 } },
      false,
    ],
    [
      'VoC: survey_response_rate = 14.9 fires',
      'voc-sprint',
      { latest: { survey_response_rate: 14.9 } },
      true,
    ],
    [
      'Activation: license_utilization = 60 does not fire (< 60)',
      'activation-blitz',
      { latest: { license_utilization: 60 } },
      false,
    ],
    [
      'Activation: license_utilization = 59.9 fires',
      'activation-blitz',
      { latest: { license_utilization: 59.9 } },
      true,
    ],
    [
      'Activation: feature_adoption = 40 does not fire (< 40)',
      'activation-blitz',
      { latest: { feature_adoption: 40 } },
      false,
    ],
    [
      'Activation: feature_adoption = 39.9 fires',
      'activation-blitz',
      { latest: { feature_adoption: 39.9 } },
      true,
    ],
    [
      'Activation: time_to_value_days = 60 does not fire (> 60)',
      'activation-blitz',
      { latest: { time_to_value_days: 60 } },
      false,
    ],
    [
      'Activation: time_to_value_days = 61 fires',
      'activation-blitz',
      { latest: { time_to_value_days: 61 } },
      true,
    ],
    [
      'SLA: sla_breach_rate = 10 does not fire (> 10)',
      'sla-stabilizer',
      { latest: { sla_breach_rate: 10 } },
      false,
    ],
    ['SLA: sla_breach_rate = 10.1 fires', 'sla-stabilizer', { latest: { sla_breach_rate: 10.1 } }, true],
    ['SLA: escalations = 2 does not fire (≥ 3)', 'sla-stabilizer', { latest: { escalations: 2 } }, false],
    ['SLA: escalations = 3 fires', 'sla-stabilizer', { latest: { escalations: 3 } }, true],
    [
      'SLA: first_response_hours = 24 does not fire (> 24)',
      'sla-stabilizer',
      { latest: { first_response_hours: 24 } },
      false,
    ],
    [
      'SLA: first_response_hours = 24.5 fires',
      'sla-stabilizer',
      { latest: { first_response_hours: 24.5 } },
      true,
    ],
    [
      'Renewal: 120 days and yellow fires',
      'renewal-safeguard',
      { daysToRenewal: 120, statusHistory: ['yellow'] },
      true,
    ],
    [
      'Renewal: 121 days and yellow does not fire',
      'renewal-safeguard',
      { daysToRenewal: 121, statusHistory: ['yellow'] },
      false,
    ],
    [
      'Renewal: 0 days and red fires',
      'renewal-safeguard',
      { daysToRenewal: 0, statusHistory: ['red'] },
      true,
    ],
    [
      'Renewal: green with churn risk 0.5 fires',
      'renewal-safeguard',
      { daysToRenewal: 30, statusHistory: ['green'], churnRisk: 0.5 },
      true,
    ],
    [
      'Renewal: green with churn risk 0.49 does not fire',
      'renewal-safeguard',
      { daysToRenewal: 30, statusHistory: ['green'], churnRisk: 0.49 },
      false,
    ],
    [
      'Renewal: green without a churn risk does not fire',
      'renewal-safeguard',
      { daysToRenewal: 30, statusHistory: ['green'] },
      false,
    ],
    [
      'Renewal: only the latest status counts',
      'renewal-safeguard',
      { daysToRenewal: 30, statusHistory: ['red', 'green'] },
      false,
    ],
    [
      'Renewal: an unknown status is missing, not "not green"',
      'renewal-safeguard',
      { daysToRenewal: 30, statusHistory: ['unknown'] },
      false,
    ],
    [
      'Renewal: no status history, churn risk 0.6 fires',
      'renewal-safeguard',
      { daysToRenewal: 30, churnRisk: 0.6 },
      true,
    ],
    [
      'Renewal: no renewal date does not fire',
      'renewal-safeguard',
      { statusHistory: ['red'], churnRisk: 0.9 },
      false,
    ],
    [
      'Renewal: a renewal date in the past does not fire',
      'renewal-safeguard',
      { daysToRenewal: -1, statusHistory: ['red'] },
      false,
    ],
    [
      'Expansion: three greens, utilization 85, nps 30 fires',
      'expansion-timing',
      { statusHistory: GGG, latest: { license_utilization: 85, nps: 30 } },
      true,
    ],
    [
      'Expansion: red before three greens fires',
      'expansion-timing',
      { statusHistory: ['red', ...GGG], latest: { license_utilization: 90, nps: 40 } },
      true,
    ],
    [
      'Expansion: utilization 84.9 does not fire',
      'expansion-timing',
      { statusHistory: GGG, latest: { license_utilization: 84.9, nps: 30 } },
      false,
    ],
    [
      'Expansion: nps 29 does not fire',
      'expansion-timing',
      { statusHistory: GGG, latest: { license_utilization: 85, nps: 29 } },
      false,
    ],
    [
      'Expansion: yellow three months ago does not fire',
      'expansion-timing',
      { statusHistory: ['yellow', 'green', 'green'], latest: { license_utilization: 90, nps: 40 } },
      false,
    ],
    [
      'Expansion: two months of history does not fire',
      'expansion-timing',
      { statusHistory: ['green', 'green'], latest: { license_utilization: 90, nps: 40 } },
      false,
    ],
    [
      'Expansion: latest status unknown does not fire',
      'expansion-timing',
      { statusHistory: [...GGG, 'unknown'], latest: { license_utilization: 90, nps: 40 } },
      false,
    ],
    [
      'Expansion: no nps does not fire',
      'expansion-timing',
      { statusHistory: GGG, latest: { license_utilization: 90 } },
      false,
    ],
  ])('%s', (_label, playbookId, ctx, expected) => {
    expect(fires(playbookId, ctx)).toBe(expected);
  });

  it.each(PLAYBOOK_IDS)('%s never fires without data', (playbookId) => {
    expect(fires(playbookId, {})).toBe(false);
  });

  it.each([NaN, Infinity])('treats a non-finite value (%d) as missing', (value) => {
    expect(fires('voc-sprint', { latest: { nps: value, csat: -value } })).toBe(false);
  });
});

describe('trigger evidence and distance', () => {
  it('lists every condition that crossed, with value, operator, threshold and distance', () => {
    const result = evaluateTrigger(
      DEFAULT_PLAYBOOK_RULES['voc-sprint'],
      context({ latest: { nps: -10, csat: 60, survey_response_rate: 40 } }),
    );
    expect(result.evidence).toEqual([
      { conditionId: 'nps', feature: 'nps', value: -10, operator: '<', threshold: 0, distance: 10 / 30 },
      { conditionId: 'csat', feature: 'csat', value: 60, operator: '<', threshold: 70, distance: 10 / 15 },
    ]);
    // "any": as far past as the furthest condition.
    expect(result.distance).toBe(10 / 15);
    expect(result.missing).toEqual([]);
  });

  it('averages the distances of an "all" trigger, including nested groups', () => {
    const result = evaluateTrigger(
      DEFAULT_PLAYBOOK_RULES['renewal-safeguard'],
      context({ daysToRenewal: 90, statusHistory: ['red'], churnRisk: 0.75 }),
    );
    // days: (120 − 90) / 30 = 1; status red: (100 − 0) / 50 = 2; churn: (0.75 − 0.5) / 0.25 = 1 → any = 2; all = (1 + 2) / 2.
    expect(result.distance).toBe(1.5);
    expect(result.evidence.map((e) => [e.conditionId, e.distance])).toEqual([
      ['days_to_renewal', 1],
      ['status_not_green', 2],
      ['churn_risk', 1],
    ]);
  });

  it('is 0 exactly on a non-strict threshold and null when not fired', () => {
    expect(
      evaluateTrigger(DEFAULT_PLAYBOOK_RULES['sla-stabilizer'], context({ latest: { escalations: 3 } }))
        .distance,
    ).toBe(0);
    expect(
      evaluateTrigger(DEFAULT_PLAYBOOK_RULES['sla-stabilizer'], context({ latest: { escalations: 2 } }))
        .distance,
    ).toBeNull();
  });

  it("measures KPI distance in the tenant's own green–yellow band", () => {
    const catalog = resolveCatalog({ nps: { green: 50, yellow: 0 } });
    const result = evaluateTrigger(
      DEFAULT_PLAYBOOK_RULES['voc-sprint'],
      context({ latest: { nps: -10 } }),
      catalog,
    );
    expect(result.distance).toBe(10 / 50);
  });

  it('reports the conditions it could not evaluate', () => {
    const result = evaluateTrigger(DEFAULT_PLAYBOOK_RULES['voc-sprint'], context({ latest: { csat: 90 } }));
    expect(result).toMatchObject({ fired: false, evidence: [], missing: ['nps', 'survey_response_rate'] });
  });
});

describe('featureValue', () => {
  it.each<[string, Partial<TriggerContext>, number | null]>([
    ['status_points', { statusHistory: ['green', 'yellow'] }, 50],
    ['status_points', { statusHistory: ['red'] }, 0],
    ['status_points', { statusHistory: ['unknown'] }, null],
    ['status_points', {}, null],
    ['green_months', { statusHistory: ['green', 'red', 'green', 'green'] }, 2],
    ['green_months', { statusHistory: ['green', 'unknown'] }, 0],
    ['green_months', {}, null],
    ['days_to_renewal', { daysToRenewal: 0 }, 0],
    ['days_to_renewal', { daysToRenewal: -3 }, null],
    ['churn_risk', { churnRisk: 0.3 }, 0.3],
  ])('%s of %j is %s', (feature, ctx, expected) => {
    expect(featureValue(feature as never, context(ctx))).toBe(expected);
  });
});

const BASE: Omit<SuccessInput, 'after' | 'daysElapsed'> = {
  baseline: {},
  renewed: null,
  baselineArr: null,
  afterArr: null,
};

describe('default success criteria at their boundaries', () => {
  const voc = (baseline: KpiValues, after: KpiValues, daysElapsed: number): SuccessInput => ({
    ...BASE,
    baseline,
    after,
    daysElapsed,
  });
  const level = (after: KpiValues, daysElapsed: number): SuccessInput => ({ ...BASE, after, daysElapsed });
  const arr = (
    before: number | null,
    after: number | null,
    renewed: boolean | null,
    daysElapsed = 0,
  ): SuccessInput => ({
    ...BASE,
    after: {},
    daysElapsed,
    renewed,
    baselineArr: before === null ? null : toCents(before),
    afterArr: after === null ? null : toCents(after),
  });

  it.each<[string, PlaybookId, SuccessInput, string]>([
    [
      'VoC: nps +10 at day 60 is met',
      'voc-sprint',
      voc({ nps: 5, csat: 70 }, { nps: 15, csat: 70 }, 60),
      'met',
    ],
    ['VoC: csat +10 alone is met', 'voc-sprint', voc({ nps: 5, csat: 70 }, { nps: 5, csat: 80 }, 10), 'met'],
    [
      'VoC: +9 on both at day 30 is pending',
      'voc-sprint',
      voc({ nps: 5, csat: 70 }, { nps: 14, csat: 79 }, 30),
      'pending',
    ],
    [
      'VoC: +9 on both at day 60 is not met',
      'voc-sprint',
      voc({ nps: 5, csat: 70 }, { nps: 14, csat: 79 }, 60),
      'not_met',
    ],
    [
      'VoC: csat 23.3 → 33.3 counts as +10 despite float noise',
      'voc-sprint',
      voc({ csat: 23.3 }, { csat: 33.3 }, 60),
      'met',
    ],
    ['VoC: nps +10 at day 61 is too late', 'voc-sprint', voc({ nps: 5 }, { nps: 15 }, 61), 'not_met'],
    [
      'VoC: no baseline is pending while the window is open',
      'voc-sprint',
      voc({}, { nps: 50 }, 30),
      'pending',
    ],
    ['VoC: no baseline is not met once it closes', 'voc-sprint', voc({}, { nps: 50 }, 60), 'not_met'],
    [
      'Activation: utilization 70 at day 45 is met',
      'activation-blitz',
      level({ license_utilization: 70 }, 45),
      'met',
    ],
    [
      'Activation: utilization 69.9 at day 44 is pending',
      'activation-blitz',
      level({ license_utilization: 69.9 }, 44),
      'pending',
    ],
    [
      'Activation: utilization 69.9 at day 45 is not met',
      'activation-blitz',
      level({ license_utilization: 69.9 }, 45),
      'not_met',
    ],
    [
      'Activation: utilization 70 at day 46 is too late',
      'activation-blitz',
      level({ license_utilization: 70 }, 46),
      'not_met',
    ],
    ['SLA: breach rate 5 at day 30 is met', 'sla-stabilizer', level({ sla_breach_rate: 5 }, 30), 'met'],
    [
      'SLA: breach rate 5.1 at day 29 is pending',
      'sla-stabilizer',
      level({ sla_breach_rate: 5.1 }, 29),
      'pending',
    ],
    [
      'SLA: breach rate 5.1 at day 30 is not met',
      'sla-stabilizer',
      level({ sla_breach_rate: 5.1 }, 30),
      'not_met',
    ],
    [
      'Renewal: renewed at 100 % of baseline is met',
      'renewal-safeguard',
      arr(100_000, 100_000, true, 400),
      'met',
    ],
    [
      'Renewal: renewed one cent below baseline is not met',
      'renewal-safeguard',
      arr(100_000, 99_999.99, true),
      'not_met',
    ],
    ['Renewal: not renewed is not met', 'renewal-safeguard', arr(100_000, 0, false), 'not_met'],
    [
      'Renewal: renewal not decided yet is pending',
      'renewal-safeguard',
      arr(100_000, 120_000, null),
      'pending',
    ],
    [
      'Renewal: renewed without a baseline ARR is pending',
      'renewal-safeguard',
      arr(null, 120_000, true),
      'pending',
    ],
    ['Expansion: ARR +10 % at day 90 is met', 'expansion-timing', arr(100_000, 110_000, null, 90), 'met'],
    [
      'Expansion: one cent short at day 89 is pending',
      'expansion-timing',
      arr(100_000, 109_999.99, null, 89),
      'pending',
    ],
    [
      'Expansion: one cent short at day 90 is not met',
      'expansion-timing',
      arr(100_000, 109_999.99, null, 90),
      'not_met',
    ],
    [
      'Expansion: ARR +10 % at day 91 is too late',
      'expansion-timing',
      arr(100_000, 110_000, null, 91),
      'not_met',
    ],
  ])('%s', (_label, playbookId, input, outcome) => {
    const result = evaluateSuccess(DEFAULT_PLAYBOOK_RULES[playbookId], input);
    expect(result.outcome).toBe(outcome);
    expect(result.met).toBe(outcome === 'met');
  });

  it('reports before/after for each measure and each KPI the playbook names', () => {
    const result = evaluateSuccess(
      DEFAULT_PLAYBOOK_RULES['voc-sprint'],
      voc({ nps: 5, csat: 70 }, { nps: 15, csat: 72 }, 40),
    );
    expect(result.measures).toEqual([
      {
        conditionId: 'nps',
        kind: 'change',
        kpi: 'nps',
        before: 5,
        after: 15,
        value: 10,
        operator: '>=',
        threshold: 10,
        met: true,
      },
      {
        conditionId: 'csat',
        kind: 'change',
        kpi: 'csat',
        before: 70,
        after: 72,
        value: 2,
        operator: '>=',
        threshold: 10,
        met: false,
      },
    ]);
    expect(result.beforeAfter).toEqual([
      { kpi: 'nps', before: 5, after: 15, change: 10 },
      { kpi: 'csat', before: 70, after: 72, change: 2 },
      { kpi: 'survey_response_rate', before: null, after: null, change: null },
    ]);
  });

  it('reports ARR as a percentage of the baseline', () => {
    const result = evaluateSuccess(
      DEFAULT_PLAYBOOK_RULES['expansion-timing'],
      arr(100_000, 112_000, null, 60),
    );
    expect(result.measures[0]).toMatchObject({
      kind: 'arr_percent',
      before: toCents(100_000),
      after: toCents(112_000),
      value: 112,
    });
  });
});

describe('the default rules', () => {
  it('name the KPIs of their trigger and criterion in catalog order', () => {
    expect(namedKpis(DEFAULT_PLAYBOOK_RULES['expansion-timing'])).toEqual(['license_utilization', 'nps']);
    expect(namedKpis(DEFAULT_PLAYBOOK_RULES['renewal-safeguard'])).toEqual([]);
  });

  it.each(PLAYBOOK_IDS)('%s: the plan fits inside the success window', (playbookId) => {
    const window = DEFAULT_PLAYBOOK_RULES[playbookId].success.withinDays ?? 120;
    expect(getPlaybook(playbookId).totalDurationDays).toBeLessThanOrEqual(window);
  });

  it('have unique condition ids within each trigger', () => {
    for (const id of PLAYBOOK_IDS) {
      const ids = triggerConditions(DEFAULT_PLAYBOOK_RULES[id].trigger).map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe('validatePlaybookOverrides', () => {
  const E = PLAYBOOK_OVERRIDE_ERRORS;

  it('accepts sensible overrides', () => {
    expect(
      validatePlaybookOverrides({
        'voc-sprint': { trigger: { nps: -10, csat: 65 }, success: { nps: 5 }, withinDays: 90 },
        'renewal-safeguard': { trigger: { days_to_renewal: 90, churn_risk: 0.4 }, success: { arr: 95 } },
        'expansion-timing': { trigger: { green_months: 6 } },
      }),
    ).toEqual([]);
  });

  it.each<[string, PlaybookOverrides, string, RegExp]>([
    [
      'an unknown playbook',
      { 'churn-buster': { trigger: { nps: 0 } } },
      E.unknownPlaybook,
      /no playbook "churn-buster"/,
    ],
    [
      'an unknown trigger condition',
      { 'voc-sprint': { trigger: { dau_mau: 10 } } },
      E.unknownCondition,
      /VoC Sprint.*dau_mau/,
    ],
    [
      'nps below −100',
      { 'voc-sprint': { trigger: { nps: -150 } } },
      E.outOfPlausibleRange,
      /Net Promoter Score.*−100…100|-100…100/,
    ],
    [
      'a percentage above 100',
      { 'voc-sprint': { trigger: { csat: 101 } } },
      E.outOfPlausibleRange,
      /Customer satisfaction/,
    ],
    [
      'a negative count',
      { 'sla-stabilizer': { trigger: { escalations: -1 } } },
      E.outOfPlausibleRange,
      /Escalations/,
    ],
    [
      'a churn risk above 1',
      { 'renewal-safeguard': { trigger: { churn_risk: 1.5 } } },
      E.outOfPlausibleRange,
      /Churn risk/,
    ],
    [
      'a renewal window over a year',
      { 'renewal-safeguard': { trigger: { days_to_renewal: 400 } } },
      E.outOfPlausibleRange,
      /Days to renewal/,
    ],
    [
      'a green streak of 0 months',
      { 'expansion-timing': { trigger: { green_months: 0 } } },
      E.outOfPlausibleRange,
      /green/i,
    ],
    ['NaN', { 'voc-sprint': { trigger: { nps: NaN } } }, E.notFinite, /must be a number/],
    [
      'a threshold that is not a number',
      { 'voc-sprint': { trigger: { nps: '5' as unknown as number } } },
      E.notFinite,
      /must be a number/,
    ],
    [
      'an unknown criterion',
      { 'voc-sprint': { success: { sla_breach_rate: 5 } } },
      E.unknownCriterion,
      /sla_breach_rate/,
    ],
    [
      'a threshold on "renewed"',
      { 'renewal-safeguard': { success: { renewed: 1 } } },
      E.notConfigurable,
      /renewed/i,
    ],
    ['an improvement of 0', { 'voc-sprint': { success: { nps: 0 } } }, E.outOfPlausibleRange, /improvement/],
    [
      'an improvement larger than the scale',
      { 'voc-sprint': { success: { nps: 201 } } },
      E.outOfPlausibleRange,
      /improvement/,
    ],
    [
      'ARR above 300 % of baseline',
      { 'expansion-timing': { success: { arr: 301 } } },
      E.outOfPlausibleRange,
      /ARR/,
    ],
    ['a window of 0 days', { 'voc-sprint': { withinDays: 0 } }, E.badWindow, /1 and 365/],
    ['a window of 10.5 days', { 'voc-sprint': { withinDays: 10.5 } }, E.badWindow, /whole number/],
    ['a window for Renewal Safeguard', { 'renewal-safeguard': { withinDays: 60 } }, E.noWindow, /renewal/i],
  ])('reports %s', (_label, overrides, code, message) => {
    const errors = validatePlaybookOverrides(overrides);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe(code);
    expect(errors[0]!.message).toMatch(message);
  });

  it('reports every problem, not just the first', () => {
    const errors = validatePlaybookOverrides({
      'voc-sprint': { trigger: { nps: 500, csat: -1 }, withinDays: -5 },
      nope: {},
    });
    expect(errors.map((e) => e.code)).toEqual([
      E.outOfPlausibleRange,
      E.outOfPlausibleRange,
      E.badWindow,
      E.unknownPlaybook,
    ]);
  });
});

describe('resolvePlaybookRules', () => {
  it('is the defaults without overrides', () => {
    expect(resolvePlaybookRules()).toEqual({ rules: DEFAULT_PLAYBOOK_RULES, ignored: [] });
  });

  it('applies valid overrides, ignores invalid ones and says which', () => {
    const { rules, ignored } = resolvePlaybookRules({
      'voc-sprint': { trigger: { nps: -10, csat: 500 }, success: { csat: 5 }, withinDays: 90 },
    });
    const voc = rules['voc-sprint'];
    expect(triggerConditions(voc.trigger).map((c) => [c.id, c.threshold])).toEqual([
      ['nps', -10],
      ['csat', 70],
      ['survey_response_rate', 15],
    ]);
    expect(voc.success.withinDays).toBe(90);
    expect(voc.success.conditions.map((c) => (c.kind === 'renewed' ? null : c.threshold))).toEqual([10, 5]);
    expect(ignored.map((e) => e.condition)).toEqual(['csat']);
    expect(rules['sla-stabilizer']).toBe(DEFAULT_PLAYBOOK_RULES['sla-stabilizer']);
    expect(DEFAULT_PLAYBOOK_RULES['voc-sprint'].success.withinDays).toBe(60);
  });

  it('changes what fires', () => {
    const { rules } = resolvePlaybookRules({ 'voc-sprint': { trigger: { nps: -10 } } });
    const ctx = context({ latest: { nps: -5 } });
    expect(evaluateTrigger(DEFAULT_PLAYBOOK_RULES['voc-sprint'], ctx).fired).toBe(true);
    expect(evaluateTrigger(rules['voc-sprint'], ctx).fired).toBe(false);
  });
});

describe('more boundaries: combined conditions and tenant thresholds', () => {
  it.each<[string, PlaybookId, Partial<TriggerContext>, boolean]>([
    [
      'Renewal: 120 days and red fires',
      'renewal-safeguard',
      { daysToRenewal: 120, statusHistory: ['red'] },
      true,
    ],
    [
      'Renewal: 121 days does not fire, whatever the churn risk',
      'renewal-safeguard',
      { daysToRenewal: 121, statusHistory: ['red'], churnRisk: 0.99 },
      false,
    ],
    [
      'Renewal: yellow with a low churn risk fires (either is enough)',
      'renewal-safeguard',
      { daysToRenewal: 60, statusHistory: ['yellow'], churnRisk: 0.1 },
      true,
    ],
    [
      'Expansion: exactly 3 greens, utilization 85 and nps 30 fires',
      'expansion-timing',
      { statusHistory: ['yellow', ...GGG], latest: { license_utilization: 85, nps: 30 } },
      true,
    ],
    [
      'SLA: escalations 2 and response 24 hours, breach rate 10 does not fire',
      'sla-stabilizer',
      { latest: { escalations: 2, first_response_hours: 24, sla_breach_rate: 10 } },
      false,
    ],
  ])('%s', (_label, playbookId, ctx, expected) => {
    expect(fires(playbookId, ctx)).toBe(expected);
  });

  it.each<[string, PlaybookOverrides, PlaybookId, Partial<TriggerContext>, boolean]>([
    [
      'nps < −10: −10 does not fire',
      { 'voc-sprint': { trigger: { nps: -10 } } },
      'voc-sprint',
      { latest: { nps: -10 } },
      false,
    ],
    [
      'nps < −10: −10.1 fires',
      { 'voc-sprint': { trigger: { nps: -10 } } },
      'voc-sprint',
      { latest: { nps: -10.1 } },
      true,
    ],
    [
      'escalations ≥ 5: 4 does not fire',
      { 'sla-stabilizer': { trigger: { escalations: 5 } } },
      'sla-stabilizer',
      { latest: { escalations: 4 } },
      false,
    ],
    [
      'escalations ≥ 5: 5 fires',
      { 'sla-stabilizer': { trigger: { escalations: 5 } } },
      'sla-stabilizer',
      { latest: { escalations: 5 } },
      true,
    ],
    [
      'red only: yellow does not fire',
      { 'renewal-safeguard': { trigger: { status_not_green: 50 } } },
      'renewal-safeguard',
      { daysToRenewal: 30, statusHistory: ['yellow'] },
      false,
    ],
    [
      'renewal within 90 days: 91 does not fire',
      { 'renewal-safeguard': { trigger: { days_to_renewal: 90 } } },
      'renewal-safeguard',
      { daysToRenewal: 91, statusHistory: ['red'] },
      false,
    ],
  ])('tenant trigger, %s', (_label, overrides, playbookId, ctx, expected) => {
    const { rules, ignored } = resolvePlaybookRules(overrides);
    expect(ignored).toEqual([]);
    expect(evaluateTrigger(rules[playbookId], context(ctx)).fired).toBe(expected);
  });

  const input = (
    baseline: KpiValues,
    after: KpiValues,
    daysElapsed: number,
    extra: Partial<SuccessInput> = {},
  ): SuccessInput => ({
    ...BASE,
    baseline,
    after,
    daysElapsed,
    ...extra,
  });

  it.each<[string, PlaybookOverrides, PlaybookId, SuccessInput, string]>([
    [
      'defaults: nps +10 while csat fell is met ("or")',
      {},
      'voc-sprint',
      input({ nps: 0, csat: 80 }, { nps: 10, csat: 60 }, 30),
      'met',
    ],
    ['defaults: csat +10 on day 60 is met', {}, 'voc-sprint', input({ csat: 60 }, { csat: 70 }, 60), 'met'],
    [
      'defaults: breach rate 4.9 on day 30 is met',
      {},
      'sla-stabilizer',
      input({}, { sla_breach_rate: 4.9 }, 30),
      'met',
    ],
    [
      'defaults: renewed above baseline ARR is met',
      {},
      'renewal-safeguard',
      input({}, {}, 200, { renewed: true, baselineArr: toCents(1000), afterArr: toCents(1200) }),
      'met',
    ],
    [
      'defaults: not renewed, though ARR grew, is not met',
      {},
      'renewal-safeguard',
      input({}, {}, 200, { renewed: false, baselineArr: toCents(1000), afterArr: toCents(1200) }),
      'not_met',
    ],
    [
      'nps +5: +5 is met',
      { 'voc-sprint': { success: { nps: 5 } } },
      'voc-sprint',
      input({ nps: 0 }, { nps: 5 }, 60),
      'met',
    ],
    [
      'nps +5: +4.9 is not met',
      { 'voc-sprint': { success: { nps: 5 } } },
      'voc-sprint',
      input({ nps: 0 }, { nps: 4.9 }, 60),
      'not_met',
    ],
    [
      'window 90: met on day 90',
      { 'voc-sprint': { withinDays: 90 } },
      'voc-sprint',
      input({ nps: 0 }, { nps: 10 }, 90),
      'met',
    ],
    [
      'window 90: too late on day 91',
      { 'voc-sprint': { withinDays: 90 } },
      'voc-sprint',
      input({ nps: 0 }, { nps: 10 }, 91),
      'not_met',
    ],
    [
      'ARR 105 %: exactly 105 % is met',
      { 'expansion-timing': { success: { arr: 105 } } },
      'expansion-timing',
      input({}, {}, 30, { baselineArr: toCents(1000), afterArr: toCents(1050) }),
      'met',
    ],
    [
      'ARR 105 %: one cent short is pending',
      { 'expansion-timing': { success: { arr: 105 } } },
      'expansion-timing',
      input({}, {}, 30, { baselineArr: toCents(1000), afterArr: toCents(1049.99) }),
      'pending',
    ],
    [
      'utilization ≥ 65: 65 is met',
      { 'activation-blitz': { success: { license_utilization: 65 } } },
      'activation-blitz',
      input({}, { license_utilization: 65 }, 45),
      'met',
    ],
  ])('criterion, %s', (_label, overrides, playbookId, successInput, outcome) => {
    const { rules } = resolvePlaybookRules(overrides);
    expect(evaluateSuccess(rules[playbookId], successInput).outcome).toBe(outcome);
  });
});
