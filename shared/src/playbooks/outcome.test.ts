import { describe, expect, it } from 'vitest';
import type { KpiValues } from '../kpi/catalog';
import { sampleCases } from '../export/testing';
import { sampleSeries } from '../sample/generate';
import { toCents, type Month } from '../units';
import { PLAYBOOK_IDS, type PlaybookId } from './definitions';
import {
  baselineSnapshot,
  measureOutcome,
  outcomeKpisOf,
  recordedSuccess,
  type OutcomeInput,
} from './outcome';
import { DEFAULT_PLAYBOOK_RULES, resolvePlaybookRules } from './triggers';
import { seriesOf, stampAt } from './testing';

const AUG = '2025-08' as Month;

/** A run started on 10 Sep 2025 with an August baseline, completed `day` days later on these values. */
function input(
  playbookId: PlaybookId,
  baseline: KpiValues,
  months: Readonly<Record<string, KpiValues>>,
  day: number,
  extra: Partial<OutcomeInput> = {},
): OutcomeInput {
  return {
    rules: DEFAULT_PLAYBOOK_RULES[playbookId],
    baseline: { month: AUG, values: baseline },
    startedAt: stampAt(0).at,
    completedAt: stampAt(day).at,
    series: seriesOf('acc-1', months),
    renewed: null,
    ...extra,
  };
}

describe('outcomeKpisOf', () => {
  it.each<[PlaybookId, string[]]>([
    ['voc-sprint', ['nps', 'csat', 'survey_response_rate']],
    ['activation-blitz', ['license_utilization', 'feature_adoption', 'time_to_value_days']],
    ['sla-stabilizer', ['sla_breach_rate', 'first_response_hours', 'escalations']],
    ['renewal-safeguard', ['arr']],
    ['expansion-timing', ['license_utilization', 'nps', 'arr']],
  ])('%s records %j', (playbookId, kpis) => {
    expect(outcomeKpisOf(DEFAULT_PLAYBOOK_RULES[playbookId])).toEqual(kpis);
  });
});

describe('baselineSnapshot', () => {
  it('copies the latest month that has values', () => {
    const series = seriesOf('acc-1', {
      '2025-07': { nps: 1 },
      '2025-08': { nps: 2, csat: 80 },
      '2025-09': {},
    });
    const snapshot = baselineSnapshot(series)!;
    expect(snapshot).toEqual({ month: '2025-08', values: { nps: 2, csat: 80 } });
    expect(snapshot.values).not.toBe(series.months.get(AUG));
    expect(baselineSnapshot(undefined)).toBeNull();
    expect(baselineSnapshot(seriesOf('acc-1', {}))).toBeNull();
  });
});

describe('measureOutcome', () => {
  it('compares the latest values at completion with the baseline snapshot, even within the same month', () => {
    // The pulse survey's NPS was typed into August after the run started: the snapshot still says −12.
    const measured = measureOutcome(
      input('voc-sprint', { nps: -12, csat: 65 }, { '2025-08': { nps: 0, csat: 66 } }, 40),
    );
    expect(measured).toMatchObject({ afterMonth: AUG, daysElapsed: 40, judgedOn: '2025-10-20' });
    expect(measured.outcome).toEqual({
      criterionMet: true,
      before: { nps: -12, csat: 65 },
      after: { nps: 0, csat: 66 },
      measuredAt: stampAt(40).at,
    });
  });

  it('reads the newest month with values up to the completion', () => {
    const months = { '2025-08': { nps: -12 }, '2025-09': { nps: -5 }, '2025-10': { nps: 1 } };
    expect(measureOutcome(input('voc-sprint', { nps: -12 }, months, 30)).afterMonth).toBe('2025-10');
    expect(measureOutcome(input('voc-sprint', { nps: -12 }, months, 15)).afterMonth).toBe('2025-09');
  });

  it('records a criterion not (yet) met at completion as not met', () => {
    const measured = measureOutcome(
      input('voc-sprint', { nps: -12, csat: 65 }, { '2025-09': { nps: -3, csat: 70 } }, 20),
    );
    expect(measured.result.outcome).toBe('pending');
    expect(measured.outcome.criterionMet).toBe(false);
  });

  it('judges a run completed after its window on the values at the window’s end', () => {
    // SLA: 30 days from 10 Sep is 10 Oct. October began inside the window; November did not.
    const months = {
      '2025-09': { sla_breach_rate: 12 },
      '2025-10': { sla_breach_rate: 5 },
      '2025-11': { sla_breach_rate: 9 },
    };
    const late = measureOutcome(input('sla-stabilizer', { sla_breach_rate: 14 }, months, 70));
    expect(late).toMatchObject({ judgedOn: '2025-10-10', daysElapsed: 30, afterMonth: '2025-10' });
    expect(late.outcome).toMatchObject({
      criterionMet: true,
      after: { sla_breach_rate: 5 },
      measuredAt: stampAt(70).at,
    });
  });

  it.each<[string, PlaybookId, KpiValues, KpiValues, number, boolean | null, boolean]>([
    [
      'Activation: utilization 70 on day 45 is met',
      'activation-blitz',
      { license_utilization: 52 },
      { license_utilization: 70 },
      45,
      null,
      true,
    ],
    [
      'Activation: utilization 69.9 is not met',
      'activation-blitz',
      { license_utilization: 52 },
      { license_utilization: 69.9 },
      45,
      null,
      false,
    ],
    [
      'SLA: breach rate 5 is met',
      'sla-stabilizer',
      { sla_breach_rate: 14 },
      { sla_breach_rate: 5 },
      20,
      null,
      true,
    ],
    [
      'SLA: breach rate 5.1 is not met',
      'sla-stabilizer',
      { sla_breach_rate: 14 },
      { sla_breach_rate: 5.1 },
      30,
      null,
      false,
    ],
    [
      'Renewal: renewed at baseline ARR is met',
      'renewal-safeguard',
      { arr: toCents(100_000) },
      { arr: toCents(100_000) },
      200,
      true,
      true,
    ],
    [
      'Renewal: renewed one cent lower is not met',
      'renewal-safeguard',
      { arr: toCents(100_000) },
      { arr: toCents(99_999.99) },
      200,
      true,
      false,
    ],
    [
      'Renewal: not renewed is not met',
      'renewal-safeguard',
      { arr: toCents(100_000) },
      { arr: toCents(120_000) },
      200,
      false,
      false,
    ],
    [
      'Renewal: renewal unknown is not met',
      'renewal-safeguard',
      { arr: toCents(100_000) },
      { arr: toCents(120_000) },
      200,
      null,
      false,
    ],
    [
      'Expansion: ARR +10 % on day 90 is met',
      'expansion-timing',
      { arr: toCents(100_000) },
      { arr: toCents(110_000) },
      90,
      null,
      true,
    ],
    [
      'Expansion: ARR +9.99 % is not met',
      'expansion-timing',
      { arr: toCents(100_000) },
      { arr: toCents(109_990) },
      60,
      null,
      false,
    ],
  ])('%s', (_label, playbookId, before, after, day, renewed, met) => {
    const measured = measureOutcome(input(playbookId, before, { '2025-09': after }, day, { renewed }));
    expect(measured.outcome.criterionMet).toBe(met);
  });

  it('cannot meet a criterion without a baseline', () => {
    const measured = measureOutcome({
      ...input('voc-sprint', {}, { '2025-09': { nps: 50 } }, 30),
      baseline: null,
    });
    expect(measured.outcome).toMatchObject({ criterionMet: false, before: {}, after: { nps: 50 } });
  });

  it('uses the tenant’s criterion and window', () => {
    const { rules } = resolvePlaybookRules({ 'voc-sprint': { success: { nps: 5 }, withinDays: 20 } });
    const months = { '2025-09': { nps: -7 } };
    const voc = rules['voc-sprint'];
    expect(
      measureOutcome({ ...input('voc-sprint', { nps: -12 }, months, 10), rules: voc }).outcome.criterionMet,
    ).toBe(true);
    // Day 25 is past the tenant's 20-day window: judged on day 20's values, still +5.
    expect(measureOutcome({ ...input('voc-sprint', { nps: -12 }, months, 25), rules: voc }).daysElapsed).toBe(
      20,
    );
    expect(measureOutcome(input('voc-sprint', { nps: -12 }, months, 10)).outcome.criterionMet).toBe(false);
  });

  it.each(
    sampleCases().flatMap(({ tenant, docs }) =>
      docs.playbook_runs.filter((r) => r.state === 'completed').map((run) => [run.id, tenant, run] as const),
    ),
  )('reproduces the sample run %s’s recorded outcome', (_id, tenant, run) => {
    const series = sampleSeries(tenant).find((s) => s.accountId === run.accountId);
    const ended = run.completedAt!.slice(0, 7) as Month;
    // The sample has no renewal event: an account still paying ARR when the run ended has renewed.
    const arr = series?.months.get(ended)?.arr;
    const measured = measureOutcome({
      rules: DEFAULT_PLAYBOOK_RULES[run.playbookId],
      baseline: run.baseline,
      startedAt: run.startedAt!,
      completedAt: run.completedAt!,
      series,
      renewed: arr === undefined ? null : arr > 0,
    });
    expect(measured.afterMonth).toBe(ended);
    expect(measured.outcome.before).toEqual(run.outcome!.before);
    expect(measured.outcome.after).toEqual(run.outcome!.after);
    expect(measured.outcome.criterionMet).toBe(run.outcome!.criterionMet);
  });
});

describe('recordedSuccess', () => {
  it('recomputes the measures from what a completed run recorded', () => {
    const completed = sampleCases()
      .flatMap((c) => c.docs.playbook_runs)
      .filter((r) => r.state === 'completed');
    expect(completed.length).toBeGreaterThan(0);
    for (const run of completed) {
      const result = recordedSuccess(run, DEFAULT_PLAYBOOK_RULES[run.playbookId])!;
      expect(result.met, run.id).toBe(run.outcome!.criterionMet);
    }
    expect(PLAYBOOK_IDS.length).toBe(5);
  });
});
