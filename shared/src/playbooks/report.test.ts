import { describe, expect, it } from 'vitest';
import { sampleCases } from '../export/testing';
import type { PlaybookRunDoc } from '../schemas/playbook-runs';
import { getPlaybook, stepSchedule } from './definitions';
import { playbookResults } from './results';
import { buildPlaybookSummary, buildRunReport, type RunReportInput } from './report';
import { markdownText, playbookSummaryMarkdown, runReportMarkdown } from './report-markdown';
import { playbookSummaryPdf, runReportPdf } from './report-pdf';
import { changeRun, type RunChange } from './runs';
import { DEFAULT_PLAYBOOK_RULES } from './triggers';
import { MEMBERS, stampAt, startedRun } from './testing';

const latin1 = (bytes: Uint8Array): string => new TextDecoder('latin1').decode(bytes);
/** A string as jsPDF writes it in a text operator. */
const shown = (text: string): string => `(${text.replace(/[\\()]/g, '\\$&')}) Tj`;

function apply(run: PlaybookRunDoc, ...changes: [RunChange, number][]): PlaybookRunDoc {
  return changes.reduce((r, [change, day]) => {
    const result = changeRun(r, change, stampAt(day));
    if (!result.ok) throw new Error(result.error.message);
    return result.run;
  }, run);
}

/** A VoC Sprint on Northwind: two steps done (one late), a support lead named, completed on day 50. */
function completedRun(): PlaybookRunDoc {
  return apply(
    {
      ...startedRun(),
      trigger: {
        month: '2025-08' as never,
        evidence: [
          {
            metric: 'nps',
            value: -12,
            comparator: '<',
            threshold: 0,
            text: 'Net Promoter Score −12 is below 0',
          },
        ],
      },
    },
    [{ type: 'check-step', stepId: 'review-feedback', done: true, note: 'Detractors | all about *SSO*' }, 2],
    [{ type: 'check-step', stepId: 'interviews', done: true }, 20],
    [{ type: 'assign', role: 'support_lead', assignee: { kind: 'name', name: 'Priya' } }, 21],
    [
      {
        type: 'complete',
        outcome: {
          criterionMet: true,
          before: { nps: -12, csat: 65 },
          after: { nps: 1, csat: 66 },
          measuredAt: stampAt(50).at,
        },
      },
      50,
    ],
  );
}

const input = (run: PlaybookRunDoc, overrides: Partial<RunReportInput> = {}): RunReportInput => ({
  run,
  accountName: 'Northwind <Traders>',
  tenantName: 'Test Company',
  members: MEMBERS,
  rules: DEFAULT_PLAYBOOK_RULES['voc-sprint'],
  generatedAt: stampAt(60).at,
  ...overrides,
});

describe('buildRunReport', () => {
  it('has the account, state, evidence, criterion, RACI, timeline, before/after and outcome', () => {
    const report = buildRunReport(input(completedRun()));
    expect(report).toMatchObject({
      playbookName: 'VoC Sprint',
      accountName: 'Northwind <Traders>',
      state: 'completed',
      stateLabel: 'Completed',
      startedAt: stampAt(0).at,
      finishedAt: stampAt(50).at,
      progress: { done: 2, total: 6 },
      trigger: { month: '2025-08', evidence: ['Net Promoter Score −12 is below 0'] },
      criterion:
        'Net Promoter Score up by at least 10 points, or Customer satisfaction up by at least 10 points, within 60 days',
      beforeLabel: 'Before (Aug 2025)',
      afterLabel: 'After (30 Oct 2025)',
      outcome: { met: true, measuredAt: stampAt(50).at },
    });
    expect(report.roles.map((r) => [r.roleName, r.assignee])).toEqual([
      ['CSM', 'Ana Souza'],
      ['CS Manager', 'Ben Ito'],
      ['Support Lead', 'Priya'],
      ['Product Manager', null],
      ['Account Executive', null],
      ['Executive Sponsor', null],
    ]);
    expect(report.matrix[0]).toEqual({
      title: 'Review recent feedback',
      cells: ['R', 'A', 'C', 'I', '', ''],
    });
    expect(report.beforeAfter.map((r) => [r.label, r.before, r.after, r.change, r.better])).toEqual([
      ['Net Promoter Score', '−12', '1', '+13 points', true],
      ['Customer satisfaction', '65%', '66%', '+1 point', true],
      ['Survey response rate', '—', '—', '—', null],
    ]);
  });

  it('schedules each step from the start with stepSchedule, and marks late ones', () => {
    const report = buildRunReport(input(completedRun()));
    const schedule = stepSchedule(getPlaybook('voc-sprint'));
    // Started 10 Sep 2025: the first step (3 days) is due 13 Sep, the second (10 more) 23 Sep.
    expect(report.timeline.map((t) => t.due)).toEqual(
      schedule.map((s) => new Date(Date.UTC(2025, 8, 10 + s.endDay)).toISOString().slice(0, 10)),
    );
    expect(report.timeline.slice(0, 3).map((t) => [t.done, t.doneBy, t.late])).toEqual([
      [true, 'Ana Souza', false],
      // Due on day 13, done on day 20.
      [true, 'Ana Souza', true],
      [false, null, false],
    ]);
    // The same run still active on day 60: open steps past their due day are overdue.
    const open = buildRunReport(input(startedRun()));
    expect(open.timeline.map((t) => t.late)).toEqual([true, true, true, true, true, true]);
    expect(open.outcome).toBeNull();
    expect(open.afterLabel).toBe('Now');
  });

  it('shows "Now" against the baseline while the run is open', () => {
    const report = buildRunReport(input(startedRun(), { current: { nps: -4 } }));
    expect(report.beforeAfter[0]).toMatchObject({
      before: '−12',
      after: '−4',
      change: '+8 points',
      better: true,
    });
  });
});

describe('runReportMarkdown', () => {
  it('has every section, with names and notes escaped', () => {
    const md = runReportMarkdown(buildRunReport(input(completedRun())));
    for (const heading of [
      '# VoC Sprint: Northwind \\<Traders\\>',
      '## Trigger evidence (Aug 2025)',
      '## RACI',
      '## Timeline',
      '## Before and after',
      '## Outcome',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('Detractors \\| all about \\*SSO\\*');
    expect(md).toContain('| Net Promoter Score | −12 | 1 | +13 points |');
    expect(md).toContain(
      '**Met.** The success criterion was met: Net Promoter Score up by at least 10 points',
    );
    expect(md).toContain('| Review recent feedback | R | A | C | I |   |   |');
  });

  it.each([
    ['a | b', 'a \\| b'],
    ['# not a heading', '\\# not a heading'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['<script>x</script>', '\\<script\\>x\\</script\\>'],
    ['two\nlines', 'two lines'],
  ])('keeps %j as text', (text, expected) => {
    expect(markdownText(text)).toBe(expected);
  });
});

describe('runReportPdf', () => {
  it('makes a PDF with the account, the sections and the outcome in words', async () => {
    const pdf = latin1(await runReportPdf(buildRunReport(input(completedRun())), { compress: false }));
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain(shown('VoC Sprint: Northwind <Traders>'));
    expect(pdf).toContain(shown('Account: Northwind <Traders>'));
    for (const text of [
      'RACI',
      'Timeline',
      'Before and after',
      'Outcome',
      'Met',
      'Priya',
      'Review recent feedback',
    ])
      expect(pdf, text).toContain(shown(text));
    expect(pdf).toContain(shown('Trigger evidence (Aug 2025)'));
  });

  it('says an open run is not measured yet', async () => {
    const pdf = latin1(await runReportPdf(buildRunReport(input(startedRun())), { compress: false }));
    expect(pdf).toContain(shown('Not measured yet'));
  });
});

describe('the playbook summary', () => {
  const { tenant, docs } = sampleCases().find((c) => c.tenant.slug === 'acme')!;
  const names = new Map(docs.accounts.map((a) => [a.id, a.name]));
  const summaryOf = (playbookId: 'sla-stabilizer') =>
    buildPlaybookSummary({
      result: playbookResults(docs.playbook_runs, { playbookIds: [playbookId] })[0]!,
      rules: DEFAULT_PLAYBOOK_RULES[playbookId],
      accountName: (id) => names.get(id) ?? id,
      tenantName: tenant.name,
      generatedAt: '2025-10-01T08:00:00.000Z',
    });

  it('has the rate, the median improvement and every run', () => {
    const summary = summaryOf('sla-stabilizer');
    const runs = docs.playbook_runs.filter((r) => r.playbookId === 'sla-stabilizer');
    expect(summary.rows).toHaveLength(runs.length);
    expect(summary.trigger).toBe(
      'SLA breach rate > 10%, or Escalations ≥ 3, or First response time > 24 hours',
    );
    expect(summary.successRate).toMatch(/^\d+% \(\d+ of \d+\)$/);
    expect(summary.improvements[0]).toMatch(
      /^SLA breach rate: [+−]\d+(\.\d)? points \(median of \d+ runs?\)$/,
    );
    const md = playbookSummaryMarkdown(summary);
    expect(md).toContain('# SLA Stabilizer: results');
    for (const r of runs) expect(md).toContain(names.get(r.accountId)!);
  });

  it('as a PDF', async () => {
    const summary = summaryOf('sla-stabilizer');
    const pdf = latin1(await playbookSummaryPdf(summary, { compress: false }));
    expect(pdf).toContain(shown('SLA Stabilizer: results'));
    expect(pdf).toContain(shown(summary.rows[0]!.accountName));
  });
});
