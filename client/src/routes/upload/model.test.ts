import { buildSnapshot, type ImportIssue, type MeasurementDoc, type VersionDoc } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import { describeRows, formatSize, groupIssues, restoreImpact, rowsOf, unrestorableReason } from './model';

function issue(
  severity: ImportIssue['severity'],
  code: ImportIssue['code'],
  sheet: string,
  row: number | null,
  column: string | null = null,
): ImportIssue {
  return { severity, code, sheet, row, column, message: `${code} at ${sheet} ${row}` };
}

describe('the upload screen model', () => {
  const issues = [
    issue('error', 'not-a-number', 'KPIs', 4, 'D'),
    issue('error', 'out-of-range', 'KPIs', 5, 'E'),
    issue('error', 'not-a-number', 'KPIs', 4, 'E'),
    issue('error', 'missing-column', 'Notes', null),
    issue('error', 'not-a-number', 'Q2', 12, 'C'),
  ];

  it('groups issues by kind, in the order each kind first appears', () => {
    expect(groupIssues(issues).map((g) => [g.title, g.issues.length])).toEqual([
      ['Not a number', 3],
      ['Outside the plausible range', 1],
      ['Missing columns', 1],
    ]);
  });

  it('excludes each row once, and never a whole-sheet issue', () => {
    expect(rowsOf(issues)).toEqual([
      { sheet: 'KPIs', row: 4 },
      { sheet: 'KPIs', row: 5 },
      { sheet: 'Q2', row: 12 },
    ]);
  });

  it.each([
    [[{ sheet: 'KPIs', row: 7 }], 'KPIs row 7'],
    [
      [
        { sheet: 'KPIs', row: 12 },
        { sheet: 'KPIs', row: 4 },
        { sheet: 'KPIs', row: 7 },
      ],
      'KPIs rows 4, 7 and 12',
    ],
    [
      [
        { sheet: 'KPIs', row: 4 },
        { sheet: 'Q2', row: 3 },
      ],
      'KPIs row 4; Q2 row 3',
    ],
    [
      Array.from({ length: 15 }, (_, i) => ({ sheet: 'KPIs', row: i + 2 })),
      'KPIs rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 and 3 more',
    ],
  ])('describes excluded rows %#', (rows, text) => {
    expect(describeRows(rows)).toBe(text);
  });

  it.each([
    [512, '512 bytes'],
    [18_000, '18 KB'],
    [20 * 1024 * 1024, '20 MB'],
    [1.5 * 1024 * 1024, '1.5 MB'],
  ])('writes %d bytes as %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text.replace(' ', '\u00a0'));
  });

  it('counts what a restore would change, keep and skip', () => {
    const snapshot = buildSnapshot([
      { accountId: 'a1', month: '2025-09' as never, kpi: 'nps', value: 30 },
      { accountId: 'a1', month: '2025-09' as never, kpi: 'csat', value: 80 },
      { accountId: 'gone', month: '2025-09' as never, kpi: 'nps', value: 10 },
    ]);
    const doc = {
      id: 'a1:2025-09',
      accountId: 'a1',
      month: '2025-09',
      values: { nps: { value: 55 }, csat: { value: 80 } },
      history: [],
      clocks: {},
      _deleted: false,
    } as unknown as MeasurementDoc;
    const accounts = [
      { id: 'a1', _deleted: false },
      { id: 'gone', _deleted: true },
    ];
    expect(restoreImpact({ snapshot }, accounts, [doc])).toEqual({ change: 1, same: 1, skipped: 1 });
    expect(restoreImpact({ snapshot: null }, accounts, [doc])).toBeNull();
  });

  it('says why a version without a snapshot cannot be restored', () => {
    const counts = (values: number): VersionDoc['counts'] => ({
      accounts: 1,
      newAccounts: 0,
      values,
      changed: 0,
      unchanged: 0,
    });
    expect(unrestorableReason({ snapshot: null, counts: counts(300_000) })).toMatch(
      /^Too large to restore on a device/,
    );
    expect(unrestorableReason({ snapshot: null, counts: counts(10) })).toMatch(
      /imported before versions kept a copy/,
    );
    expect(unrestorableReason({ snapshot: buildSnapshot([]), counts: counts(0) })).toBeNull();
  });
});
