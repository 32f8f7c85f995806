/**
 * Typo tolerance for the words a question's exact lookups left over: "Nortwind", "kestrl biotec", "nsp",
 * "utilizaton". A phrase matches a name when it is within a few edits (fewer for short words) and starts with
 * the same letter: people rarely mistype the first letter, and requiring it keeps a 2,000-account lookup to
 * one bucket.
 */
import { editDistance } from '../../text/normalize';
import type { Entity, EntityIndex } from './entities';
import { LEXICON } from './lexicon';

/** Edits allowed for a name of this length: one up to 4 letters, two up to 8, then three. */
export function allowedEdits(length: number): number {
  return length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

function closest(phrase: string, words: number, candidates: readonly { key: string; words: number }[]): { key: string; distance: number } | null {
  let best: { key: string; distance: number } | null = null;
  for (const candidate of candidates) {
    if (candidate.words !== words) continue;
    const allowed = Math.min(allowedEdits(Math.min(candidate.key.length, phrase.length)), Math.max(1, Math.floor(Math.max(phrase.length, candidate.key.length) / 3)));
    if (Math.abs(candidate.key.length - phrase.length) > allowed) continue;
    const distance = editDistance(phrase, candidate.key);
    if (distance <= allowed && (best === null || distance < best.distance)) best = { key: candidate.key, distance };
  }
  return best;
}

/** The entity a mistyped phrase most likely names, or `null`. */
export function fuzzyEntity(phrase: string, index: EntityIndex): Entity | null {
  const bucket = index.fuzzy.get(phrase[0] ?? '');
  // Accounts need 4 letters before a typo is guessed: three-letter slips are too often another word.
  if (!bucket || phrase.length < 3) return null;
  const words = phrase.split(' ').length;
  const found = closest(phrase, words, phrase.length < 4 ? bucket.filter((k) => k.entity.type === 'measure') : bucket);
  return found ? (index.phrases.get(found.key) ?? null) : null;
}

const LEXICON_BUCKETS: ReadonlyMap<string, readonly { key: string; words: number }[]> = (() => {
  const buckets = new Map<string, { key: string; words: number }[]>();
  for (const word of LEXICON) {
    if (word.length < 5) continue;
    const bucket = buckets.get(word[0]!);
    if (bucket) bucket.push({ key: word, words: 1 });
    else buckets.set(word[0]!, [{ key: word, words: 1 }]);
  }
  return buckets;
})();

/** A mistyped ordinary word ("acounts", "renwals"): one edit away from a word of the lexicon of 5+ letters. */
export function correctedWord(word: string): string | null {
  if (word.length < 5) return null;
  let best: { key: string; distance: number } | null = null;
  for (const candidate of LEXICON_BUCKETS.get(word[0]!) ?? []) {
    if (Math.abs(candidate.key.length - word.length) > 1) continue;
    const distance = editDistance(word, candidate.key);
    if (distance <= 1 && (best === null || distance < best.distance)) best = { key: candidate.key, distance };
  }
  return best?.key ?? null;
}
