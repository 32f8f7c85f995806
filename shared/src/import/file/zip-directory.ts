/**
 * The zip-bomb check: a small, bounded reader of an .xlsx's central directory that refuses an archive
 * before SheetJS unpacks anything. It reads only declared sizes (never inflates) and mirrors how SheetJS
 * 0.20.3 walks the archive (`parse_zip` / `parse_local_file` in its bundled CFB library), so the sizes
 * checked here are the sizes SheetJS will use:
 *
 * - SheetJS finds the end record by scanning back from the end for its signature, reads the entry count
 *   and the directory offset from it, and visits every directory entry;
 * - for each entry it jumps to the local header and inflates from there with a buffer preallocated to
 *   the *local header's* uncompressed size (or the zip64 size in an extra field). With a non-zero size
 *   the buffer never grows, however much the stream really holds; with size 0 it grows without bound.
 *
 * So: every size must be declared, agree between the directory and the local header, and add up to less
 * than the limit; a stream written with a data descriptor (sizes 0 in the local header, as Go's
 * archive/zip and other streaming writers do) gets the directory's size copied into its local header so
 * that SheetJS preallocates instead of growing. What a lying size can still cost is CPU time (inflating
 * into a full buffer), which the worker's time limit bounds.
 */
import { RATIO_CHECK_MIN_BYTES, formatBytes, formatCount, type SpreadsheetLimits } from './limits';

export interface ZipEntry {
  /** As SheetJS reads it: one character per byte. */
  readonly name: string;
  /** 0 stored, 8 deflated; nothing else is accepted. */
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  /** From the central directory (its zip64 field when the 32-bit one is 0xFFFFFFFF). */
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** The size SheetJS would preallocate from the local header, before `sealLocalSizes`. */
  readonly localUncompressedSize: number;
  readonly dataOffset: number;
}

export type ZipProblem = 'malformed-file' | 'unsupported-type' | 'zip-bomb' | 'too-large';

export type ZipCheck =
  | { readonly ok: true; readonly entries: readonly ZipEntry[] }
  | { readonly ok: false; readonly code: ZipProblem; readonly message: string };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const ZIP64_FIELD = 0x0001;
const U32_MAX = 0xffffffff;
/** Bit 0 encrypted, bit 6 strong encryption, bit 13 masked headers: SheetJS refuses these too. */
const ENCRYPTED_FLAGS = 0x2041;
const DATA_DESCRIPTOR_FLAG = 0x0008;
const DEFLATED = 8;
const STORED = 0;

class ZipError extends Error {
  constructor(
    readonly code: ZipProblem,
    message: string,
  ) {
    super(message);
  }
}

const damaged = (detail: string): ZipError => new ZipError('malformed-file', `it is damaged or incomplete (${detail})`);

/** Bounds-checked little-endian reads: an offset outside the file is a damaged file, never garbage. */
class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  has(offset: number, length: number): boolean {
    return Number.isInteger(offset) && offset >= 0 && offset + length <= this.bytes.length;
  }
  u16(offset: number): number {
    if (!this.has(offset, 2)) throw damaged('a record points outside the file');
    return this.view.getUint16(offset, true);
  }
  u32(offset: number): number {
    if (!this.has(offset, 4)) throw damaged('a record points outside the file');
    return this.view.getUint32(offset, true);
  }
  /** As SheetJS computes it (low + high · 2³²): exact up to 2⁵³, and anything that large fails the limits anyway. */
  u64(offset: number): number {
    return this.u32(offset) + this.u32(offset + 4) * 2 ** 32;
  }
  latin1(offset: number, length: number): string {
    if (!this.has(offset, length)) throw damaged('a file name runs past the end of the file');
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(this.bytes[offset + i]!);
    return text;
  }
}

/**
 * The zip64 extra field, found the way SheetJS's `parse_extra_field` finds it: fields are visited while
 * 4 bytes remain and the last zip64 field wins. `undefined` when there is none.
 */
function zip64Field(reader: Reader, start: number, length: number): { readonly at: number; readonly length: number } | undefined {
  let field: { at: number; length: number } | undefined;
  let at = start;
  const end = start + length;
  while (at <= end - 4) {
    const type = reader.u16(at);
    const fieldLength = reader.u16(at + 2);
    if (type === ZIP64_FIELD) {
      // SheetJS reads the first 8 bytes as the size whatever the field holds; a shorter field would feed it the next one's bytes.
      if (fieldLength < 8 || at + 4 + fieldLength > end) throw damaged('a zip64 size field is cut short');
      field = { at: at + 4, length: fieldLength };
    }
    at += 4 + fieldLength;
  }
  return field;
}

/** Offset of the end record where SheetJS looks for it: the last occurrence of its signature. */
function findEndRecord(reader: Reader): number {
  const bytes = reader.bytes;
  for (let i = bytes.length - 4; i >= 0; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return i;
  }
  return -1;
}

function readEntries(reader: Reader, limits: SpreadsheetLimits): ZipEntry[] {
  const end = findEndRecord(reader);
  if (end < 0) throw damaged('the zip directory at its end is missing, so the file was probably cut short');
  if (!reader.has(end, EOCD_SIZE) || reader.u32(end) !== EOCD_SIGNATURE) throw damaged('the zip directory record is cut short');
  const count = reader.u16(end + 8); // SheetJS uses the count on this disk
  if (count !== reader.u16(end + 10)) throw new ZipError('unsupported-type', 'it is a multi-part (spanned) zip archive');
  if (count > limits.maxZipEntries) {
    throw new ZipError(
      'zip-bomb',
      `it holds ${formatCount(count)} files; a workbook has a few dozen and the limit is ${formatCount(limits.maxZipEntries)}`,
    );
  }

  const entries: ZipEntry[] = [];
  let at = reader.u32(end + 16);
  for (let n = 0; n < count; n++) {
    if (!reader.has(at, CENTRAL_SIZE) || reader.u32(at) !== CENTRAL_SIGNATURE) throw damaged('the zip directory is cut short or overwritten');
    const flags = reader.u16(at + 8);
    const method = reader.u16(at + 10);
    let uncompressedSize = reader.u32(at + 24);
    const nameLength = reader.u16(at + 28);
    const extraLength = reader.u16(at + 30);
    const commentLength = reader.u16(at + 32);
    const localHeaderOffset = reader.u32(at + 42);
    const name = reader.latin1(at + CENTRAL_SIZE, nameLength);
    if (!reader.has(at + CENTRAL_SIZE + nameLength, extraLength)) throw damaged('the zip directory is cut short');
    let compressedSize = reader.u32(at + 20);
    const zip64 = zip64Field(reader, at + CENTRAL_SIZE + nameLength, extraLength);
    // SheetJS takes the field's first 8 bytes as the uncompressed size (when non-zero); by the zip spec the
    // compressed size follows it only when both 32-bit fields overflowed.
    const centralZip64 = zip64 ? reader.u64(zip64.at) : 0;
    if (zip64 && compressedSize === U32_MAX) {
      const offset = uncompressedSize === U32_MAX ? 8 : 0;
      if (offset + 8 > zip64.length) throw damaged('a zip64 size field is cut short');
      compressedSize = reader.u64(zip64.at + offset);
    }
    if (centralZip64) uncompressedSize = centralZip64;

    const local = localHeaderOffset;
    if (!reader.has(local, LOCAL_SIZE) || reader.u32(local) !== LOCAL_SIGNATURE) throw damaged(`the entry for ${name} points to nothing`);
    const localFlags = reader.u16(local + 6);
    const localMethod = reader.u16(local + 8);
    const localNameLength = reader.u16(local + 26);
    const localExtraLength = reader.u16(local + 28);
    if (!reader.has(local + LOCAL_SIZE, localNameLength + localExtraLength)) throw damaged(`the header of ${name} is cut short`);
    // SheetJS consults the extra fields (the local one, then the directory's) only when the local header has extras.
    let localUncompressedSize = reader.u32(local + 22);
    if (localExtraLength > 0) {
      const localZip64 = zip64Field(reader, local + LOCAL_SIZE + localNameLength, localExtraLength);
      if (localZip64 && reader.u64(localZip64.at)) localUncompressedSize = reader.u64(localZip64.at);
      if (centralZip64) localUncompressedSize = centralZip64;
    }
    if ((flags | localFlags) & ENCRYPTED_FLAGS) throw new ZipError('unsupported-type', 'its contents are encrypted');
    // SheetJS names the file and finds its data by the local header: it must say what the directory says.
    if (
      localMethod !== method ||
      (localFlags & DATA_DESCRIPTOR_FLAG) !== (flags & DATA_DESCRIPTOR_FLAG) ||
      reader.latin1(local + LOCAL_SIZE, localNameLength) !== name
    ) {
      throw damaged(`the two headers of ${name} disagree`);
    }
    const dataOffset = local + LOCAL_SIZE + localNameLength + localExtraLength;
    if (method !== STORED && method !== DEFLATED) throw new ZipError('unsupported-type', `${name} uses a compression method Excel never writes`);
    entries.push({
      name,
      method,
      flags,
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      localUncompressedSize,
      dataOffset,
    });
    at += CENTRAL_SIZE + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Deflate never grows data by more than 5 bytes per 16 KiB block plus a header: anything else is a lie. */
function largestCompressedSize(uncompressed: number): number {
  return uncompressed + 5 * Math.ceil(uncompressed / 16_384) + 64;
}

function checkSizes(reader: Reader, entries: readonly ZipEntry[], limits: SpreadsheetLimits): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    if (entry.method !== DEFLATED) continue;
    const descriptorOnly = entry.flags & DATA_DESCRIPTOR_FLAG && entry.localUncompressedSize === 0;
    if (entry.localUncompressedSize !== entry.uncompressedSize && !descriptorOnly) {
      throw damaged(`the two headers of ${entry.name} declare different sizes`);
    }
    if (entry.uncompressedSize === 0) {
      // SheetJS grows its buffer without bound for a size of 0; only the empty deflate stream (03 00) is allowed.
      const empty = reader.has(entry.dataOffset, 2) && reader.bytes[entry.dataOffset] === 0x03 && (reader.bytes[entry.dataOffset + 1]! & 0x03) === 0;
      if (!empty) throw new ZipError('zip-bomb', `${entry.name} claims to be empty but holds compressed data`);
      continue;
    }
    if (entry.compressedSize > largestCompressedSize(entry.uncompressedSize)) {
      throw new ZipError('zip-bomb', `${entry.name} declares ${formatBytes(entry.uncompressedSize)} unpacked but ${formatBytes(entry.compressedSize)} packed, which deflate cannot produce`);
    }
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize >= RATIO_CHECK_MIN_BYTES && ratio > limits.maxCompressionRatio) {
      throw new ZipError(
        'zip-bomb',
        `${entry.name} would unpack ${formatCount(Math.round(ratio))} times larger than it is (${formatBytes(entry.uncompressedSize)}); real workbooks stay below ${formatCount(limits.maxCompressionRatio)} times`,
      );
    }
  }
  if (total > limits.maxUncompressedBytes) {
    throw new ZipError('too-large', `it unpacks to ${formatBytes(total)}; the limit is ${formatBytes(limits.maxUncompressedBytes)}`);
  }
}

/** Checked after the sizes, so that a bomb whose sizes also overrun the file is called a bomb. */
function checkDataBounds(reader: Reader, entries: readonly ZipEntry[]): void {
  for (const entry of entries) {
    if (!reader.has(entry.dataOffset, entry.compressedSize)) throw damaged(`the data of ${entry.name} runs past the end of the file`);
  }
}

/** Zips that are spreadsheets of another kind, named so the message can say how to convert them. */
function checkIsXlsx(entries: readonly ZipEntry[]): void {
  const names = new Set(entries.map((e) => e.name.replace(/^\/+/, '').toLowerCase()));
  // SheetJS checks these before [Content_Types].xml, so they must be refused even when that is present.
  if (names.has('meta-inf/manifest.xml') || names.has('objectdata.xml')) {
    throw new ZipError('unsupported-type', 'it is an OpenDocument spreadsheet (.ods); save it from your spreadsheet app as .xlsx or .csv');
  }
  if (names.has('index/document.iwa') || names.has('index.zip')) {
    throw new ZipError('unsupported-type', 'it is an Apple Numbers file; export it from Numbers as .xlsx or .csv');
  }
  if ([...names].some((n) => n.endsWith('/workbook.bin') || n === 'workbook.bin')) {
    throw new ZipError('unsupported-type', 'it is an Excel binary workbook (.xlsb); save it from Excel as .xlsx');
  }
  if (!names.has('[content_types].xml')) {
    throw new ZipError('unsupported-type', 'it is a zip archive, but not an Excel workbook');
  }
}

/**
 * Reads and checks the archive. On success every deflated entry declares a size SheetJS will
 * preallocate, all sizes agree, and their sum is within the limit.
 */
export function checkZip(bytes: Uint8Array, limits: SpreadsheetLimits): ZipCheck {
  const reader = new Reader(bytes);
  try {
    const entries = readEntries(reader, limits);
    checkSizes(reader, entries, limits);
    checkDataBounds(reader, entries);
    checkIsXlsx(entries);
    return { ok: true, entries };
  } catch (error) {
    if (error instanceof ZipError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

/**
 * The bytes SheetJS should read: a copy in which every data-descriptor entry's local header carries the
 * size from the central directory, so SheetJS preallocates it instead of growing a buffer. The input is
 * returned unchanged when no entry needs it.
 */
export function sealLocalSizes(bytes: Uint8Array, entries: readonly ZipEntry[]): Uint8Array {
  const unsealed = entries.filter((e) => e.method === DEFLATED && e.localUncompressedSize !== e.uncompressedSize);
  if (unsealed.length === 0) return bytes;
  const copy = bytes.slice();
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  for (const entry of unsealed) view.setUint32(entry.localHeaderOffset + 22, entry.uncompressedSize, true);
  return copy;
}
