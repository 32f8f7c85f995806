import { describe, expect, it } from 'vitest';
import {
  LEXICAL_DIMENSIONS,
  LEXICAL_EMBEDDER_ID,
  cosine,
  lexicalEmbedding,
  lexicalTokens,
  stemLite,
} from './lexical-embedding';

const PINNED = { sponsor: [240], phrase: [240, 493, 708] };

const notes = {
  sponsor: 'Met the new executive sponsors; they want a quarterly business review.',
  sla: 'Every open P2 ticket has an owner; weekend support cover added.',
  adoption: 'Ran two admin trainings and switched on single sign-on for all seats.',
  renewal: 'The acquirer standardises on its own platform; no path to renewal.',
};

function rank(query: string): string[] {
  const q = lexicalEmbedding(query);
  return Object.entries(notes)
    .map(([key, text]) => ({ key, score: cosine(q, lexicalEmbedding(text)) }))
    .sort((a, b) => b.score - a.score)
    .map((r) => r.key);
}

describe('lexical embedding', () => {
  it('is a unit vector of the documented size', () => {
    const vector = lexicalEmbedding(notes.sponsor);
    expect(vector).toHaveLength(LEXICAL_DIMENSIONS);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 10);
  });

  it('is deterministic: the same text always gives the same vector', () => {
    expect(lexicalEmbedding(notes.sla)).toEqual(lexicalEmbedding(`${notes.sla}`));
  });

  it.each([
    ['executive sponsor', 'sponsor'],
    ['Which runs dealt with SLA tickets and support?', 'sla'],
    ['training admins for adoption', 'adoption'],
    ['accounts lost at renewal to an acquirer', 'renewal'],
  ])('ranks the note that shares words with "%s" first', (query, expected) => {
    expect(rank(query)[0]).toBe(expected);
  });

  it('ignores case, accents, punctuation and stop words', () => {
    expect(
      cosine(lexicalEmbedding('Exécutive SPONSOR!'), lexicalEmbedding('the executive sponsor')),
    ).toBeCloseTo(1, 10);
  });

  it('matches plurals and verb forms to one stem', () => {
    expect(cosine(lexicalEmbedding('meetings'), lexicalEmbedding('meeting'))).toBeCloseTo(1, 10);
    expect(cosine(lexicalEmbedding('escalated'), lexicalEmbedding('escalate'))).toBeCloseTo(1, 10);
  });

  it('scores a shared phrase above the same words in another order', () => {
    const phrase = lexicalEmbedding('sponsor left the company');
    expect(cosine(phrase, lexicalEmbedding('the sponsor left'))).toBeGreaterThan(
      cosine(phrase, lexicalEmbedding('left, then a sponsor')),
    );
  });

  it('gives unrelated texts a similarity near zero', () => {
    expect(
      cosine(lexicalEmbedding('weekend ticket cover'), lexicalEmbedding('quarterly business review')),
    ).toBeLessThan(0.1);
  });

  it('gives a text without words a zero vector, similar to nothing', () => {
    const empty = lexicalEmbedding(' — ?! ');
    expect(empty.every((x) => x === 0)).toBe(true);
    expect(cosine(empty, lexicalEmbedding('sponsor'))).toBe(0);
  });

  it.each([
    ['meetings', 'meet'],
    ['studies', 'study'],
    ['fixes', 'fix'],
    ['notes', 'not'],
    ['noted', 'not'],
    ['escalated', 'escalat'],
    ['escalate', 'escalat'],
    ['agree', 'agree'],
    ['status', 'status'],
    ['red', 'red'],
    ['need', 'need'],
    ['2025', '2025'],
  ])('stems %s as %s', (word, stem) => {
    expect(stemLite(word)).toBe(stem);
  });

  it('keeps numbers as tokens', () => {
    expect(lexicalTokens('NPS fell to 30 in 2025-09')).toEqual(['nps', 'fell', '30', '2025', '09']);
  });

  it('is pinned: a change of recipe must come with a new embedder id (stored vectors would not match)', () => {
    const buckets = (text: string): number[] =>
      lexicalEmbedding(text).flatMap((x, i) => (x === 0 ? [] : [i]));
    expect(LEXICAL_EMBEDDER_ID).toBe('lexical-v1-1024');
    expect({ sponsor: buckets('sponsor'), phrase: buckets('executive sponsor') }).toEqual(PINNED);
  });
});
