import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { month } from '../time/months';
import { cents, toCents, type Cents, type Month } from '../units';
import {
  accountNrr,
  classifyMovement,
  revenueBridge,
  revenueBySegment,
  revenueByOwner,
  revenueBridgeBy,
  type RevenueAccount,
} from './revenue';

const S = month('2025-03');
const E = month('2025-09');
const PERIOD = { start: S, end: E };

/** An account from dollar amounts by month; `undefined` leaves the month out entirely. */
function account(
  accountId: string,
  arr: Record<string, number | undefined>,
  extra: { segment?: string | null; ownerId?: string | null } = {},
): RevenueAccount {
  const map = new Map<Month, Cents>();
  for (const [m, dollars] of Object.entries(arr))
    if (dollars !== undefined) map.set(month(m), toCents(dollars));
  return { accountId, arr: map, ...extra };
}

/*
 * The hand-computed table (dollars), 2025-03 → 2025-09:
 *
 * | account | segment     | owner | ARR_s   | ARR_e   | movement            |
 * |---------|-------------|-------|---------|---------|---------------------|
 * | A       | Enterprise  | csm-1 | 100,000 | 0       | churned (zero)      |
 * | B       | Mid-Market  | csm-1 | 50,000  | —       | churned (no ARR)    |
 * | C       | Enterprise  | csm-2 | 200,000 | 150,000 | contraction 50,000  |
 * | D       | Mid-Market  | csm-1 | 100,000 | 130,000 | expansion 30,000    |
 * | E       | SMB         | csm-2 | 80,000  | 80,000  | unchanged           |
 * | F       | SMB         | csm-2 | —       | 40,000  | new                 |
 * | G       | —           | —     | 0       | 25,000  | new (explicit zero) |
 * | H       | Startup     | csm-3 | —       | —       | no ARR at all       |
 *
 * ARR_s = 530,000; churn = 150,000; contraction = 50,000; expansion = 30,000;
 * retained ARR_e = 360,000 (= 530 + 30 − 50 − 150); new = 65,000; total ARR_e = 425,000.
 * NRR = 360/530 = 0.6792…; GRR = 330/530 = 0.6226…; growth = (425 − 530)/530 = −0.1981…
 */
const TABLE: RevenueAccount[] = [
  account('A', { '2025-03': 100_000, '2025-09': 0 }, { segment: 'Enterprise', ownerId: 'csm-1' }),
  account('B', { '2025-03': 50_000, '2025-06': 50_000 }, { segment: 'Mid-Market', ownerId: 'csm-1' }),
  account('C', { '2025-03': 200_000, '2025-09': 150_000 }, { segment: 'Enterprise', ownerId: 'csm-2' }),
  account('D', { '2025-03': 100_000, '2025-09': 130_000 }, { segment: 'Mid-Market', ownerId: 'csm-1' }),
  account('E', { '2025-03': 80_000, '2025-09': 80_000 }, { segment: 'SMB', ownerId: 'csm-2' }),
  account('F', { '2025-09': 40_000 }, { segment: 'SMB', ownerId: 'csm-2' }),
  account('G', { '2025-03': 0, '2025-09': 25_000 }),
  account('H', {}, { segment: 'Startup', ownerId: 'csm-3' }),
];

describe('classifyMovement', () => {
  it.each([
    [100, 0, 'churned'],
    [100, null, 'churned'],
    [100, 60, 'contracted'],
    [100, 1, 'contracted'],
    [100, 100, 'unchanged'],
    [100, 101, 'expanded'],
    [null, 40, 'new'],
    [0, 40, 'new'],
    [0, 0, 'none'],
    [null, null, 'none'],
  ] as const)('ARR_s %s → ARR_e %s is %s', (start, end, expected) => {
    expect(classifyMovement(start === null ? null : cents(start), end === null ? null : cents(end))).toBe(
      expected,
    );
  });
});

describe('revenueBridge on the hand-computed table', () => {
  const bridge = revenueBridge(TABLE, PERIOD);

  it.each([
    ['startArr', 530_000],
    ['churn', 150_000],
    ['contraction', 50_000],
    ['expansion', 30_000],
    ['endArr', 360_000],
    ['newArr', 65_000],
    ['totalEndArr', 425_000],
  ] as const)('%s = $%d', (field, dollars) => {
    expect(bridge[field]).toBe(toCents(dollars));
  });

  it.each([
    ['nrr', 360 / 530, 0.6792],
    ['grr', 330 / 530, 0.6226],
    ['growth', -105 / 530, -0.1981],
  ] as const)('%s = %d (≈ %d)', (field, exact, approx) => {
    expect(bridge[field]).toBe(exact);
    expect(bridge[field]).toBeCloseTo(approx, 4);
  });

  it('counts only accounts with ARR in s as the base', () => {
    expect(bridge.accountCount).toBe(5);
  });

  it('lists the accounts behind every figure, biggest movement first', () => {
    const ids = (list: readonly { accountId: string }[]): string[] => list.map((m) => m.accountId);
    expect(ids(bridge.churned)).toEqual(['A', 'B']);
    expect(ids(bridge.contracted)).toEqual(['C']);
    expect(ids(bridge.expanded)).toEqual(['D']);
    expect(ids(bridge.unchanged)).toEqual(['E']);
    expect(ids(bridge.newAccounts)).toEqual(['F', 'G']);
  });

  it('gives each listed account its start, end and change in cents', () => {
    expect(bridge.churned[1]).toEqual({
      accountId: 'B',
      startArr: toCents(50_000),
      endArr: 0,
      change: toCents(-50_000),
    });
    expect(bridge.contracted[0]).toEqual({
      accountId: 'C',
      startArr: toCents(200_000),
      endArr: toCents(150_000),
      change: toCents(-50_000),
    });
    expect(bridge.newAccounts[0]).toEqual({
      accountId: 'F',
      startArr: 0,
      endArr: toCents(40_000),
      change: toCents(40_000),
    });
  });

  it('keeps sums in whole cents', () => {
    const odd = [
      account('X', { '2025-03': 0.1, '2025-09': 0.3 }),
      account('Y', { '2025-03': 0.2, '2025-09': 0.2 }),
    ];
    const b = revenueBridge(odd, PERIOD);
    // 0.1 + 0.2 in dollars is 0.30000000000000004; in cents it is 30.
    expect(b.startArr).toBe(30);
    expect(b.expansion).toBe(20);
    expect(b.nrr).toBe(50 / 30);
  });
});

describe('revenueBridge without a base', () => {
  it('returns zeros, empty lists and null ratios for no accounts', () => {
    const bridge = revenueBridge([], PERIOD);
    expect(bridge).toMatchObject({
      startArr: 0,
      churn: 0,
      contraction: 0,
      expansion: 0,
      newArr: 0,
      totalEndArr: 0,
    });
    expect(bridge).toMatchObject({ nrr: null, grr: null, growth: null, accountCount: 0 });
    expect([
      bridge.churned,
      bridge.contracted,
      bridge.expanded,
      bridge.unchanged,
      bridge.newAccounts,
    ]).toEqual([[], [], [], [], []]);
  });

  it('returns null ratios, never NaN or Infinity, when only new accounts have ARR', () => {
    const bridge = revenueBridge([account('N', { '2025-09': 10_000 })], PERIOD);
    expect(bridge).toMatchObject({ nrr: null, grr: null, growth: null, newArr: toCents(10_000) });
  });

  it('measures a one-month period and rejects a reversed one', () => {
    expect(revenueBridge(TABLE, { start: E, end: E }).nrr).toBe(1);
    expect(() => revenueBridge(TABLE, { start: E, end: S })).toThrow(/must not be after/);
  });
});

describe('grouping', () => {
  const summary = (groups: ReturnType<typeof revenueBySegment>): unknown[] =>
    groups.map((g) => [g.key, g.bridge.startArr / 100, g.bridge.nrr, g.bridge.grr, g.bridge.growth]);

  it('bridges each segment, accounts without a segment last, groups without ARR left out', () => {
    expect(summary(revenueBySegment(TABLE, PERIOD))).toEqual([
      ['Enterprise', 300_000, 150 / 300, 150 / 300, -150 / 300],
      ['Mid-Market', 150_000, 130 / 150, 100 / 150, -20 / 150],
      ['SMB', 80_000, 1, 1, 40 / 80],
      [null, 0, null, null, null],
    ]);
  });

  it('bridges each CSM', () => {
    expect(summary(revenueByOwner(TABLE, PERIOD))).toEqual([
      ['csm-1', 250_000, 130 / 250, 100 / 250, -120 / 250],
      ['csm-2', 280_000, 230 / 280, 230 / 280, -10 / 280],
      [null, 0, null, null, null],
    ]);
  });

  it('adds up to the tenant bridge', () => {
    const tenant = revenueBridge(TABLE, PERIOD);
    const groups = revenueBridgeBy(TABLE, PERIOD, (a) => a.ownerId);
    for (const field of ['startArr', 'churn', 'contraction', 'expansion', 'newArr'] as const) {
      expect(groups.reduce((sum, g) => sum + g.bridge[field], 0)).toBe(tenant[field]);
    }
  });
});

describe('bridge invariants', () => {
  const arrArb = fc.option(fc.integer({ min: 0, max: 1_000_000_000 }), { nil: undefined });
  const accountsArb = fc.array(fc.record({ s: arrArb, e: arrArb }), { maxLength: 30 }).map((rows) =>
    rows.map((r, i): RevenueAccount => {
      const arr = new Map<Month, Cents>();
      if (r.s !== undefined) arr.set(S, cents(r.s));
      if (r.e !== undefined) arr.set(E, cents(r.e));
      return { accountId: `a${i}`, arr };
    }),
  );

  it('ARR_s + expansion − contraction − churn = retained ARR_e, and each base account is listed once', () => {
    fc.assert(
      fc.property(accountsArb, (accounts) => {
        const b = revenueBridge(accounts, PERIOD);
        expect(b.startArr + b.expansion - b.contraction - b.churn).toBe(b.endArr);
        const listed = b.churned.length + b.contracted.length + b.expanded.length + b.unchanged.length;
        expect(listed).toBe(b.accountCount);
        if (b.grr !== null && b.nrr !== null) {
          expect(b.grr).toBeGreaterThanOrEqual(0);
          expect(b.grr).toBeLessThanOrEqual(1);
          expect(b.nrr).toBeGreaterThanOrEqual(b.grr);
        }
      }),
    );
  });
});

describe('accountNrr (the nrr KPI when it was not uploaded)', () => {
  const series = (arr: Record<string, number>): ReadonlyMap<Month, Cents> =>
    new Map(Object.entries(arr).map(([m, dollars]) => [month(m), toCents(dollars)]));

  it.each([
    ['a full 12 months', { '2024-09': 100_000, '2025-09': 112_000 }, 112, 12, '2024-09'],
    ['exactly 110%, not 110.00000000000001', { '2024-09': 100_000, '2025-09': 110_000 }, 110, 12, '2024-09'],
    ['as many months as exist', { '2025-03': 100_000, '2025-09': 95_000 }, 95, 6, '2025-03'],
    [
      'from the first month with ARR above zero',
      { '2025-03': 0, '2025-04': 50_000, '2025-09': 60_000 },
      120,
      5,
      '2025-04',
    ],
    [
      'ignoring ARR older than 12 months',
      { '2024-01': 10_000, '2024-12': 100_000, '2025-09': 100_000 },
      100,
      9,
      '2024-12',
    ],
    [
      'zero for a churned account (no ARR in the month)',
      { '2025-03': 100_000, '2025-08': 100_000 },
      0,
      6,
      '2025-03',
    ],
    ['capped at the plausible 300%', { '2025-03': 10_000, '2025-09': 50_000 }, 300, 6, '2025-03'],
  ])('computes %s', (_label, arr, value, months, baseMonth) => {
    expect(accountNrr(series(arr), E)).toMatchObject({ value, months, baseMonth, month: E });
  });

  it.each([
    ['no ARR before the month', { '2025-09': 100_000 }],
    ['only zero ARR before the month', { '2025-03': 0, '2025-09': 100_000 }],
    ['no ARR at all', {}],
  ])('is null with %s', (_label, arr) => {
    expect(accountNrr(series(arr), E)).toBeNull();
  });

  it('reports the ARRs it used, in cents', () => {
    expect(accountNrr(series({ '2025-03': 100_000, '2025-09': 95_000 }), E)).toMatchObject({
      startArr: toCents(100_000),
      endArr: toCents(95_000),
    });
  });
});
