import { describe, expect, it } from 'vitest';
import type { KpiValues } from '../kpi/catalog';
import { sampleCases } from '../export/testing';
import type { PlaybookRunDoc } from '../schemas/playbook-runs';
import { toCents } from '../units';
import { PLAYBOOK_IDS, type PlaybookId, type RunState } from './definitions';
import { criterionMetrics, improvement, playbookResults } from './results';
import { DEFAULT_PLAYBOOK_RULES } from './triggers';
import { startedRun } from './testing';

let next = 0;
function run(
  playbookId: PlaybookId,
  state: RunState,
  outcome: { met: boolean; before: KpiValues; after: KpiValues } | null = null,
  startedAt = '2025-06-01T12:00:00.000Z',
): PlaybookRunDoc {
  next += 1;
  return {
    ...startedRun(playbookId),
    id: `run-${next}`,
    accountId: `acc-${next}`,
    state,
    startedAt,
    completedAt: state === 'completed' || state === 'abandoned' ? '2025-07-01T12:00:00.000Z' : null,
    outcome: outcome && {
      criterionMet: outcome.met,
      before: outcome.before,
      after: outcome.after,
      measuredAt: '2025-07-01T12:00:00.000Z',
    },
  };
}

describe('criterionMetrics', () => {
  it('names what each criterion measures', () => {
    expect(
      PLAYBOOK_IDS.map((id) =>
        criterionMetrics(DEFAULT_PLAYBOOK_RULES[id]).map((m) => `${m.metric}:${m.kind}`),
      ),
    ).toEqual([
      ['nps:kpi', 'csat:kpi'],
      ['license_utilization:kpi'],
      ['sla_breach_rate:kpi'],
      ['arr:arr_percent'],
      ['arr:arr_percent'],
    ]);
  });
});

describe('improvement', () => {
  const [nps] = criterionMetrics(DEFAULT_PLAYBOOK_RULES['voc-sprint']);
  const [breaches] = criterionMetrics(DEFAULT_PLAYBOOK_RULES['sla-stabilizer']);
  const [arr] = criterionMetrics(DEFAULT_PLAYBOOK_RULES['expansion-timing']);
  it.each([
    ['higher is better: NPS −12 → 4 is +16', nps!, { nps: -12 }, { nps: 4 }, 16],
    ['lower is better: breaches 14 → 5 is +9', breaches!, { sla_breach_rate: 14 }, { sla_breach_rate: 5 }, 9],
    ['lower is better, worse: 5 → 8 is −3', breaches!, { sla_breach_rate: 5 }, { sla_breach_rate: 8 }, -3],
    ['ARR as a percentage change', arr!, { arr: toCents(100_000) }, { arr: toCents(112_500) }, 12.5],
    ['float noise is tidied', nps!, { nps: 23.3 }, { nps: 33.3 }, 10],
    ['not measured without both values', nps!, { nps: 3 }, {}, null],
    ['no percentage of a zero baseline', arr!, { arr: 0 }, { arr: toCents(5) }, null],
  ])('%s', (_label, metric, before, after, expected) => {
    expect(improvement(metric, before, after)).toBe(expected);
  });
});

describe('playbookResults', () => {
  const runs = [
    run(
      'voc-sprint',
      'completed',
      { met: true, before: { nps: -12, csat: 60 }, after: { nps: 4, csat: 62 } },
      '2025-05-01T12:00:00.000Z',
    ),
    run(
      'voc-sprint',
      'completed',
      { met: false, before: { nps: -5, csat: 70 }, after: { nps: -1, csat: 71 } },
      '2025-06-01T12:00:00.000Z',
    ),
    run(
      'voc-sprint',
      'completed',
      { met: true, before: { nps: 0 }, after: { nps: 12 } },
      '2025-04-01T12:00:00.000Z',
    ),
    run('voc-sprint', 'abandoned'),
    run('voc-sprint', 'active', null, '2025-09-01T12:00:00.000Z'),
    run('voc-sprint', 'planned', null, '2025-09-02T12:00:00.000Z'),
    {
      ...run('voc-sprint', 'completed', { met: true, before: { nps: 0 }, after: { nps: 90 } }),
      _deleted: true,
    },
    run('sla-stabilizer', 'completed', {
      met: true,
      before: { sla_breach_rate: 14 },
      after: { sla_breach_rate: 4 },
    }),
  ];

  it('counts runs by state, the success rate and the median improvement per criterion KPI', () => {
    const [voc] = playbookResults(runs, { playbookIds: ['voc-sprint'] });
    expect(voc).toMatchObject({
      playbookId: 'voc-sprint',
      name: 'VoC Sprint',
      counts: { planned: 1, active: 1, completed: 3, abandoned: 1 },
      measured: 3,
      met: 2,
      successRate: 2 / 3,
      medianImprovement: 12,
    });
    // NPS +16, +4, +12 → 12; CSAT +2, +1 (the third run has none) → 1.5.
    expect(voc!.metrics.map((m) => [m.metric, m.median, m.runs])).toEqual([
      ['nps', 12, 3],
      ['csat', 1.5, 2],
    ]);
    // Newest start first; the abandoned run started the same day as the second one and sorts after it by id.
    expect(voc!.runs.map((r) => r.state)).toEqual([
      'planned',
      'active',
      'completed',
      'abandoned',
      'completed',
      'completed',
    ]);
    expect(voc!.runs.find((r) => r.criterionMet === false)!.improvements).toEqual([4, 1]);
  });

  it('measures "lower is better" criteria as improvements too', () => {
    const [sla] = playbookResults(runs, { playbookIds: ['sla-stabilizer'] });
    expect(sla).toMatchObject({ successRate: 1, medianImprovement: 10 });
  });

  it('has no rate or median before any run completed', () => {
    const results = playbookResults([run('expansion-timing', 'active')]);
    expect(results.map((r) => r.playbookId)).toEqual(PLAYBOOK_IDS);
    const expansion = results.find((r) => r.playbookId === 'expansion-timing')!;
    expect(expansion).toMatchObject({
      successRate: null,
      medianImprovement: null,
      measured: 0,
      counts: { active: 1 },
    });
  });

  it('summarises the sample tenants’ completed runs as recorded', () => {
    for (const { docs } of sampleCases()) {
      for (const result of playbookResults(docs.playbook_runs)) {
        const completed = docs.playbook_runs.filter(
          (r) => r.playbookId === result.playbookId && r.state === 'completed',
        );
        expect(result.measured).toBe(completed.length);
        expect(result.met).toBe(completed.filter((r) => r.outcome!.criterionMet).length);
      }
    }
  });
});
