/**
 * Writes the spreadsheet import fixtures into shared/src/import/fixtures/ (run: npx tsx scripts/write-import-fixtures.ts).
 * Byte-for-byte reproducible: SheetJS writes no timestamps, and the hand-made zips use a fixed date and
 * deterministic filler. The ordinary fixtures hold one portfolio (fixtures/dataset.ts) in every layout;
 * the hostile ones are built by hand where SheetJS would refuse to write them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import type { KpiId } from '../shared/src/kpi/catalog';
import {
  FIXTURE_ACCOUNTS,
  FIXTURE_KPIS,
  FIXTURE_MONTHS,
  FIXTURE_MONTH_SERIALS,
  FIXTURE_MONTH_SHEETS,
  fixtureKpiName,
  fixtureValues,
} from '../shared/src/import/fixtures/dataset';
import { DEFAULT_SPREADSHEET_LIMITS } from '../shared/src/import/file/limits';
import { checkZip } from '../shared/src/import/file/zip-directory';

const dir = new URL('../shared/src/import/fixtures/', import.meta.url);
const MiB = 1024 * 1024;

type Cell = string | number | boolean | null | XLSX.CellObject;

function sheet(rows: readonly (readonly Cell[])[]): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  let width = 0;
  rows.forEach((row, r) => {
    width = Math.max(width, row.length);
    row.forEach((cell, c) => {
      if (cell === null) return;
      const address = XLSX.utils.encode_cell({ r, c });
      ws[address] = typeof cell === 'object' ? cell : typeof cell === 'number' ? { t: 'n', v: cell } : typeof cell === 'boolean' ? { t: 'b', v: cell } : { t: 's', v: cell };
    });
  });
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(rows.length - 1, 0), c: Math.max(width - 1, 0) } });
  return ws;
}

function workbook(sheets: readonly (readonly [string, readonly (readonly Cell[])[]])[], bookType: XLSX.BookType = 'xlsx'): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of sheets) XLSX.utils.book_append_sheet(wb, sheet(rows), name);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType, compression: true }) as ArrayBuffer);
}

/** A date cell as Excel stores it: the serial number with a date format. */
const dateCell = (serial: number, format = 'yyyy-mm-dd'): XLSX.CellObject => ({ t: 'n', v: serial, z: format });

// ---- the portfolio in each layout -------------------------------------------------------------------

const values = fixtureValues();
const monthIndex = (month: string): number => FIXTURE_MONTHS.indexOf(month as (typeof FIXTURE_MONTHS)[number]);

const longRows = (month: (m: number) => Cell, kpi: (id: KpiId) => string): Cell[][] => [
  ['Account', 'KPI', 'Month', 'Value'],
  ...values.map((v) => [v.account, kpi(v.kpi), month(monthIndex(v.month)), v.value]),
];

/** Month headers as people type them. */
const MONTH_TEXT = ['Mar 2025', 'Apr 2025', 'May 2025'] as const;

const wideRows: Cell[][] = [
  ['Account', 'KPI', ...MONTH_TEXT],
  ...FIXTURE_ACCOUNTS.flatMap((a) => FIXTURE_KPIS.map((id, k) => [a.name, fixtureKpiName(id), ...a.values[k]!])),
];

const monthSheet = (m: number): Cell[][] => [
  ['Account', ...FIXTURE_KPIS.map(fixtureKpiName)],
  ...FIXTURE_ACCOUNTS.map((a) => [a.name, ...a.values.map((series) => series[m]!)]),
];

const accountRows: Cell[][] = [
  ['Account', 'Segment', 'CSM', 'Renewal date'],
  ...FIXTURE_ACCOUNTS.map((a) => [a.name, a.segment, a.csm, dateCell(a.renewal)]),
];

const csv = (rows: readonly (readonly Cell[])[], separator: string, lineEnd: string): string =>
  rows.map((row) => row.map((cell) => String(cell)).join(separator)).join(lineEnd) + lineEnd;

// ---- hand-made zips -----------------------------------------------------------------------------------

interface ZipInput {
  readonly name: string;
  readonly data: Uint8Array;
  /** Sizes in the headers instead of the true ones (a lying archive). */
  readonly declaredSize?: number;
  /** Write sizes 0 in the local header and a data descriptor after the data, as streaming writers do. */
  readonly dataDescriptor?: boolean;
  /** Keep only this many bytes of the deflate stream (declared as its compressed size). */
  readonly cutStreamAt?: number;
  /** Place the entry after the end record (readers find it through the directory, wherever it is). */
  readonly afterDirectory?: boolean;
}

/** 2025-01-01 00:00 in MS-DOS format, for every entry. */
const DOS_TIME = 0;
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;

function zip(files: readonly ZipInput[]): Uint8Array {
  const records = files.map((file) => {
    const name = Buffer.from(file.name, 'utf8');
    const deflated = deflateRawSync(file.data, { level: 9 });
    const packed = file.cutStreamAt === undefined ? deflated : deflated.subarray(0, file.cutStreamAt);
    const crc = crc32(file.data);
    const usz = file.declaredSize ?? file.data.length;
    const csz = file.declaredSize ?? packed.length;
    const flags = file.dataDescriptor ? 0x0008 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(file.dataDescriptor ? 0 : crc, 14);
    local.writeUInt32LE(file.dataDescriptor ? 0 : csz, 18);
    local.writeUInt32LE(file.dataDescriptor ? 0 : usz, 22);
    local.writeUInt16LE(name.length, 26);
    const parts = [local, name, packed];
    if (file.dataDescriptor) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(csz, 8);
      descriptor.writeUInt32LE(usz, 12);
      parts.push(descriptor);
    }
    return { file, name, flags, crc, usz, csz, bytes: Buffer.concat(parts), offset: 0 };
  });
  const before = records.filter((r) => !r.file.afterDirectory);
  const after = records.filter((r) => r.file.afterDirectory);
  const directoryLength = records.reduce((sum, r) => sum + 46 + r.name.length, 0);
  let offset = 0;
  for (const r of before) {
    r.offset = offset;
    offset += r.bytes.length;
  }
  const directoryStart = offset;
  offset += directoryLength + 22;
  for (const r of after) {
    r.offset = offset;
    offset += r.bytes.length;
  }

  const central = records.map((r) => {
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(r.flags, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(DOS_TIME, 12);
    entry.writeUInt16LE(DOS_DATE, 14);
    entry.writeUInt32LE(r.crc, 16);
    entry.writeUInt32LE(r.csz, 20);
    entry.writeUInt32LE(r.usz, 24);
    entry.writeUInt16LE(r.name.length, 28);
    entry.writeUInt32LE(r.offset, 42);
    return Buffer.concat([entry, r.name]);
  });
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directoryLength, 12);
  end.writeUInt32LE(directoryStart, 16);
  return new Uint8Array(Buffer.concat([...before.map((r) => r.bytes), ...central, end, ...after.map((r) => r.bytes)]));
}

/** The files of a SheetJS-written .xlsx, unpacked, to write again in another zip style. */
function unzip(bytes: Uint8Array): ZipInput[] {
  const check = checkZip(bytes, DEFAULT_SPREADSHEET_LIMITS);
  if (!check.ok) throw new Error(check.message);
  return check.entries.map((e) => {
    const packed = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    return { name: e.name, data: e.method === 8 ? new Uint8Array(inflateRawSync(packed)) : packed };
  });
}

const CONTENT_TYPES = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
);

/** Deterministic filler (a linear congruential generator), so "garbage" is the same on every run. */
function garbage(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

// ---- the files ---------------------------------------------------------------------------------------

const long = workbook([['KPI values', longRows((m) => dateCell(FIXTURE_MONTH_SERIALS[m]!, 'mmm yyyy'), (id) => id)]]);

/**
 * Adversarial text for every regular expression that will meet it: long digit runs, month names,
 * currency, separators. Longer than Excel's 32,767 characters per cell, which SheetJS refuses to write,
 * so placeholders are written and replaced in the sheet XML.
 */
const ADVERSARIAL = [
  '1'.repeat(100_000) + 'x',
  'Mar '.repeat(30_000),
  '$'.repeat(50_000) + '1,000',
  '1,'.repeat(50_000) + 'x',
  '2025-'.repeat(20_000),
  'net '.repeat(25_000) + 'promoter',
  '3/'.repeat(50_000),
  '('.repeat(50_000) + '1',
] as const;

function redos(): Uint8Array {
  const placeholder = (i: number): string => `ADVERSARIAL_${i}_END`;
  const rows: Cell[][] = [['Account', 'KPI', 'Month', 'Value']];
  for (let i = 0; i < ADVERSARIAL.length; i += 4) rows.push([0, 1, 2, 3].map((k) => placeholder(i + k)));
  const files = unzip(workbook([['Sheet1', rows]])).map((file) => {
    let text = Buffer.from(file.data).toString('utf8');
    // A replacer function: in a replacement string, "$$" would become "$".
    ADVERSARIAL.forEach((value, i) => (text = text.replace(placeholder(i), () => value)));
    return { ...file, data: new Uint8Array(Buffer.from(text, 'utf8')) };
  });
  return zip(files);
}

const fixtures: Record<string, Uint8Array | string> = {
  'wide.xlsx': workbook([['Health', wideRows]]),
  'long.xlsx': long,
  'sheet-per-month.xlsx': workbook(FIXTURE_MONTH_SHEETS.map((name, m) => [name, monthSheet(m)] as const)),
  'with-accounts-sheet.xlsx': workbook([
    ['KPI values', longRows((m) => FIXTURE_MONTHS[m]!, (id) => id)],
    ['Accounts', accountRows],
  ]),
  'legacy.xls': workbook([['KPI values', longRows((m) => FIXTURE_MONTHS[m]!, fixtureKpiName)]], 'biff8'),
  'long.csv': csv(longRows((m) => FIXTURE_MONTHS[m]!, (id) => id), ',', '\n'),
  // Excel's "CSV" in a European locale: semicolons, CRLF, a byte-order mark, month names.
  'semicolon.csv': '\ufeff' + csv(longRows((m) => MONTH_TEXT[m]!, fixtureKpiName), ';', '\r\n'),
  // Go's archive/zip and other streaming writers: sizes only in data descriptors after each file.
  'streamed.xlsx': zip(unzip(long).map((f) => ({ ...f, dataDescriptor: true }))),

  // ---- hostile ----
  'malformed.xlsx': new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...garbage(4096, 1)]),
  'truncated.xlsx': long.slice(0, Math.floor(long.length / 2)),
  // 256 MiB of zeros in one sheet: ~250 KB on disk, 1,000× its size unpacked.
  'bomb.xlsx': zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(256 * MiB) },
  ]),
  // The same trick with honest-looking sizes: both headers claim the entry unpacks to its packed size.
  'bomb-lying-size.xlsx': (() => {
    const data = new Uint8Array(64 * MiB);
    return zip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'xl/worksheets/sheet1.xml', data, declaredSize: deflateRawSync(data, { level: 9 }).length },
    ]);
  })(),
  // Sizes 0 everywhere: SheetJS would grow its buffer for as long as the stream lasts.
  'bomb-zero-size.xlsx': zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(MiB), declaredSize: 0, dataDescriptor: true },
  ]),
  // The last entry's deflate stream is cut mid-block and sits at the very end of the file, after the
  // directory. Every declared size is honest and in bounds, so the zip check passes; SheetJS's inflater
  // then reads zeros past the end, never meets the end of the block, and spins forever in a bounded
  // buffer. Only the worker's time limit stops it.
  'endless-stream.xlsx': (() => {
    const [types, ...rest] = unzip(long);
    return zip([...rest, { ...types!, cutStreamAt: 200, afterDirectory: true }]);
  })(),
  'proto-keys.xlsx': workbook([
    ['__proto__', [['__proto__', 'constructor', 'prototype', 'polluted'], ['__proto__', 'constructor', 'toString', 1]]],
    ['constructor', [['Account', 'hasOwnProperty'], ['__proto__', 'valueOf']]],
    ['toString', [['polluted'], [true]]],
  ]),
  'redos.xlsx': redos(),
  'formulas.xlsx': workbook([
    [
      'Formulas',
      [
        ['What', 'Cell'],
        ['formula =1+1, saved result 2', { t: 'n', v: 2, f: '1+1' }],
        ['HYPERLINK formula, saved result "x"', { t: 's', v: 'x', f: 'HYPERLINK("http://evil","x")' }],
        ['DDE formula, saved result #REF!', { t: 'e', v: 0x17, f: "cmd|' /C calc'!A0" }],
        ['formula without a saved result', { t: 'n', f: 'SUM(1,2)' } as XLSX.CellObject],
        ['text "=1+1"', '=1+1'],
        ['text HYPERLINK', '=HYPERLINK("http://evil","x")'],
        ['text DDE', "=cmd|' /C calc'!A0"],
        ['text starting with +', '+1+1'],
        ['text starting with -', '-2+3'],
        ['text starting with @', '@SUM(A1:A2)'],
      ],
    ],
  ]),
  // Windows "CSV" (code page 1252): é is the single byte E9, invalid as UTF-8.
  'cp1252.csv': new Uint8Array(Buffer.from('Account,KPI,Month,Value\nCaf\u00e9 Ol\u00e9,nps,2025-03,42\n', 'latin1')),
};


await mkdir(dir, { recursive: true });
for (const [name, content] of Object.entries(fixtures)) {
  await writeFile(new URL(name, dir), content);
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  process.stdout.write(`wrote shared/src/import/fixtures/${name} (${(size / 1024).toFixed(1)} KB)\n`);
}
