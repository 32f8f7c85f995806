/**
 * Numbers as people type them in spreadsheets: "85%", "$1,200,000", "1.2M", "12 days", "−10", "(500)".
 * Percent signs are dropped, not divided: KPI percentages are stored as 0…100.
 */
export type ParsedValue = { ok: true; value: number } | { ok: false; reason: 'empty' | 'not-a-number' };

const SUFFIX_MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9 };
const UNIT_WORDS = /\s*(days?|d|hours?|hrs?|h|months?|users?|meetings?|tickets?|pts?|points?|x)$/i;
const CURRENCY = /^[$€£¥]|^(usd|eur|gbp)\s*|\s*(usd|eur|gbp)$/i;

export function parseNumericValue(input: unknown): ParsedValue {
  if (typeof input === 'number') return Number.isFinite(input) ? { ok: true, value: input } : { ok: false, reason: 'not-a-number' };
  if (typeof input !== 'string') return { ok: false, reason: input === null || input === undefined ? 'empty' : 'not-a-number' };
  let text = input.trim().replace(/\u2212/g, '-').replace(/\u00a0/g, ' ');
  if (text === '') return { ok: false, reason: 'empty' };
  let sign = 1;
  const accounting = /^\((.*)\)$/.exec(text);
  if (accounting) {
    sign = -1;
    text = accounting[1]!.trim();
  }
  if (text.startsWith('-')) {
    sign *= -1;
    text = text.slice(1).trim();
  } else if (text.startsWith('+')) {
    text = text.slice(1).trim();
  }
  text = text.replace(CURRENCY, '').trim().replace(UNIT_WORDS, '').replace(/%$/, '').trim();
  let multiplier = 1;
  const suffix = /^(.*?)\s*(k|mm|m|bn|b)$/i.exec(text);
  if (suffix) {
    multiplier = SUFFIX_MULTIPLIERS[suffix[2]!.toLowerCase()]!;
    text = suffix[1]!;
  }
  // Thousands separators only in their proper places, so "1,2" is not silently read as 12.
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
  if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return { ok: false, reason: 'not-a-number' };
  const value = sign * Number(text) * multiplier;
  return Number.isFinite(value) ? { ok: true, value: cleanFloat(value) } : { ok: false, reason: 'not-a-number' };
}

/** 1.2 × 1e6 is 1199999.9999999998 in floating point; people wrote 1,200,000. */
function cleanFloat(value: number): number {
  return Number.parseFloat(value.toPrecision(12));
}
