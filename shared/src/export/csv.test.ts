import { describe, expect, it } from 'vitest';
import { parseCsv } from '../import/csv';
import { isFormulaLike } from './cells';
import { toCsv, UTF8_BOM } from './csv';
import { HOSTILE_NAMES } from './testing';

describe('toCsv', () => {
  it('starts with a UTF-8 byte order mark and ends every line with CRLF', () => {
    const csv = toCsv([
      ['Account', 'Value'],
      ['Müller GmbH', 1],
    ]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(`${UTF8_BOM}Account,Value\r\nMüller GmbH,1\r\n`);
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes only the fields that need it (RFC 4180)', () => {
    const csv = toCsv([['a,b', 'say "hi"', 'two\nlines', 'plain', null, true, 0.25]]);
    expect(csv).toBe(`${UTF8_BOM}"a,b","say ""hi""","two\nlines",plain,,TRUE,0.25\r\n`);
  });

  it('neutralises formula text and writes it so it reads back as that text', () => {
    const rows = [['Account', 'Value'], ...HOSTILE_NAMES.map((name, i) => [name, -i - 1])];
    const csv = toCsv(rows);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")",-1\r\n`);
    expect(csv).toContain(`'+cmd|' /C calc'!A0,-2\r\n`);
    expect(csv).toContain(`'@SUM(1),-3\r\n`);
    expect(csv).toContain(`'-2+3,-4\r\n`);
    const read = parseCsv(csv).rows;
    // As a spreadsheet reads the file: every field is a plain number or text that cannot start a formula.
    for (const field of read.flat()) expect(/^-?\d+(\.\d+)?$/.test(field) || !isFormulaLike(field)).toBe(true);
    expect(read.slice(1).map((r) => r[0])).toEqual(HOSTILE_NAMES.map((n) => `'${n}`));
    // Negative numbers are written as numbers, unquoted and unprefixed.
    expect(read.slice(1).map((r) => r[1])).toEqual(HOSTILE_NAMES.map((_, i) => String(-i - 1)));
  });
});
