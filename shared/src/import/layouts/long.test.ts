import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv';
import { readWorkbook } from '../workbook';
import { readLongLayout } from './long';

function read(csv: string) {
  return readLongLayout(parseCsv(csv).rows, 'data.csv');
}

describe('the long layout', () => {
  it('reads header synonyms, KPI names and value formats', () => {
    const table = read(
      [
        'Customer,Metric,Period,Value',
        'Acme,Net Promoter Score,Mar 2025,-10',
        'Acme,License Utilization,2025-03,85%',
        'acme ,ARR,3/2025,"$1,200,000"',
        'Beta,time_to_value_days,Sep-25,12 days',
      ].join('\n'),
    );
    expect(table.issues).toEqual([]);
    expect(table.accounts).toEqual(['Acme', 'Beta']);
    expect(table.months).toEqual(['2025-03', '2025-09']);
    expect(table.kpis).toEqual(['license_utilization', 'time_to_value_days', 'nps', 'arr']);
    expect(table.values.map((v) => [v.account, v.kpi, v.month, v.value, v.row])).toEqual([
      ['Acme', 'nps', '2025-03', -10, 2],
      ['Acme', 'license_utilization', '2025-03', 85, 3],
      ['Acme', 'arr', '2025-03', 1_200_000, 4],
      ['Beta', 'time_to_value_days', '2025-09', 12, 5],
    ]);
  });

  it('reports every bad cell with its Excel row and column and a reason', () => {
    const table = read(
      [
        'account,kpi,month,value',
        'Acme,nsp,2025-03,10', // unknown KPI with a suggestion
        'Acme,nps,2025-13,10', // bad month
        'Acme,nps,2025-04,lots', // not a number
        'Acme,csat,2025-04,120', // out of range
        ',csat,2025-04,80', // no account
        'Acme,csat,2025-05,80,extra', // extra cell
      ].join('\n'),
    );
    expect(table.values).toEqual([]);
    expect(table.issues.map((i) => [i.severity, i.code, i.row, i.column])).toEqual([
      ['error', 'unknown-kpi', 2, 'B'],
      ['error', 'bad-month', 3, 'C'],
      ['error', 'not-a-number', 4, 'D'],
      ['error', 'out-of-range', 5, 'D'],
      ['error', 'missing-account', 6, 'A'],
      ['error', 'wrong-cell-count', 7, null],
    ]);
    expect(table.issues[0]!.message).toBe('"nsp" is not a KPI in the catalog. Did you mean "nps" (Net Promoter Score)?');
    expect(table.issues[3]!.message).toBe('120 is outside the plausible range of Customer satisfaction (0…100).');
  });

  it('warns about duplicates and keeps the later value', () => {
    const table = read(['account,kpi,month,value', 'Acme,nps,2025-03,10', 'Acme,nps,2025-03,10', 'Acme,nps,2025-03,20'].join('\n'));
    expect(table.issues.map((i) => [i.severity, i.code, i.row])).toEqual([
      ['warning', 'duplicate-row', 3],
      ['warning', 'duplicate-row', 4],
    ]);
    expect(table.values.map((v) => [v.value, v.row])).toEqual([[20, 4]]);
  });

  it('says which columns are missing', () => {
    const table = read('account,kpi,value\nAcme,nps,10\n');
    expect(table.issues).toHaveLength(1);
    expect(table.issues[0]).toMatchObject({ code: 'missing-column', row: 1 });
    expect(table.issues[0]!.message).toMatch(/No month column/);
  });

  it('reports an empty file', () => {
    expect(read('').issues[0]).toMatchObject({ code: 'empty-file' });
    expect(read('\n\n').issues[0]).toMatchObject({ code: 'empty-file' });
  });

  it('keeps hostile names as plain data', () => {
    const table = read('account,kpi,month,value\n__proto__,nps,2025-03,10\nconstructor,nps,2025-03,12\n');
    expect(table.issues).toEqual([]);
    expect(table.accounts).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).nps).toBeUndefined();
  });

  it('reads cells as a workbook holds them: numbers as numbers, months as Excel dates', () => {
    const table = readLongLayout(
      [
        ['Account', 'KPI', 'Month', 'Value'],
        ['Acme', 'nps', 45717, -10], // 45717 is 2025-03-01
        ['Acme', 'arr', 45748.5, 1_200_000],
        [12345, 'csat', '2025-05', 90.5], // an account named by a number stays a name
      ],
      'Sheet1',
    );
    expect(table.issues).toEqual([]);
    expect(table.values.map((v) => [v.account, v.kpi, v.month, v.value, v.row, v.column])).toEqual([
      ['Acme', 'nps', '2025-03', -10, 2, 'D'],
      ['Acme', 'arr', '2025-04', 1_200_000, 3, 'D'],
      ['12345', 'csat', '2025-05', 90.5, 4, 'D'],
    ]);
  });

  it('skips a row whose value cell is empty without a word', () => {
    const table = read(['account,kpi,month,value', 'Acme,nps,2025-03,', 'Acme,nsp,2025-13,', 'Acme,csat,2025-03,90'].join('\n'));
    expect(table.issues).toEqual([]);
    expect(table.values.map((v) => v.row)).toEqual([4]);
  });

  it('finds the header under a title row, and reports columns it does not read', () => {
    const table = readWorkbook([
      {
        name: 'Export',
        rows: [['KPI export, Q1 2025'], [], ['Customer', 'Metric', 'Period', 'Value', 'Comment'], ['Acme', 'NPS', 'Mar 2025', 12, 'ok']],
      },
    ]);
    expect(table.layout).toBe('long');
    expect(table.values.map((v) => [v.account, v.kpi, v.month, v.value, v.row])).toEqual([['Acme', 'nps', '2025-03', 12, 4]]);
    expect(table.issues.map((i) => [i.severity, i.code, i.row, i.column])).toEqual([['warning', 'ignored-column', 3, 'E']]);
  });
});
