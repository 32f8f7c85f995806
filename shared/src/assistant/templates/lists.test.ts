import { describe, expect, it } from 'vitest';
import { buildTriggerContext } from '../../playbooks/context';
import { month, monthRange } from '../../time/months';
import type { IsoDate } from '../../units';
import { EVERYONE } from '../query';
import { tinyTenant } from '../testing';
import type { AssistantAnswer } from '../types';
import { runQuery } from '.';

const data = tinyTenant();
const ids = (answer: AssistantAnswer): (string | undefined)[] => answer.rows.map((r) => r.accountId);

describe('templates 5 and 6: rankings', () => {
  it('ranks by the latest value, leaving out churned accounts (the smallest account is not one that left)', () => {
    const top = runQuery({ template: 5, measure: 'arr', n: 5, scope: EVERYONE }, data);
    expect(ids(top)).toEqual(['worked', 'beta', 'delta']);
    expect(top.answer).toBe('Top 3 accounts by Annual recurring revenue in 2025-09: Worked Example Co ($120k), Beta Labs ($40k) and Delta Health ($10k).');
    expect(ids(runQuery({ template: 6, measure: 'arr', n: 1, scope: EVERYONE }, data))).toEqual(['delta']);
  });

  it('warns that higher is worse for a KPI where lower is better', () => {
    expect(runQuery({ template: 5, measure: 'sla_breach_rate', n: 2, scope: EVERYONE }, data).answer).toContain('(lower is better)');
  });

  it('keeps to a segment, and links each row to its account with a bar chart of the values', () => {
    const answer = runQuery({ template: 5, measure: 'nps', n: 5, scope: { segment: 'SMB', ownerId: null } }, data);
    expect(ids(answer)).toEqual(['beta']);
    expect(answer.chart).toMatchObject({ type: 'bar', x: ['Beta Labs'], series: [{ values: [-20] }] });
  });
});

describe('template 7: trends', () => {
  it('shows the months asked for, never outside the data, one line per account', () => {
    const answer = runQuery({ template: 7, measure: 'nps', accountIds: ['worked', 'delta'], period: { from: '2025-01', to: '2025-09' } as never, months: 12 }, data);
    expect(answer.chart).toEqual({
      type: 'line',
      title: 'Net Promoter Score by month',
      x: ['2025-07', '2025-08', '2025-09'],
      series: [
        { label: 'Worked Example Co', values: [45, 45, 10] },
        { label: 'Delta Health', values: [null, 20, 25] },
      ],
    });
    expect(answer.answer).toContain('Worked Example Co: 45 in 2025-07 → 10 in 2025-09 (−35)');
    expect(answer.context).toMatchObject({ kpi: 'nps', period: { from: '2025-07', to: '2025-09' } });
  });
});

describe('template 8: comparison', () => {
  it('sets accounts side by side and names the widest category gap', () => {
    const answer = runQuery({ template: 8, accountIds: ['worked', 'beta'] }, data);
    expect(answer.answer).toMatch(/^In 2025-09: Worked Example Co is yellow \(score 59\) and Beta Labs is red \(score \d+\)\. The widest gap is \w+: /);
    expect(answer.columns.map((c) => c.label)).toEqual(['', 'Worked Example Co', 'Beta Labs']);
    expect(answer.rows[0]!.cells).toEqual({ metric: 'Status', worked: 'yellow', beta: 'red' });
  });
});

describe('template 11: renewals', () => {
  it('counts the window from today, renewals in date order, with their health', () => {
    const answer = runQuery({ template: 11, days: 60, accountIds: null, scope: EVERYONE }, data);
    expect(ids(answer)).toEqual(['delta', 'worked']);
    expect(answer.answer).toBe(
      '2 accounts renew in the next 60 days (2025-09-30 to 2025-11-29): Delta Health on 2025-10-10 (no status) and Worked Example Co on 2025-11-15 (yellow, score 59).',
    );
    expect(ids(runQuery({ template: 11, days: 45, accountIds: null, scope: EVERYONE }, data))).toEqual(['delta']);
  });

  it("gives one account's renewal, and says when there is none on file", () => {
    const worked = data.series.find((s) => s.accountId === 'worked')!;
    const context = buildTriggerContext({ series: worked, month: month('2025-09'), months: monthRange(month('2025-07'), month('2025-09')), renewalDate: '2025-11-15' as IsoDate });
    expect(runQuery({ template: 11, days: 90, accountIds: ['worked', 'gamma'], scope: EVERYONE }, data).answer).toBe(
      `Worked Example Co renews on 2025-11-15, in 46 days (yellow, score 59; churn risk ${Math.round(context.churnRisk! * 100)}%). Gamma Retail has no renewal date on file.`,
    );
  });
});

describe('template 15: averages', () => {
  it('averages the accounts with a value, per segment', () => {
    const answer = runQuery({ template: 15, measure: 'nps', groupBy: 'segment', scope: EVERYONE }, data);
    expect(answer.rows.map((r) => [r.cells.group, r.cells.average, r.cells.accounts])).toEqual([
      ['Enterprise', 10, 1],
      ['Mid-Market', 25, 1],
      ['SMB', -20, 1],
    ]);
  });

  it('gives the average category scores "by category"', () => {
    const answer = runQuery({ template: 15, measure: 'score', groupBy: 'category', scope: EVERYONE }, data);
    expect(answer.rows.map((r) => r.cells.group)).toEqual(['Adoption', 'Support', 'Sentiment', 'Revenue', 'Engagement']);
  });
});

describe('template 16: missing and invalid data', () => {
  const answer = runQuery({ template: 16, accountIds: null }, data);

  it('finds implausible values in any month and KPIs missing in the latest, and skips churned accounts', () => {
    expect(ids(answer)).toEqual(['worked', 'beta', 'delta']);
    expect(answer.answer).toContain('Invalid values: Beta Labs Net Promoter Score 140 in 2025-08 (plausible -100…100).');
    const delta = answer.rows.find((r) => r.accountId === 'delta')!;
    expect(delta.cells.problems).toBe('13 of 17 KPIs missing, status unknown');
  });

  it('asks about given accounts only', () => {
    expect(ids(runQuery({ template: 16, accountIds: ['beta'] }, data))).toEqual(['beta']);
  });
});
