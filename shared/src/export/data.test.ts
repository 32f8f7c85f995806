import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../import/csv';
import { matchKpi } from '../import/headers';
import { readLongLayout, type ImportedValue } from '../import/layouts/long';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import type { AccountDoc } from '../schemas/accounts';
import type { MeasurementDoc } from '../schemas/measurements';
import { toCents } from '../units';
import { toCsv } from './csv';
import { ACCOUNTS_HEADER, dataRows, VALUES_HEADER } from './data';
import { HOSTILE_NAMES, sampleCases } from './testing';
import { toXlsx } from './xlsx';

const cases = sampleCases().map((c) => ({ name: c.tenant.name, ...c }));

/** The stored values as (account id, KPI, month) → value, ARR in cents. */
function storedValues(measurements: readonly MeasurementDoc[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of measurements) {
    for (const [kpi, cell] of Object.entries(m.values)) {
      if (cell && cell.value !== null) out.set(`${m.accountId}|${kpi}|${m.month}`, cell.value);
    }
  }
  return out;
}

/** What the import read, keyed the same way: account names back to ids, ARR from currency units to cents. */
function importedValues(values: readonly ImportedValue[], accounts: readonly AccountDoc[]): Map<string, number> {
  const idByName = new Map(accounts.map((a) => [a.name, a.id]));
  return new Map(
    values.map((v) => [`${idByName.get(v.account)}|${v.kpi}|${v.month}`, v.kpi === 'arr' ? toCents(v.value) : v.value]),
  );
}

describe('the data export', () => {
  it.each(DEFAULT_CATALOG.kpis.map((k) => [k.name, k.id]))('names %s so the import reads it back as %s', (name, id) => {
    expect(matchKpi(name)).toBe(id);
  });

  describe.each(cases)('round trip of $name', ({ docs }) => {
    const members = docs.members;
    const exported = dataRows(docs.accounts, docs.measurements, DEFAULT_CATALOG, { members });
    const stored = storedValues(docs.measurements);

    it('writes one row per stored value under the long layout header', () => {
      expect(exported.values.rows[0]).toEqual([...VALUES_HEADER]);
      expect(exported.values.rows).toHaveLength(stored.size + 1);
    });

    it('reads back from CSV with parseCsv + readLongLayout as the same values', () => {
      const csv = parseCsv(toCsv(exported.values.rows), 'export.csv');
      expect(csv.issues).toEqual([]);
      const table = readLongLayout(csv.rows, 'export.csv');
      expect(table.issues).toEqual([]);
      expect(importedValues(table.values, docs.accounts)).toEqual(stored);
      expect(new Set(table.accounts)).toEqual(new Set(docs.accounts.map((a) => a.name)));
    });

    it('reads back from the Excel workbook as the same values', async () => {
      const book = XLSX.read(await toXlsx([exported.values, exported.accounts]), { type: 'array' });
      const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[exported.values.name]!, { header: 1, raw: true });
      const table = readLongLayout(rows, exported.values.name);
      expect(table.issues).toEqual([]);
      expect(importedValues(table.values, docs.accounts)).toEqual(stored);
    });

    it('lists every account with segment, CSM and renewal date', () => {
      const [header, ...rows] = exported.accounts.rows;
      expect(header).toEqual([...ACCOUNTS_HEADER]);
      expect(rows).toHaveLength(docs.accounts.length);
      const names = new Map(members.map((m) => [m.id, m.name]));
      for (const a of docs.accounts) {
        expect(rows).toContainEqual([a.name, a.segment, names.get(a.ownerId!), a.renewalDate]);
      }
    });
  });

  it('leaves out deleted accounts, deleted measurements and cleared values, and sorts by name then month', () => {
    const { docs } = cases[0]!;
    const [first, second, third] = docs.accounts as [AccountDoc, AccountDoc, AccountDoc];
    const accounts: AccountDoc[] = [
      { ...first, name: 'Zeta' },
      { ...second, name: 'Alpha' },
      { ...third, name: 'Gone', _deleted: true },
    ];
    const measurement = (accountId: string, month: string, values: MeasurementDoc['values'], deleted = false): MeasurementDoc => ({
      ...docs.measurements[0]!,
      id: `${accountId}:${month}`,
      accountId,
      month: month as MeasurementDoc['month'],
      values,
      _deleted: deleted,
    });
    const cell = docs.measurements[0]!.values.nps!;
    const rows = dataRows(
      accounts,
      [
        measurement(first.id, '2025-09', { nps: { ...cell, value: 40 }, csat: { ...cell, value: null } }),
        measurement(first.id, '2025-08', { nps: { ...cell, value: 30 }, arr: { ...cell, value: 12_345 } }),
        measurement(second.id, '2025-09', { nps: { ...cell, value: -20 } }),
        measurement(second.id, '2025-07', { nps: { ...cell, value: 99 } }, true),
        measurement(third.id, '2025-09', { nps: { ...cell, value: 10 } }),
        measurement('acc-unknown', '2025-09', { nps: { ...cell, value: 10 } }),
      ],
      DEFAULT_CATALOG,
    );
    expect(rows.values.rows).toEqual([
      [...VALUES_HEADER],
      ['Alpha', 'Net Promoter Score', '2025-09', -20],
      ['Zeta', 'Net Promoter Score', '2025-08', 30],
      ['Zeta', 'Annual recurring revenue', '2025-08', 123.45],
      ['Zeta', 'Net Promoter Score', '2025-09', 40],
    ]);
    // Without members, the CSM column is empty rather than an id nobody can read.
    expect(rows.accounts.rows.map((r) => r[0])).toEqual(['Account', 'Alpha', 'Zeta']);
    expect(rows.accounts.rows[1]![2]).toBeNull();
  });

  it('exports hostile account names so neither file can run them', async () => {
    const { docs } = cases[0]!;
    const accounts = HOSTILE_NAMES.map((name, i) => ({ ...docs.accounts[i]!, name, segment: '=1+1' }));
    const exported = dataRows(accounts, docs.measurements, DEFAULT_CATALOG);
    const csv = toCsv(exported.values.rows);
    const texts = parseCsv(csv).rows.flat().filter((f) => !/^-?\d+(\.\d+)?$/.test(f));
    for (const text of texts) expect(text).not.toMatch(/^[\t\r]|^\s*[=+\-@]/);
    const book = XLSX.read(await toXlsx([exported.values, exported.accounts]), { type: 'array', cellFormula: true });
    for (const name of book.SheetNames) {
      for (const [address, cell] of Object.entries(book.Sheets[name]!)) {
        if (address.startsWith('!')) continue;
        expect(cell.f).toBeUndefined();
        if (cell.t === 's') expect(String(cell.v)).not.toMatch(/^[\t\r]|^\s*[=+\-@]/);
      }
    }
    // The values themselves are untouched: a hostile name costs its account nothing but a leading quote.
    expect(parseCsv(csv).rows.filter((r) => r[0] === `'${HOSTILE_NAMES[0]}`).length).toBeGreaterThan(0);
  });
});
