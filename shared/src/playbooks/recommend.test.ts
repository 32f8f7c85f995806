import { describe, expect, it } from 'vitest';
import type { KpiValues } from '../kpi/catalog';
import { toCents } from '../units';
import { PLAYBOOK_IDS } from './definitions';
import {
  arrWeight,
  recommendPlaybooks,
  recommendationPriority,
  recommendationsForAccount,
  type PlaybookRecommendations,
  type RecommendationAccount,
} from './recommend';
import { resolvePlaybookRules } from './triggers';

function account(
  accountId: string,
  name: string,
  latest: KpiValues,
  arrDollars: number | null,
): RecommendationAccount {
  return {
    accountId,
    name,
    latest,
    statusHistory: [],
    daysToRenewal: null,
    churnRisk: null,
    arr: arrDollars === null ? null : toCents(arrDollars),
  };
}

const listFor = (lists: readonly PlaybookRecommendations[], playbookId: string): string[] =>
  lists.find((l) => l.playbookId === playbookId)!.accounts.map((r) => r.accountId);

describe('arrWeight = 1 + log10(1 + ARR in dollars)', () => {
  it.each([
    [null, 1],
    [0, 1],
    [9, 2],
    [99, 3],
    [999_999, 7],
  ])('ARR $%s weighs %d', (dollars, weight) => {
    expect(arrWeight(dollars === null ? null : toCents(dollars))).toBe(weight);
  });
});

describe('recommendationPriority', () => {
  it('is distance × ARR weight, rounded to 6 decimals so every engine orders alike', () => {
    expect(recommendationPriority(0.5, toCents(999_999))).toBe(3.5);
    expect(recommendationPriority(1 / 3, null)).toBe(0.333333);
    expect(recommendationPriority(0, toCents(1_000_000))).toBe(0);
  });
});

describe('recommendPlaybooks', () => {
  // VoC distance is (0 − nps) / 30.
  const ALPHA = account('a', 'Alpha', { nps: -30 }, 9); // 1 × 2 = 2
  const BRAVO = account('b', 'Bravo', { nps: -15, escalations: 4 }, 999_999); // 0.5 × 7 = 3.5
  const CHARLIE = account('c', 'Charlie', { nps: -30 }, null); // 1 × 1 = 1
  const DELTA = account('d', 'Delta', { nps: 10 }, 50_000); // does not fire
  const PORTFOLIO = [ALPHA, BRAVO, CHARLIE, DELTA];

  it('lists every playbook in order, empty where nothing fires', () => {
    const lists = recommendPlaybooks(PORTFOLIO);
    expect(lists.map((l) => l.playbookId)).toEqual(PLAYBOOK_IDS);
    expect(listFor(lists, 'activation-blitz')).toEqual([]);
  });

  it('ranks by distance past the trigger weighted by ARR', () => {
    const voc = recommendPlaybooks(PORTFOLIO).find((l) => l.playbookId === 'voc-sprint')!.accounts;
    expect(voc.map((r) => [r.rank, r.accountId, r.distance, r.priority])).toEqual([
      [1, 'b', 0.5, 3.5],
      [2, 'a', 1, 2],
      [3, 'c', 1, 1],
    ]);
    expect(voc[0]!.evidence.map((e) => e.conditionId)).toEqual(['nps']);
    expect(voc[0]).toMatchObject({ name: 'Bravo', arr: toCents(999_999), playbookId: 'voc-sprint' });
  });

  it.each([
    [
      'equal priority: larger ARR first',
      [account('x', 'X', { escalations: 3 }, 100), account('y', 'Y', { escalations: 3 }, 1_000)],
      ['y', 'x'],
    ],
    [
      'equal priority and ARR: by name, ignoring case',
      [account('x', 'Beta', { escalations: 4 }, 100), account('y', 'alpha', { escalations: 4 }, 100)],
      ['y', 'x'],
    ],
    [
      'equal priority, ARR and name: by id',
      [account('y', 'Same', { escalations: 4 }, 100), account('x', 'Same', { escalations: 4 }, 100)],
      ['x', 'y'],
    ],
  ])('breaks ties deterministically — %s', (_label, accounts, expected) => {
    expect(listFor(recommendPlaybooks(accounts), 'sla-stabilizer')).toEqual(expected);
    expect(listFor(recommendPlaybooks([...accounts].reverse()), 'sla-stabilizer')).toEqual(expected);
  });

  it('never recommends a playbook already open on the account, and only that one', () => {
    const lists = recommendPlaybooks(PORTFOLIO, {
      activeRuns: [
        { accountId: 'b', playbookId: 'voc-sprint' },
        { accountId: 'a', playbookId: 'sla-stabilizer' },
      ],
    });
    expect(listFor(lists, 'voc-sprint')).toEqual(['a', 'c']);
    expect(listFor(lists, 'sla-stabilizer')).toEqual(['b']);
  });

  it("uses the tenant's thresholds", () => {
    const { rules } = resolvePlaybookRules({ 'voc-sprint': { trigger: { nps: -20 } } });
    expect(listFor(recommendPlaybooks(PORTFOLIO, { rules }), 'voc-sprint')).toEqual(['a', 'c']);
  });
});

describe('recommendationsForAccount', () => {
  it('answers “which playbook should this account run?”, most pressing first', () => {
    const lists = recommendPlaybooks([account('b', 'Bravo', { nps: -3, escalations: 7 }, 10_000)]);
    // SLA: (7 − 3) / 2 = 2; VoC: 3 / 30 = 0.1.
    expect(recommendationsForAccount(lists, 'b').map((r) => r.playbookId)).toEqual([
      'sla-stabilizer',
      'voc-sprint',
    ]);
    expect(recommendationsForAccount(lists, 'nobody')).toEqual([]);
  });
});
