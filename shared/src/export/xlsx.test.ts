import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { toXlsx } from './xlsx';
import { HOSTILE_NAMES } from './testing';

async function readBack(bytes: Uint8Array): Promise<XLSX.WorkBook> {
  // cellFormula (the default) would surface any formula in the file as `.f`.
  return XLSX.read(bytes, { type: 'array', cellFormula: true });
}

describe('toXlsx', () => {
  it('writes each sheet in order, as a zip (an .xlsx file)', async () => {
    const bytes = await toXlsx([
      { name: 'KPI values', rows: [['Account', 'Value'], ['Acme', 85]] },
      { name: 'Accounts', rows: [['Account'], ['Acme']] },
    ]);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // "PK"
    const book = await readBack(bytes);
    expect(book.SheetNames).toEqual(['KPI values', 'Accounts']);
    expect(XLSX.utils.sheet_to_json(book.Sheets['KPI values']!, { header: 1 })).toEqual([['Account', 'Value'], ['Acme', 85]]);
  });

  it('has no formula cells, neutralised text and numeric numbers, even for hostile names', async () => {
    const rows = [['Account', 'Value'], ...HOSTILE_NAMES.map((name, i) => [name, -i - 1.5])];
    const book = await readBack(await toXlsx([{ name: 'Data', rows }]));
    const sheet = book.Sheets['Data']!;
    const cells = Object.entries(sheet).filter(([address]) => !address.startsWith('!'));
    expect(cells).toHaveLength(rows.length * 2);
    for (const [address, cell] of cells) {
      expect(cell.f, `${address} must not be a formula`).toBeUndefined();
      if (cell.t === 's') expect(/^[\t\r]|^\s*[=+\-@]/.test(String(cell.v)), `${address}: ${String(cell.v)}`).toBe(false);
    }
    HOSTILE_NAMES.forEach((name, i) => {
      expect(sheet[`A${i + 2}`]).toMatchObject({ t: 's', v: `'${name}` });
      expect(sheet[`B${i + 2}`]).toMatchObject({ t: 'n', v: -i - 1.5 });
    });
  });

  it('leaves empty cells empty and keeps booleans', async () => {
    const book = await readBack(await toXlsx([{ name: 'S', rows: [['a', null, true]] }]));
    const sheet = book.Sheets['S']!;
    expect(sheet['B1']).toBeUndefined();
    expect(sheet['C1']).toMatchObject({ t: 'b', v: true });
  });

  it.each([
    [[], /at least one sheet/],
    [[{ name: 'a/b', rows: [] }], /cannot be an Excel sheet name/],
    [[{ name: 'x'.repeat(32), rows: [] }], /cannot be an Excel sheet name/],
    [[{ name: 'Data', rows: [] }, { name: 'data', rows: [] }], /unique/],
  ])('refuses a workbook Excel would not open (%#)', async (sheets, message) => {
    await expect(toXlsx(sheets)).rejects.toThrow(message);
  });

  it('refuses a value that is not a finite number', async () => {
    await expect(toXlsx([{ name: 'S', rows: [[Number.NaN]] }])).rejects.toThrow(RangeError);
  });
});
