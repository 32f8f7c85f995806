/**
 * Bytes of a CSV file → text. Excel writes UTF-8 with a byte-order mark ("CSV UTF-8"), UTF-16 with one
 * ("Unicode text") or, for plain "CSV", the Windows code page, which for the languages we see is 1252.
 */
interface Decoder {
  decode(bytes: Uint8Array): string;
}
type DecoderConstructor = new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => Decoder;

/**
 * The WHATWG TextDecoder of browsers, workers and Node: pure computation, but not in the ES library
 * this package compiles against (no DOM, no Node types), hence the one cast.
 */
const TextDecoderClass = (globalThis as unknown as { TextDecoder: DecoderConstructor }).TextDecoder;

export interface DecodedText {
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** True when no byte-order mark said so and the bytes were not valid UTF-8. */
  readonly guessed: boolean;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoderClass('utf-16le').decode(bytes), encoding: 'utf-16le', guessed: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoderClass('utf-16be').decode(bytes), encoding: 'utf-16be', guessed: false };
  try {
    return { text: new TextDecoderClass('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', guessed: false };
  } catch {
    // Not UTF-8: Excel's plain "CSV" on Windows. Every byte is a character in 1252, so this cannot fail.
    return { text: new TextDecoderClass('windows-1252').decode(bytes), encoding: 'windows-1252', guessed: true };
  }
}
