import { describe, expect, it } from 'vitest';
import { DEFAULT_SPREADSHEET_LIMITS, type SpreadsheetLimits } from './limits';
import { checkZip, sealLocalSizes } from './zip-directory';

const MiB = 1024 * 1024;
/** The empty deflate stream: a final fixed-Huffman block holding only end-of-block. */
const EMPTY_DEFLATE = [0x03, 0x00];

interface EntrySpec {
  readonly name: string;
  /** The bytes stored after the local header (nothing here is ever inflated). */
  readonly data?: readonly number[];
  readonly method?: number;
  readonly flags?: number;
  readonly usz?: number;
  readonly csz?: number;
  /** Uncompressed size in the local header, when it differs from the directory's. */
  readonly localUsz?: number;
  readonly localMethod?: number;
  /** A zip64 extra field (its first 8 bytes: the uncompressed size) in the directory entry. */
  readonly zip64Usz?: number;
  /** A different name in the local header (same length, so the data still lines up). */
  readonly localName?: string;
  /** Point the directory entry at an earlier entry's local header instead of writing one. */
  readonly localOf?: number;
}

/**
 * A zip archive written field by field, so each test can make its headers say what it needs.
 * `comment` bytes go after the end record (where a fake second end record can hide).
 */
function buildZip(specs: readonly EntrySpec[], options: { comment?: readonly number[]; directoryOffset?: number } = {}): Uint8Array {
  const out: number[] = [];
  const put = (...parts: (readonly number[])[]): void => {
    for (const part of parts) for (const byte of part) out.push(byte);
  };
  const u16 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff];
  const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
  const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
  const offsets: number[] = [];
  for (const e of specs) {
    const data = e.data ?? EMPTY_DEFLATE;
    if (e.localOf !== undefined) {
      offsets.push(offsets[e.localOf]!);
      continue;
    }
    offsets.push(out.length);
    const usz = e.localUsz ?? e.usz ?? 0;
    put(u32(0x04034b50), u16(20), u16(e.flags ?? 0), u16(e.localMethod ?? e.method ?? 8), u32(0), u32(0));
    put(u32(e.csz ?? data.length), u32(usz), u16(e.name.length), u16(0), ascii(e.localName ?? e.name), data);
  }
  const directoryStart = out.length;
  specs.forEach((e, i) => {
    const extra = e.zip64Usz === undefined ? [] : [...u16(1), ...u16(16), ...u32(e.zip64Usz % 2 ** 32), ...u32(Math.floor(e.zip64Usz / 2 ** 32)), ...u32(0), ...u32(0)];
    put(u32(0x02014b50), u16(20), u16(20), u16(e.flags ?? 0), u16(e.method ?? 8), u32(0), u32(0));
    put(u32(e.csz ?? (e.data ?? EMPTY_DEFLATE).length), u32(e.zip64Usz === undefined ? (e.usz ?? 0) : 0xffffffff));
    put(u16(e.name.length), u16(extra.length), u16(0), u16(0), u16(0), u32(0), u32(offsets[i]!), ascii(e.name), extra);
  });
  const directorySize = out.length - directoryStart;
  const comment = options.comment ?? [];
  put(u32(0x06054b50), u16(0), u16(0), u16(specs.length), u16(specs.length), u32(directorySize));
  put(u32(options.directoryOffset ?? directoryStart), u16(comment.length), comment);
  return new Uint8Array(out);
}

const TYPES: EntrySpec = { name: '[Content_Types].xml', data: [1, 2, 3, 4, 5, 6, 7, 8], usz: 100 };
const sheet = (spec: Partial<EntrySpec> = {}): EntrySpec => ({ name: 'xl/worksheets/sheet1.xml', data: [9, 9, 9, 9], usz: 40, ...spec });

function check(bytes: Uint8Array, limits: Partial<SpreadsheetLimits> = {}) {
  return checkZip(bytes, { ...DEFAULT_SPREADSHEET_LIMITS, ...limits });
}

describe('checkZip', () => {
  it('lists the entries of an honest archive with their declared sizes', () => {
    const result = check(buildZip([TYPES, sheet()]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.entries.map((e) => [e.name, e.method, e.compressedSize, e.uncompressedSize, e.localUncompressedSize])).toEqual([
      ['[Content_Types].xml', 8, 8, 100, 100],
      ['xl/worksheets/sheet1.xml', 8, 4, 40, 40],
    ]);
  });

  it.each([
    ['no end record (cut short)', buildZip([TYPES]).slice(0, 40), 'malformed-file', /cut short/],
    ['a directory offset past the end', buildZip([TYPES], { directoryOffset: 10_000 }), 'malformed-file', /cut short or overwritten/],
    ['headers that disagree on the size', buildZip([TYPES, sheet({ usz: 40, localUsz: 4000 })]), 'malformed-file', /declare different sizes/],
    ['headers that disagree on the method', buildZip([TYPES, sheet({ method: 0, localMethod: 8 })]), 'malformed-file', /disagree/],
    ['headers that disagree on the name', buildZip([TYPES, sheet({ localName: 'xl/worksheets/sheet9.xml' })]), 'malformed-file', /disagree/],
    ['packed data that runs past the end', buildZip([TYPES, sheet({ usz: 9000, csz: 8000 })]), 'malformed-file', /runs past the end/],
    ['an encrypted entry', buildZip([TYPES, sheet({ flags: 1 })]), 'unsupported-type', /encrypted/],
    ['bzip2 compression', buildZip([TYPES, sheet({ method: 12 })]), 'unsupported-type', /compression method/],
    ['a size of 0 over compressed data', buildZip([TYPES, sheet({ usz: 0 })]), 'zip-bomb', /claims to be empty/],
    ['more packed bytes than deflate can produce', buildZip([TYPES, sheet({ usz: 10, data: new Array<number>(5000).fill(0) })]), 'zip-bomb', /deflate cannot produce/],
    ['an absurd ratio', buildZip([TYPES, sheet({ usz: 300 * MiB, csz: 100_000 })]), 'zip-bomb', /3,146 times larger .*300 MB.*below 200 times/],
    ['a zip64 size over the limit', buildZip([TYPES, sheet({ zip64Usz: 2 ** 40, usz: 0, csz: 4, flags: 0x0008 })]), 'zip-bomb', /times larger/],
    ['a zip64 size the local header does not repeat', buildZip([TYPES, sheet({ zip64Usz: 2 ** 40, csz: 4 })]), 'malformed-file', /declare different sizes/],
    ['an OpenDocument spreadsheet', buildZip([{ name: 'META-INF/manifest.xml' }, TYPES]), 'unsupported-type', /\.ods/],
    ['an Apple Numbers file', buildZip([{ name: 'Index/Document.iwa' }]), 'unsupported-type', /Numbers/],
    ['an Excel binary workbook', buildZip([TYPES, { name: 'xl/workbook.bin' }]), 'unsupported-type', /\.xlsb/],
    ['a zip of something else', buildZip([{ name: 'word/document.xml' }]), 'unsupported-type', /not an Excel workbook/],
  ] as const)('refuses %s', (_, bytes, code, message) => {
    const result = check(bytes);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('refuses a declared total over the limit as too large when every ratio is plausible', () => {
    const big = (n: number): EntrySpec => sheet({ name: `xl/worksheets/sheet${n}.xml`, usz: 150 * MiB, csz: 15 * MiB });
    expect(check(buildZip([TYPES, big(1), big(2)]))).toEqual({ ok: false, code: 'too-large', message: 'it unpacks to 300 MB; the limit is 200 MB' });
  });

  it('counts every directory entry, even entries that share one local file (overlapping-file bombs)', () => {
    const big = sheet({ usz: 1.2 * MiB, data: new Array<number>(12_000).fill(0) });
    const limits = { maxUncompressedBytes: 2 * MiB };
    expect(check(buildZip([TYPES, big]), limits).ok).toBe(true);
    // A second directory entry pointing at the same local header: SheetJS would unpack it twice.
    expect(check(buildZip([TYPES, big, { ...big, localOf: 1 }]), limits)).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('refuses more entries than the limit before reading them', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}` }));
    expect(check(buildZip([TYPES, ...many]), { maxZipEntries: 4 })).toMatchObject({ ok: false, code: 'zip-bomb', message: expect.stringMatching(/holds 6 files.*limit is 4/) });
  });

  it('allows the empty deflate stream under a size of 0', () => {
    expect(check(buildZip([TYPES, { name: 'xl/empty.xml', data: EMPTY_DEFLATE, usz: 0 }])).ok).toBe(true);
  });

  it('checks the directory SheetJS reads: the last end record, even one hidden in a comment', () => {
    const honest = buildZip([TYPES, sheet()]);
    // A second end record in the comment pointing at a directory that does not exist there.
    const fake = [0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0, 46, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0];
    const withFake = buildZip([TYPES, sheet()], { comment: fake });
    expect(check(honest).ok).toBe(true);
    expect(check(withFake)).toMatchObject({ ok: false, code: 'malformed-file' });
  });
});

describe('sealLocalSizes', () => {
  it('copies the directory size into the local header of a data-descriptor entry, so SheetJS preallocates it', () => {
    const bytes = buildZip([TYPES, sheet({ flags: 0x0008, usz: 40, localUsz: 0 })]);
    const result = check(bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const entry = result.entries[1]!;
    expect(entry.localUncompressedSize).toBe(0);
    const sealed = sealLocalSizes(bytes, result.entries);
    expect(sealed).not.toBe(bytes);
    const view = new DataView(sealed.buffer, sealed.byteOffset);
    expect(view.getUint32(entry.localHeaderOffset + 22, true)).toBe(40);
    expect(new DataView(bytes.buffer).getUint32(entry.localHeaderOffset + 22, true)).toBe(0); // the input is untouched
    const again = check(sealed);
    expect(again.ok && again.entries[1]!.localUncompressedSize).toBe(40);
  });

  it('returns the same bytes when every local header already declares its size', () => {
    const bytes = buildZip([TYPES, sheet()]);
    const result = check(bytes);
    expect(result.ok && sealLocalSizes(bytes, result.entries)).toBe(bytes);
  });
});
