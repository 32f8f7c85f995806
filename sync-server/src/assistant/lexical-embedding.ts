/**
 * The embedding used when no OpenAI-compatible endpoint is configured: deterministic, free, offline, and
 * good enough to find a run note that shares words with the question ("executive sponsor" finds "met the
 * new executive sponsors"). It does not know synonyms; a configured embedding model does.
 *
 * Recipe (version 1; changing any step changes `LEXICAL_EMBEDDER_ID`, which re-indexes every tenant):
 * 1. Normalise: NFKD, drop diacritics, lower-case; tokens are runs of letters and digits.
 * 2. Drop a short list of English stop words; keep tokens of 2+ characters (and any number).
 * 3. Stem lite: strip up to two plural / -ing / -ed endings, then a final "e", each only when at least 3
 *    characters remain ("meetings" → "meet", "escalated" and "escalate" → "escalat", "studies" → "study").
 * 4. Features: every unigram, and every bigram of neighbouring kept tokens (word order carries meaning:
 *    "sponsor left" is not "left sponsor").
 * 5. Hash each feature with 32-bit FNV-1a into one of 1024 buckets. Unsigned on purpose: with a sign bit, two
 *    colliding features of opposite sign can cancel a word the texts really share (seen in testing); unsigned,
 *    a collision can only add a little similarity, which the retrieval's minimum score absorbs.
 * 6. Weight: 1 + ln(count) per feature (a word said five times is not five times as relevant);
 *    bigrams weigh 1.5 (a shared phrase says more than two shared words).
 * 7. L2-normalise, so the dot product of two vectors is their cosine similarity.
 */

export const LEXICAL_DIMENSIONS = 1024;
export const LEXICAL_EMBEDDER_ID = `lexical-v1-${LEXICAL_DIMENSIONS}`;

const BIGRAM_WEIGHT = 1.5;

const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have how i if in into is it its ' +
    'me my no not of on or our so than that the their them then there these they this those to us was we were ' +
    'what when where which who why will with would you your'
  ).split(' '),
);

/** Step 3. */
export function stemLite(token: string): string {
  if (/^\d/.test(token)) return token;
  const stem = stripSuffix(stripSuffix(token));
  return stem.length > 3 && stem.endsWith('e') && !stem.endsWith('ee') ? stem.slice(0, -1) : stem;
}

/** One suffix at most, and never below a 3-character stem. */
function stripSuffix(token: string): string {
  const rules: readonly (readonly [suffix: string, replacement: string])[] = [
    ['ies', 'y'],
    ['sses', 'ss'],
    ['ing', ''],
    ['ed', ''],
    ['es', ''],
    ['s', ''],
  ];
  for (const [suffix, replacement] of rules) {
    if (!token.endsWith(suffix)) continue;
    // "es" only after s/x/z/ch/sh ("fixes" → "fix", but "notes" → "note" by the "s" rule).
    if (suffix === 'es' && !/(s|x|z|ch|sh)es$/.test(token)) continue;
    if (suffix === 's' && /(ss|us|is)$/.test(token)) return token;
    const stem = token.slice(0, token.length - suffix.length) + replacement;
    if (stem.length >= 3) return stem;
  }
  return token;
}

/** Steps 1–3: the tokens that count, in order. */
export function lexicalTokens(text: string): string[] {
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const tokens: string[] = [];
  for (const raw of plain.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (STOP_WORDS.has(raw)) continue;
    if (raw.length < 2 && !/^\d$/.test(raw)) continue;
    tokens.push(stemLite(raw));
  }
  return tokens;
}

/** 32-bit FNV-1a over the UTF-16 code units: tiny, fast and stable across platforms and releases. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function features(tokens: readonly string[]): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (feature: string, weight: number): void => {
    weights.set(feature, (weights.get(feature) ?? 0) + weight);
  };
  tokens.forEach((token, i) => {
    add(`u:${token}`, 1);
    if (i > 0) add(`b:${tokens[i - 1]} ${token}`, BIGRAM_WEIGHT);
  });
  return weights;
}

/** The text's vector: `LEXICAL_DIMENSIONS` numbers, unit length (all zeros for a text with no words). */
export function lexicalEmbedding(text: string): number[] {
  const vector = new Array<number>(LEXICAL_DIMENSIONS).fill(0);
  for (const [feature, total] of features(lexicalTokens(text))) {
    const bucket = fnv1a(feature) % LEXICAL_DIMENSIONS;
    const isBigram = feature.startsWith('b:');
    const base = isBigram ? BIGRAM_WEIGHT : 1;
    // `total` is count × base weight; sublinear in the count.
    vector[bucket]! += base * (1 + Math.log(total / base));
  }
  return normalise(vector);
}

export function normalise(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((x) => x / norm);
}

/** Cosine similarity; 0 when either vector is all zeros. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
