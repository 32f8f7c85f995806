/**
 * Shortening alert texts to fit where they go: the alerts schema counts UTF-16 code units, a push record
 * counts UTF-8 bytes. Either way a cut must never split a surrogate pair, which would leave a lone half
 * that shows as "�" on the phone.
 */

export const ELLIPSIS = '…';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** At most `maxLength` UTF-16 code units, ending in "…" when something was cut. */
export function clipText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength < ELLIPSIS.length) return '';
  let end = maxLength - ELLIPSIS.length;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/** The first `count` code points of `text`, with "…" when something was cut. */
export function clipCodePoints(codePoints: readonly string[], count: number): string {
  if (count >= codePoints.length) return codePoints.join('');
  return `${codePoints.slice(0, count).join('').trimEnd()}${ELLIPSIS}`;
}

/**
 * Bytes of the text in UTF-8, computed by hand: `shared/` has neither `TextEncoder` (DOM, Node) nor `Buffer`.
 * A lone surrogate counts 3 bytes, as the encoder's replacement character does.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
