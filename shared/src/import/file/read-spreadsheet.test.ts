import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv';
import type { CellValue } from '../sheet';
import { FIXTURE_ACCOUNTS, FIXTURE_KPIS, FIXTURE_MONTH_SERIALS, FIXTURE_MONTH_SHEETS, FIXTURE_MONTHS, fixtureKpiName, fixtureValues } from '../fixtures/dataset';
import bombLyingSizeXlsx from '../fixtures/bomb-lying-size.xlsx?url&inline';
import bombZeroSizeXlsx from '../fixtures/bomb-zero-size.xlsx?url&inline';
import bombXlsx from '../fixtures/bomb.xlsx?url&inline';
import cp1252Csv from '../fixtures/cp1252.csv?url&inline';
import formulasXlsx from '../fixtures/formulas.xlsx?url&inline';
import legacyXls from '../fixtures/legacy.xls?url&inline';
import longCsv from '../fixtures/long.csv?url&inline';
import longXlsx from '../fixtures/long.xlsx?url&inline';
import malformedXlsx from '../fixtures/malformed.xlsx?url&inline';
import protoKeysXlsx from '../fixtures/proto-keys.xlsx?url&inline';
import redosXlsx from '../fixtures/redos.xlsx?url&inline';
import semicolonCsv from '../fixtures/semicolon.csv?url&inline';
import sheetPerMonthXlsx from '../fixtures/sheet-per-month.xlsx?url&inline';
import streamedXlsx from '../fixtures/streamed.xlsx?url&inline';
import truncatedXlsx from '../fixtures/truncated.xlsx?url&inline';
import wideXlsx from '../fixtures/wide.xlsx?url&inline';
import withAccountsSheetXlsx from '../fixtures/with-accounts-sheet.xlsx?url&inline';
import { decodeText } from './decode-text';
import { DEFAULT_SPREADSHEET_LIMITS } from './limits';
import { readSpreadsheet } from './read-spreadsheet';
import type { SpreadsheetResult, SpreadsheetSuccess } from './result';
import { bytesOfDataUrl, textBytes } from './testing';

const fixture = (dataUrl: string): Uint8Array => bytesOfDataUrl(dataUrl);

function readOk(bytes: Uint8Array, fileName: string, limits?: Parameters<typeof readSpreadsheet>[2]): SpreadsheetSuccess {
  const result = readSpreadsheet(bytes, fileName, limits);
  if (!result.ok) throw new Error(`expected ${fileName} to read, got ${result.error.code}: ${result.error.message}`);
  return result;
}

function workbookBytes(sheets: Record<string, XLSX.WorkSheet>, bookType: XLSX.BookType = 'xlsx'): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, name);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType, compression: true }) as ArrayBuffer);
}

const values = fixtureValues();

describe('readSpreadsheet: the layout fixtures', () => {
  it.each([
    ['long.xlsx', 'xlsx', longXlsx, ['KPI values'], [['Account', 'KPI', 'Month', 'Value'], ['Northwind Traders', 'license_utilization', 45717, 82]]],
    ['streamed.xlsx', 'xlsx', streamedXlsx, ['KPI values'], [['Account', 'KPI', 'Month', 'Value'], ['Northwind Traders', 'license_utilization', 45717, 82]]],
    ['wide.xlsx', 'xlsx', wideXlsx, ['Health'], [['Account', 'KPI', 'Mar 2025', 'Apr 2025', 'May 2025'], ['Northwind Traders', 'License utilization', 82, 85, 88]]],
    [
      'sheet-per-month.xlsx',
      'xlsx',
      sheetPerMonthXlsx,
      ['Mar 2025', '2025-04', 'May-25'],
      [
        ['Account', 'License utilization', 'Net Promoter Score', 'Customer satisfaction', 'SLA breach rate', 'Annual recurring revenue'],
        ['Northwind Traders', 82, 35, 91, 3, 1_200_000],
      ],
    ],
    ['with-accounts-sheet.xlsx', 'xlsx', withAccountsSheetXlsx, ['KPI values', 'Accounts'], [['Account', 'KPI', 'Month', 'Value'], ['Northwind Traders', 'license_utilization', '2025-03', 82]]],
    ['legacy.xls', 'xls', legacyXls, ['KPI values'], [['Account', 'KPI', 'Month', 'Value'], ['Northwind Traders', 'License utilization', '2025-03', 82]]],
    ['long.csv', 'csv', longCsv, ['long.csv'], [['Account', 'KPI', 'Month', 'Value'], ['Northwind Traders', 'license_utilization', '2025-03', '82']]],
    ['semicolon.csv', 'csv', semicolonCsv, ['semicolon.csv'], [['Account', 'KPI', 'Month', 'Value'], ['Northwind Traders', 'License utilization', 'Mar 2025', '82']]],
  ] as const)('%s reads as %s with its sheets and first rows', (name, kind, dataUrl, sheetNames, firstRows) => {
    const result = readOk(fixture(dataUrl), name);
    expect(result.kind).toBe(kind);
    expect(result.sheets.map((s) => s.name)).toEqual(sheetNames);
    expect(result.sheets[0]!.rows.slice(0, 2)).toEqual(firstRows);
    expect(result.issues).toEqual([]);
  });

  it('every layout holds the same portfolio, with numbers as numbers in workbooks', () => {
    const expected = values.map((v) => v.value);
    const longValues = (dataUrl: string, name: string): CellValue[] => readOk(fixture(dataUrl), name).sheets[0]!.rows.slice(1).map((r) => r[3]!);
    expect(longValues(longXlsx, 'long.xlsx')).toEqual(expected);
    expect(longValues(streamedXlsx, 'streamed.xlsx')).toEqual(expected);
    expect(longValues(legacyXls, 'legacy.xls')).toEqual(expected);
    expect(longValues(withAccountsSheetXlsx, 'with-accounts-sheet.xlsx')).toEqual(expected);
    expect(longValues(longCsv, 'long.csv')).toEqual(expected.map(String));
    expect(longValues(semicolonCsv, 'semicolon.csv')).toEqual(expected.map(String));
    expect(readOk(fixture(wideXlsx), 'wide.xlsx').sheets[0]!.rows.slice(1).flatMap((r) => r.slice(2))).toEqual(expected);

    // Sheet per month: value of account a, KPI k in month m sits at row a + 1, column k + 1 of sheet m.
    const monthSheets = readOk(fixture(sheetPerMonthXlsx), 'sheet-per-month.xlsx').sheets;
    const fromMonthSheets = FIXTURE_ACCOUNTS.flatMap((_, a) => FIXTURE_KPIS.flatMap((_, k) => FIXTURE_MONTHS.map((_, m) => monthSheets[m]!.rows[a + 1]![k + 1])));
    expect(fromMonthSheets).toEqual(expected);
  });

  it('keeps dates as Excel serial numbers', () => {
    const long = readOk(fixture(longXlsx), 'long.xlsx').sheets[0]!;
    expect(long.rows.slice(1, 4).map((r) => r[2])).toEqual([...FIXTURE_MONTH_SERIALS]);
    const accounts = readOk(fixture(withAccountsSheetXlsx), 'with-accounts-sheet.xlsx').sheets[1]!;
    expect(accounts.rows).toEqual([['Account', 'Segment', 'CSM', 'Renewal date'], ...FIXTURE_ACCOUNTS.map((a) => [a.name, a.segment, a.csm, a.renewal])]);
  });

  it('names KPIs and months the way the dataset does', () => {
    const wide = readOk(fixture(wideXlsx), 'wide.xlsx').sheets[0]!;
    expect(wide.rows.slice(1, 1 + FIXTURE_KPIS.length).map((r) => r[1])).toEqual(FIXTURE_KPIS.map(fixtureKpiName));
    expect(readOk(fixture(sheetPerMonthXlsx), 'sheet-per-month.xlsx').sheets.map((s) => s.name)).toEqual([...FIXTURE_MONTH_SHEETS]);
  });

  it('reads CSV exactly as parseCsv does', () => {
    for (const [name, dataUrl] of [['long.csv', longCsv], ['semicolon.csv', semicolonCsv]] as const) {
      const bytes = fixture(dataUrl);
      const text = decodeText(bytes).text;
      expect(readOk(bytes, name).sheets[0]!.rows).toEqual(parseCsv(text, name).rows);
    }
  });

  it('reads Windows-1252 CSV and says it guessed the encoding', () => {
    const result = readOk(fixture(cp1252Csv), 'cp1252.csv');
    expect(result.sheets[0]!.rows[1]).toEqual(['Caf\u00e9 Ol\u00e9', 'nps', '2025-03', '42']);
    expect(result.issues).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/Windows-1252/) })]);
  });

  it('reads UTF-16 CSV with its byte-order mark', () => {
    const text = 'Account\tKPI\nInitech\tnps\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    expect(readOk(bytes, 'unicode.txt').sheets[0]!.rows).toEqual([['Account', 'KPI'], ['Initech', 'nps']]);
  });
});

describe('readSpreadsheet: hostile files', () => {
  it.each([
    ['malformed.xlsx', 'malformed-file', malformedXlsx, /cannot be read as an Excel workbook: it is damaged/],
    ['truncated.xlsx', 'malformed-file', truncatedXlsx, /probably cut short/],
    ['bomb.xlsx', 'zip-bomb', bombXlsx, /refused without unpacking it: .*1,029 times larger .*256 MB/],
    ['bomb-zero-size.xlsx', 'zip-bomb', bombZeroSizeXlsx, /claims to be empty but holds compressed data/],
  ] as const)('%s → %s, before SheetJS unpacks anything', (name, code, dataUrl, message) => {
    const bytes = fixture(dataUrl);
    const started = performance.now();
    const result = readSpreadsheet(bytes, name);
    expect(performance.now() - started).toBeLessThan(100); // inflating bomb.xlsx alone takes seconds and 256 MB
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(!result.ok && result.error.message).toMatch(message);
  });

  it('bomb-lying-size.xlsx (sizes that pass the check but lie) costs bounded memory and ends as a damaged file', () => {
    // SheetJS preallocates the declared 64 KB and inflates the rest into nothing; the time this costs is
    // what the worker's time limit is for.
    const result = readSpreadsheet(fixture(bombLyingSizeXlsx), 'bomb-lying-size.xlsx');
    expect(result).toMatchObject({ ok: false, error: { code: 'malformed-file' } });
  });

  it('refuses a file over the size limit without looking inside, naming the limit', () => {
    const bytes = new Uint8Array(DEFAULT_SPREADSHEET_LIMITS.maxFileBytes + 1);
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    expect(readSpreadsheet(bytes, 'huge.xlsx')).toEqual({
      ok: false,
      error: { code: 'too-large', message: 'huge.xlsx is 20 MB; the limit is 20 MB. Split it into smaller files.' },
    });
    expect(readSpreadsheet(fixture(longXlsx), 'long.xlsx', { maxFileBytes: 1024 })).toMatchObject({
      ok: false,
      error: { code: 'too-large', message: expect.stringMatching(/is 12 KB; the limit is 1 KB/) },
    });
  });

  it('keeps __proto__ and constructor as plain data and leaves Object.prototype alone', () => {
    const result = readOk(fixture(protoKeysXlsx), 'proto-keys.xlsx');
    expect(result.sheets).toEqual([
      { name: '__proto__', rows: [['__proto__', 'constructor', 'prototype', 'polluted'], ['__proto__', 'constructor', 'toString', 1]] },
      { name: 'constructor', rows: [['Account', 'hasOwnProperty'], ['__proto__', 'valueOf']] },
      { name: 'toString', rows: [['polluted'], [true]] },
    ]);
    for (const sheet of result.sheets) {
      expect(Object.getPrototypeOf(sheet)).toBe(Object.prototype);
      expect(Object.keys(sheet)).toEqual(['name', 'rows']);
      for (const row of sheet.rows) expect(Array.isArray(row)).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toHaveLength(0);
    expect(typeof ({} as Record<string, unknown>).toString).toBe('function');
  });

  it('reads formula cells as their saved results and formula-looking text as text', () => {
    const result = readOk(fixture(formulasXlsx), 'formulas.xlsx');
    expect(result.sheets[0]!.rows).toEqual([
      ['What', 'Cell'],
      ['formula =1+1, saved result 2', 2],
      ['HYPERLINK formula, saved result "x"', 'x'],
      ['DDE formula, saved result #REF!'],
      ['formula without a saved result'],
      ['text "=1+1"', '=1+1'],
      ['text HYPERLINK', '=HYPERLINK("http://evil","x")'],
      ['text DDE', "=cmd|' /C calc'!A0"],
      ['text starting with +', '+1+1'],
      ['text starting with -', '-2+3'],
      ['text starting with @', '@SUM(A1:A2)'],
    ]);
    expect(result.issues).toEqual([
      {
        severity: 'warning',
        code: 'not-a-number',
        sheet: 'Formulas',
        row: 4,
        column: 'B',
        message: '2 cells hold Excel errors or formulas without a saved result, the first at B4 (#REF!); they are read as empty.',
      },
    ]);
  });

  it('reads 100,000-character adversarial cells in well under a second', () => {
    const bytes = fixture(redosXlsx);
    const started = performance.now();
    const result = readOk(bytes, 'redos.xlsx');
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1000);
    const cells = result.sheets[0]!.rows.slice(1).flat();
    expect(cells).toHaveLength(8);
    expect(cells.every((c) => typeof c === 'string' && c.length >= 50_000)).toBe(true);
    expect(cells[0]).toBe('1'.repeat(100_000) + 'x');
    expect(cells[1]).toBe('Mar '.repeat(30_000));
  });
});

describe('readSpreadsheet: what a file is', () => {
  const pdf = textBytes('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n');
  const binary = new Uint8Array([0x01, 0x00, 0x02, 0x00, 0x7f, 0x80]);
  const cfb = (...streams: string[]): Uint8Array => {
    const container = XLSX.CFB.utils.cfb_new();
    for (const stream of streams) XLSX.CFB.utils.cfb_add(container, `/${stream}`, new Uint8Array(64));
    return new Uint8Array(XLSX.CFB.write(container, { type: 'array' }));
  };
  it.each([
    ['nothing at all', new Uint8Array(0), 'empty.csv', 'empty-file', /is empty \(0 bytes\)/],
    ['blank text', textBytes('\ufeff \r\n \n'), 'blank.csv', 'empty-file', /has no text/],
    ['a PDF named .xlsx', pdf, 'report.xlsx', 'unsupported-type', /report\.xlsx is a PDF document/],
    ['binary named .csv', binary, 'data.csv', 'unsupported-type', /not a spreadsheet/],
    ['binary named .xls', binary, 'old.xls', 'malformed-file', /an \.xls file is an Excel 97–2003 file/],
    ['CSV text named .xlsx', textBytes('a,b\n1,2\n'), 'export.xlsx', 'malformed-file', /an \.xlsx file is a zip archive and this one holds plain text/],
    ['an HTML table named .xls', textBytes('\n<html><table><tr><td>1</td></tr></table></html>'), 'report.xls', 'unsupported-type', /web page or XML/],
    ['an OpenDocument spreadsheet', workbookBytes({ S: XLSX.utils.aoa_to_sheet([[1]]) }, 'ods'), 'data.ods', 'unsupported-type', /\.ods/],
    ['an Excel binary workbook', workbookBytes({ S: XLSX.utils.aoa_to_sheet([[1]]) }, 'xlsb'), 'data.xlsb', 'unsupported-type', /\.xlsb/],
    ['a password-protected workbook', cfb('EncryptionInfo', 'EncryptedPackage'), 'secret.xlsx', 'unsupported-type', /password-protected/],
    ['a Word document', cfb('WordDocument'), 'letter.doc', 'unsupported-type', /not an Excel workbook/],
    ['a workbook without cells', workbookBytes({ Empty: XLSX.utils.aoa_to_sheet([]) }), 'empty.xlsx', 'empty-file', /no cells with data/],
  ] as const)('refuses %s', (_, bytes, name, code, message) => {
    const result: SpreadsheetResult = readSpreadsheet(bytes, name);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(!result.ok && result.error.message).toMatch(message);
  });

  it('reads tab-separated text named .xls (what many "Export to Excel" buttons write) as CSV, with a warning', () => {
    const result = readOk(textBytes('Account\tKPI\nInitech\tnps\n'), 'export.xls');
    expect(result.kind).toBe('csv');
    expect(result.sheets[0]!.rows).toEqual([['Account', 'KPI'], ['Initech', 'nps']]);
    expect(result.issues).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/holds text; it was read as CSV/) })]);
  });

  it('goes by content, not by name: a workbook named .csv is read as a workbook', () => {
    expect(readOk(fixture(longXlsx), 'long.csv').kind).toBe('xlsx');
    expect(readOk(fixture(legacyXls), 'legacy.xlsx').kind).toBe('xls');
  });
});

describe('readSpreadsheet: limits', () => {
  it.each([
    ['sheets', sheetPerMonthXlsx, 'sheet-per-month.xlsx', { maxSheets: 2 }, 'too-many-sheets', 'sheet-per-month.xlsx has 3 sheets; the limit is 2.'],
    ['rows', longXlsx, 'long.xlsx', { maxRowsPerSheet: 10 }, 'too-many-rows', 'Sheet “KPI values” of long.xlsx has 61 rows; the limit is 10 rows per sheet.'],
    ['rows (xls)', legacyXls, 'legacy.xls', { maxRowsPerSheet: 10 }, 'too-many-rows', 'Sheet “KPI values” of legacy.xls has 61 rows; the limit is 10 rows per sheet.'],
    ['rows (CSV)', longCsv, 'long.csv', { maxRowsPerSheet: 10 }, 'too-many-rows', 'long.csv has 61 rows; the limit is 10.'],
    ['cells', withAccountsSheetXlsx, 'with-accounts-sheet.xlsx', { maxCells: 250 }, 'too-many-cells', 'with-accounts-sheet.xlsx has more than 250 cells with data (the limit), counted up to sheet “Accounts”.'],
    ['cells (CSV)', longCsv, 'long.csv', { maxCells: 100 }, 'too-many-cells', 'long.csv has 244 cells; the limit is 100.'],
  ] as const)('refuses too many %s, naming the limit', (_, dataUrl, name, limits, code, message) => {
    expect(readSpreadsheet(fixture(dataUrl), name, limits)).toEqual({ ok: false, error: { code, message } });
  });

  it('reads a file exactly at the limits', () => {
    expect(readSpreadsheet(fixture(longXlsx), 'long.xlsx', { maxRowsPerSheet: 61, maxCells: 244, maxSheets: 1 }).ok).toBe(true);
  });
});

describe('readSpreadsheet: cells', () => {
  it('keeps row and column positions: row 0 is Excel row 1 even when the data starts lower', () => {
    const ws = XLSX.utils.sheet_add_aoa({}, [['Account', 'nps'], ['Initech', 12]], { origin: 'C3' });
    expect(readOk(workbookBytes({ S: ws }), 'offset.xlsx').sheets[0]!.rows).toEqual([[], [], [null, null, 'Account', 'nps'], [null, null, 'Initech', 12]]);
  });

  it('reads booleans, keeps inner empty cells as null, and cuts trailing empty cells and rows', () => {
    const ws = XLSX.utils.aoa_to_sheet([['a', null, true, null], [], [false], [null, null]]);
    expect(readOk(workbookBytes({ S: ws }), 'cells.xlsx').sheets[0]!.rows).toEqual([['a', null, true], [], [false]]);
  });

  it('reads an Excel error as empty and says where it was', () => {
    const ws = XLSX.utils.aoa_to_sheet([['Account', 'nps'], ['Initech', 1]]);
    ws['B2'] = { t: 'e', v: 0x07 };
    const result = readOk(workbookBytes({ S: ws }), 'errors.xlsx');
    expect(result.sheets[0]!.rows[1]).toEqual(['Initech']);
    expect(result.issues).toEqual([{ severity: 'warning', code: 'not-a-number', sheet: 'S', row: 2, column: 'B', message: 'B2 holds #DIV/0!; it is read as empty.' }]);
  });
});
