import { describe, expect, it } from 'vitest';
import { slugify } from './tenants';

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

describe('slugify', () => {
  it.each([
    ['Acme Corp', 'acme-corp'],
    ['Ärzte & Co. GmbH', 'arzte-co-gmbh'],
    ['  --Hello--  ', 'hello'],
    ['X', 'workspace'],
    ['日本語', 'workspace'],
    ['a'.repeat(100), 'a'.repeat(56)],
    [`${'a'.repeat(55)} b`, 'a'.repeat(55)],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(`${slugify(name)}-999`).toMatch(SLUG);
  });
});
