import { describe, expect, it } from 'vitest';
import { EVERYONE } from '../query';
import { tinyTenant } from '../testing';
import { runQuery } from '.';

const data = tinyTenant();
const JUL_TO_SEP = { from: '2025-08', to: '2025-09' } as const;

describe('template 9: NRR and GRR', () => {
  it('measures a period from the end of the month before it: August–September is the July → September bridge', () => {
    const answer = runQuery({ template: 9, period: JUL_TO_SEP as never, groupBy: 'tenant', scope: EVERYONE }, data);
    // Start $180k: +$20k expansion, −$10k contraction, −$30k churn → 160/180 and 140/180.
    expect(answer.answer).toBe(
      '2025-07 → 2025-09: NRR 88.9%, GRR 77.8% (start ARR $180k over 3 accounts: +$20k expansion, −$10k contraction, −$30k churn; +$10k from new accounts).',
    );
    expect(answer.context.period).toEqual(JUL_TO_SEP);
    expect(answer.citations.slice(0, 2).map((c) => c.ref)).toEqual(['2025-07', '2025-09']);
  });

  it('clips the default trailing year to the data, and says where the data starts', () => {
    expect(runQuery({ template: 9, period: null, groupBy: 'tenant', scope: EVERYONE }, data).answer).toMatch(/^2025-07 → 2025-09 \(the data starts in 2025-07\): NRR 88\.9%/);
  });

  it('splits by segment, with the tenant figure last', () => {
    const answer = runQuery({ template: 9, period: null, groupBy: 'segment', scope: EVERYONE }, data);
    expect(answer.rows.map((r) => [r.cells.group, r.cells.nrr, r.cells.grr])).toEqual([
      ['Enterprise', '120%', '100%'],
      // Delta Health is new in the period: no base to measure its segment's retention against.
      ['Mid-Market', 'n/a', 'n/a'],
      ['SMB', '50%', '50%'],
      ['All', '88.9%', '77.8%'],
    ]);
    expect(answer.chart?.series.map((s) => s.values)).toEqual([
      [120, null, 50, 88.9],
      [100, null, 50, 77.8],
    ]);
  });

  it('says when a period has no two months to compare', () => {
    const answer = runQuery({ template: 9, period: { from: '2025-07', to: '2025-07' } as never, groupBy: 'tenant', scope: EVERYONE }, data);
    expect(answer.answer).toMatch(/^That period does not hold two months of data to compare/);
    expect(answer.rows).toEqual([]);
  });
});

describe('template 10: movers', () => {
  it('lists expansions biggest first', () => {
    const answer = runQuery({ template: 10, direction: 'expanded', n: 5, period: null, scope: EVERYONE }, data);
    expect(answer.answer).toBe('Biggest expansions, 2025-07 → 2025-09: Worked Example Co +$20k ($100k → $120k). In all, 1 account expanded, $20k of ARR.');
  });

  it('names churned accounts beside contractions, since churn is the largest contraction', () => {
    const answer = runQuery({ template: 10, direction: 'contracted', n: 5, period: null, scope: EVERYONE }, data);
    expect(answer.rows.map((r) => r.accountId)).toEqual(['beta']);
    expect(answer.answer).toContain('Besides, 1 account churned ($30k): Gamma Retail.');
  });
});
