/**
 * Text for the PDF's standard fonts. Helvetica in a PDF speaks WinAnsi (Latin-1 plus a few typographic
 * marks); jsPDF writes anything else as bytes that show as garbage. So typographic stand-ins are mapped to
 * their plain forms, letters outside Latin-1 keep their base letter ("Łódź" → "Lódz", "ő" → "o"),
 * and what has no Latin form (CJK, emoji) becomes "?" rather than mojibake.
 */

/**
 * WinAnsi's characters in 0x80…0x9F, which Latin-1 leaves to control codes. A string, not a Set: a
 * constructor call at module level would stay in every bundle that imports `@vitals/shared`.
 */
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

const STAND_INS: Readonly<Record<string, string>> = {
  '\u2212': '-', // minus sign
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2191': 'up',
  '\u2193': 'down',
  '\u0141': 'L', // Ł and ł have no decomposition
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
};

function printable(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.includes(char);
}

function convert(char: string): string {
  if (printable(char)) return char;
  const standIn = STAND_INS[char];
  if (standIn !== undefined) return standIn;
  if (/\s/.test(char)) return ' ';
  const code = char.codePointAt(0)!;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return ' ';
  // Letters with accents Latin-1 lacks keep their base letter; combining marks alone are dropped.
  const base = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  if (base === '') return '';
  return [...base].every(printable) ? base : '?';
}

/** The text as Helvetica in a PDF can show it: one line, WinAnsi characters only. */
export function toPdfText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) out += convert(char);
  return out.replace(/ {2,}/g, ' ').trim();
}
