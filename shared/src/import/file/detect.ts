/**
 * What a file is, judged by its first bytes; the name's extension is only a hint for the message.
 * The magic numbers are the ones SheetJS itself dispatches on, so bytes that we call a zip are bytes
 * that SheetJS reads as a zip, and the zip checks look at exactly what SheetJS will unpack.
 */
export type DetectedKind =
  | { readonly kind: 'zip' }
  | { readonly kind: 'cfb' }
  | { readonly kind: 'text' }
  | { readonly kind: 'binary'; readonly what: string | null };

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/** Formats people upload by mistake, named so the message can say what the file is. */
const OTHER_MAGIC: readonly (readonly [readonly number[], string])[] = [
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'], // %PDF-
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'], // GIF8
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x52, 0x61, 0x72, 0x21], 'a RAR archive'], // Rar!
  [[0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive'],
];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** How far to look for NUL bytes, which text never holds (UTF-16 text is recognised by its BOM first). */
const TEXT_SNIFF_BYTES = 8192;

export function detectKind(bytes: Uint8Array): DetectedKind {
  // SheetJS: 'P' 'K' followed by two bytes below 9 (local header 03 04, empty archive 05 06, spanned 07 08).
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2]! < 9 && bytes[3]! < 9) return { kind: 'zip' };
  if (startsWith(bytes, CFB_MAGIC)) return { kind: 'cfb' };
  for (const [magic, what] of OTHER_MAGIC) if (startsWith(bytes, magic)) return { kind: 'binary', what };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return { kind: 'text' };
  const end = Math.min(bytes.length, TEXT_SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return { kind: 'binary', what: null };
  return { kind: 'text' };
}

/** "Q3 report.XLSX" → "xlsx"; "" when there is none. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}
