/**
 * The key accounts are matched by: case-, accent-, spacing- and punctuation-insensitive, so "ACME, Inc."
 * and "Acme Inc" are one account. It agrees with `normalizeName` (text/normalize.ts) on Latin text but keeps
 * letters of every script: `normalizeName` drops non-Latin letters, which would make "Ромашка" and "Лютик"
 * (both `''`) or "Acme Россия" and "Acme Україна" (both `acme`) one account.
 */
const MARKS = /\p{M}+/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

export function accountKey(name: string): string {
  const key = name
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(NOT_LETTER_OR_DIGIT, ' ')
    .trim();
  // A name of punctuation only ("—") still needs a key of its own.
  return key === '' ? name.trim() : key;
}
