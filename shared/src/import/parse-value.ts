/**
 * Numbers as people type them in spreadsheets: "85%", "$1,200,000", "1.2M", "12 days", "−10", "(500)",
 * and the European forms "1 234,5", "1.234,5", "12,5". Percent signs are dropped, not divided: KPI
 * percentages are stored as 0…100.
 *
 * Separators: a comma followed by exactly three digits is a thousands separator ("1,234" is 1234, as Excel
 * in English reads it); any other comma is a decimal comma ("12,5" is 12.5, "1234,567" is 1234.567). Spaces
 * and apostrophes group thousands ("1 234 567", "1'234"); dots group thousands only where they cannot be a
 * decimal point ("1.234.567", "1.234,5"). Anything else — "1,2,3", "12..5", "1.2.3" — is not a number.
 *
 * Text longer than any number is refused before a pattern runs: a hostile 100k-character cell costs one
 * length check, and every pattern below is anchored and unambiguous besides.
 */
export type ParsedValue = { ok: true; value: number } | { ok: false; reason: 'empty' | 'not-a-number' };

const NUMBER_TEXT_MAX_LENGTH = 64;

const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['k', 1e3],
  ['m', 1e6],
  ['mm', 1e6],
  ['b', 1e9],
  ['bn', 1e9],
]);
const UNIT_WORDS = /\s*(?:days?|d|hours?|hrs?|h|months?|users?|meetings?|tickets?|pts?|points?|x)$/i;
const CURRENCY_PREFIX = /^(?:[$€£¥]|usd|eur|gbp|chf)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:[$€£¥]|usd|eur|gbp|chf)$/i;
const MULTIPLIER_SUFFIX = /\s*(k|mm|m|bn|b)$/i;
/** No-break, figure, thin and narrow no-break spaces: what locales put between thousands. */
const SPACES = /[\u00a0\u2007\u2009\u202f]/g;

const notANumber: ParsedValue = { ok: false, reason: 'not-a-number' };

/** The digits of a number with its separators, or `null`. */
function readDigits(text: string): number | null {
  if (/^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(text)) return Number(text);
  // 1,200,000 and 1,200,000.50
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text)) return Number(text.replace(/,/g, ''));
  // 1 234 567, 1'234.5, 1 234,5
  if (/^\d{1,3}(?:[ '’]\d{3})+(?:[.,]\d+)?$/.test(text)) return Number(text.replace(/[ '’]/g, '').replace(',', '.'));
  // 1.234,5 and 1.234.567
  if (/^\d{1,3}(?:\.\d{3})+,\d+$/.test(text) || /^\d{1,3}(?:\.\d{3}){2,}$/.test(text)) {
    return Number(text.replace(/\./g, '').replace(',', '.'));
  }
  // 12,5: a decimal comma (a comma before exactly three digits was read as thousands above)
  if (/^\d+,\d+$/.test(text)) return Number(text.replace(',', '.'));
  return null;
}

export function parseNumericValue(input: unknown): ParsedValue {
  if (typeof input === 'number') return Number.isFinite(input) ? { ok: true, value: input } : notANumber;
  if (typeof input !== 'string') return input === null || input === undefined ? { ok: false, reason: 'empty' } : notANumber;
  let text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  if (text.length > NUMBER_TEXT_MAX_LENGTH) return notANumber;
  text = text.replace(/\u2212/g, '-').replace(SPACES, ' ');
  let sign = 1;
  if (text.startsWith('(') && text.endsWith(')')) {
    // Accounting notation: (500) is −500.
    sign = -1;
    text = text.slice(1, -1).trim();
  }
  if (text.startsWith('-')) {
    sign *= -1;
    text = text.slice(1).trim();
  } else if (text.startsWith('+')) {
    text = text.slice(1).trim();
  }
  text = text.replace(CURRENCY_PREFIX, '').replace(CURRENCY_SUFFIX, '').replace(UNIT_WORDS, '').replace(/\s*%$/, '').trim();
  let multiplier = 1;
  const suffix = MULTIPLIER_SUFFIX.exec(text);
  if (suffix) {
    multiplier = MULTIPLIERS.get(suffix[1]!.toLowerCase())!;
    text = text.slice(0, suffix.index);
  }
  const digits = readDigits(text);
  if (digits === null) return notANumber;
  const value = sign * digits * multiplier;
  return Number.isFinite(value) ? { ok: true, value: cleanFloat(value) } : notANumber;
}

/** 1.2 × 1e6 is 1199999.9999999998 in floating point; people wrote 1,200,000. */
function cleanFloat(value: number): number {
  return Number.parseFloat(value.toPrecision(12));
}
