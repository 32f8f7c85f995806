import { describe, expect, it } from 'vitest';
import { neutralizeFormula } from '../export/cells';
import { toCsv } from '../export/csv';
import { dataRows } from '../export/data';
import { HOSTILE_NAMES, sampleCases } from '../export/testing';
import { toXlsx } from '../export/xlsx';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { cellText, unneutralizeFormula } from './cells';
import { readSpreadsheet } from './file/read-spreadsheet';
import { readWorkbook } from './workbook';

describe('cellText', () => {
  it.each([
    ['a neutralised formula', `'=HYPERLINK("x")`, '=HYPERLINK("x")'],
    ['a neutralised plus', `'+cmd|' /C calc'!A0`, `+cmd|' /C calc'!A0`],
    ['a neutralised minus', `'-2+3`, '-2+3'],
    ['a neutralised at sign', `'@SUM(1)`, '@SUM(1)'],
    ['a neutralised tab', `'\t=1+1`, '=1+1'],
    ['a neutralised carriage return', `'\r=1+1`, '=1+1'],
    ['a neutralised formula after spaces', `'  =1+1`, '=1+1'],
    ['a name that starts with a quote', `'t Hoekje`, `'t Hoekje`],
    ['a lone quote', `'`, `'`],
    ['two quotes before a formula (only ours is removed)', `''=1+1`, `''=1+1`],
    ['a quote after leading spaces (not what the export writes)', `  '=1+1`, `'=1+1`],
    ['plain text, trimmed', '  Northwind  ', 'Northwind'],
    ['a number', 42, '42'],
    ['a boolean', true, 'true'],
    ['an empty cell', null, ''],
  ])('reads %s', (_, cell, text) => {
    expect(cellText(cell)).toBe(text);
  });

  it.each(HOSTILE_NAMES.map((name) => [JSON.stringify(name), name]))('undoes exactly what neutralizeFormula adds to %s', (_, name) => {
    expect(unneutralizeFormula(neutralizeFormula(name))).toBe(name);
  });
});

describe('a hostile account name through export and import', () => {
  const { docs } = sampleCases()[0]!;
  const name = '=HYPERLINK("x")';
  const accounts = docs.accounts.map((a, i) => (i === 0 ? { ...a, name } : a));
  const exported = dataRows(accounts, docs.measurements, DEFAULT_CATALOG);
  const withValues = docs.measurements.filter((m) => m.accountId === accounts[0]!.id).length;

  const read = (bytes: Uint8Array, fileName: string): ReturnType<typeof readWorkbook> => {
    const file = readSpreadsheet(bytes, fileName);
    if (!file.ok) throw new Error(file.error.message);
    return readWorkbook(file.sheets, { fileIssues: file.issues });
  };

  it('comes back with the same name from CSV, as text', () => {
    // The file itself is safe to open: the name is written with the quote in front.
    expect(toCsv(exported.values.rows)).toContain(`"'=HYPERLINK(""x"")"`);
    const table = read(new TextEncoder().encode(toCsv(exported.values.rows)), 'export.csv');
    expect(table.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(table.accounts).toContain(name);
    expect(table.accounts).not.toContain(`'${name}`);
    expect(withValues).toBeGreaterThan(0);
    expect(table.values.filter((v) => v.account === name).length).toBeGreaterThan(0);
  });

  it('comes back with the same name from Excel, as text', async () => {
    const table = read(await toXlsx([exported.values, exported.accounts]), 'export.xlsx');
    expect(table.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(table.accounts).toContain(name);
    expect(table.accountAttributes?.map((a) => a.name)).toContain(name);
  });
});
