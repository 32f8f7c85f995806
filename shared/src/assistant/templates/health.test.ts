import { describe, expect, it } from 'vitest';
import { scoreMonth } from '../../health/health';
import { month } from '../../time/months';
import { EVERYONE } from '../query';
import { tinyTenant } from '../testing';
import type { AssistantAnswer } from '../types';
import { runQuery } from '.';

const data = tinyTenant();
const ids = (answer: AssistantAnswer): (string | undefined)[] => answer.rows.map((r) => r.accountId);

describe('template 1: accounts by status', () => {
  it('lists red and yellow ("at risk") accounts worst first, leaving deleted accounts out', () => {
    const answer = runQuery({ template: 1, statuses: ['red', 'yellow'], scope: EVERYONE, accountIds: null }, data);
    expect(ids(answer)).toEqual(['beta', 'worked']);
    expect(answer.answer).toMatch(/^2 accounts are red or yellow in 2025-09: 1 red \(Beta Labs \(score \d+\)\); 1 yellow \(Worked Example Co \(score 59\)\)\.$/);
    expect(answer.context).toMatchObject({ accountIds: ['beta', 'worked'], template: 1, settings: { statuses: ['red', 'yellow'] } });
    expect(answer.citations.map((c) => c.ref)).toEqual(['2025-09', 'beta', 'worked']);
  });

  it('narrows to a CSM, and says so plainly when nothing matches', () => {
    const answer = runQuery({ template: 1, statuses: ['red'], scope: { segment: null, ownerId: 'ada' }, accountIds: null }, data);
    expect(answer.answer).toBe('No accounts owned by Ada Lovelace are red in 2025-09.');
    expect(answer.rows).toEqual([]);
  });
});

describe('template 2: portfolio summary', () => {
  it('counts every live account by status, now and the month before', () => {
    const answer = runQuery({ template: 2, scope: EVERYONE }, data);
    const beta = scoreMonth(data.series.find((s) => s.accountId === 'beta')!.months.get(month('2025-09'))!, data.catalog).score!;
    expect(answer.answer).toBe(
      `In 2025-09, of 4 accounts: 0 green, 1 yellow, 1 red, 2 unknown; since 2025-08: green −2, yellow +1, unknown +1. The average score is ${Math.round((59 + beta) / 2)}.`,
    );
    expect(answer.rows.map((r) => [r.cells.status, r.cells.now, r.cells.before])).toEqual([
      ['red', 1, 1],
      ['yellow', 1, 0],
      ['green', 0, 2],
      ['unknown', 2, 1],
    ]);
    expect(answer.chart?.type).toBe('bar');
  });
});

describe('templates 3 and 4: an account\'s health and why', () => {
  it('gives DOMAIN.md\'s worked example: 59, yellow, down from 100, with its renewal from today', () => {
    const answer = runQuery({ template: 3, accountIds: ['worked'] }, data);
    expect(answer.answer).toContain('Worked Example Co is yellow with a score of 59 in 2025-09, −41 since the month before (trend down).');
    expect(answer.answer).toContain('Renews 2025-11-15 (in 46 days).');
    expect(answer.chart).toMatchObject({ type: 'line', x: ['2025-07', '2025-08', '2025-09'], series: [{ values: [100, 100, 59] }] });
  });

  it('explains a status by its costliest KPIs, ties in catalog order, and corrects a wrong assumption', () => {
    const answer = runQuery({ template: 4, accountIds: ['worked'], claimed: 'red' }, data);
    expect(answer.answer).toMatch(/^Worked Example Co is not red but yellow \(score 59\) in 2025-09\. What costs it most: Key feature adoption at 35% \(red, weight 2, costs 200 points\), Days since last CSM touch at 40 days \(red, weight 2, costs 200 points\) and License utilization at 72% \(yellow, weight 3, costs 150 points\)\.$/);
    expect(answer.rows.map((r) => r.cells.cost)).toEqual([200, 200, 150, 150]);
  });

  it('says why an account has no status', () => {
    expect(runQuery({ template: 4, accountIds: ['delta'], claimed: null }, data).answer).toBe(
      'Delta Health has no status in 2025-09: its KPIs with a value carry 18% of the scored weight, and a status needs at least 50%.',
    );
  });
});

describe('template 14: status changes', () => {
  it('tells worse from better, and keeps moves to or from unknown for "any"', () => {
    expect(ids(runQuery({ template: 14, direction: 'worse', statuses: null, scope: EVERYONE }, data))).toEqual(['worked']);
    expect(ids(runQuery({ template: 14, direction: 'better', statuses: null, scope: EVERYONE }, data))).toEqual([]);
    const any = runQuery({ template: 14, direction: 'any', statuses: null, scope: EVERYONE }, data);
    expect(any.rows.map((r) => [r.accountId, r.cells.from, r.cells.to])).toEqual([
      ['worked', 'green', 'yellow'],
      ['gamma', 'green', 'unknown'],
    ]);
  });
});
