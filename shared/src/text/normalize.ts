/**
 * Text matching for headers, KPI names and (later) the assistant's entity resolution: case-, accent-
 * and punctuation-insensitive, so "Net Promoter Score", "net-promoter score" and "NET PROMOTER SCORE"
 * are one name.
 */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), for "did you mean" suggestions
 * and typo-tolerant matching: "nsp" is one slip away from "nps", not two.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i]!;
    const above = rows[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row[j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidate closest to `text`, if it is close enough to be a plausible typo: at most a third of the
 * longer string's length in edits (and at least one).
 */
export function closestMatch<T>(text: string, candidates: readonly { key: string; value: T }[]): T | null {
  const needle = normalizeName(text);
  let best: { distance: number; value: T } | null = null;
  for (const candidate of candidates) {
    const distance = editDistance(needle, normalizeName(candidate.key));
    const allowed = Math.max(1, Math.floor(Math.max(needle.length, candidate.key.length) / 3));
    if (distance <= allowed && (best === null || distance < best.distance)) best = { distance, value: candidate.value };
  }
  return best?.value ?? null;
}
