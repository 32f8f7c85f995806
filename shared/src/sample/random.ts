/**
 * A small seeded pseudo-random source for the sample data. The domain core has no ambient randomness:
 * every generator takes an explicit seed, so the same seed gives the same numbers on every device,
 * in every test run and on the server.
 *
 * mulberry32 is 32-bit state, fast and good enough for believable noise; it is not for anything secret.
 */

export interface Random {
  /** The next number in [0, 1). */
  next(): number;
  /** A number in (−1, 1), triangular: small deviations are likelier than large ones, like real noise. */
  jitter(): number;
}

/** The mulberry32 generator: a function returning numbers in [0, 1). `seed` is taken as an unsigned 32-bit integer. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeRandom(seed: number): Random {
  const next = mulberry32(seed);
  return {
    next,
    jitter: () => next() - next(),
  };
}

/** FNV-1a, 32-bit: a stable hash of a string (UTF-16 code units), for deriving seeds and fingerprints. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A seed of its own for one labelled stream (e.g. one account). Each account drawing from its own
 * stream means adding, removing or editing one account never reshuffles the noise of the others.
 */
export function deriveSeed(seed: number, label: string): number {
  return (hashString(label) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
}
