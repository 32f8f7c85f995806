import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { columnLetter } from './issues';

describe('parseCsv', () => {
  it('reads quoted fields, CRLF line ends and a byte-order mark', () => {
    const table = parseCsv('\ufeffaccount,kpi\r\n"Acme, Inc.",nps\r\n"Say ""hi""",csat\r\n');
    expect(table.issues).toEqual([]);
    expect(table.rows).toEqual([
      ['account', 'kpi'],
      ['Acme, Inc.', 'nps'],
      ['Say "hi"', 'csat'],
    ]);
  });

  it('detects semicolon- and tab-separated files', () => {
    expect(parseCsv('a;b;c\n1;2;3\n').rows[1]).toEqual(['1', '2', '3']);
    expect(parseCsv('a\tb\n1\t2\n').rows[1]).toEqual(['1', '2']);
  });

  it('keeps empty lines so row numbers stay the lines a person sees', () => {
    expect(parseCsv('a,b\n\n1,2\n').rows).toEqual([['a', 'b'], [''], ['1', '2']]);
  });

  it('names the line of an unterminated quote', () => {
    const table = parseCsv('account,kpi,month,value\nAcme,nps,2025-03,10\n"Beta,nps,2025-03,12\nGamma,nps,2025-03,5\n');
    expect(table.issues).toHaveLength(1);
    expect(table.issues[0]).toMatchObject({ severity: 'error', code: 'malformed-file', row: 3 });
    expect(table.issues[0]!.message).toMatch(/^a quoted field is never closed/);
  });
});

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [3, 'D'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%d → %s', (index, letter) => {
    expect(columnLetter(index)).toBe(letter);
  });
});
