import { describe, expect, it } from 'vitest';
import { toPdfText } from './pdf-text';

describe('toPdfText', () => {
  it.each([
    ['Acme Corp', 'Acme Corp'],
    ['Café Müller & Søn', 'Café Müller & Søn'],
    ['“Quoted” – dashed … €5', '“Quoted” – dashed … €5'],
    ['Łódź', 'Lódz'],
    ['Dvořák Ősz', 'Dvorák Osz'],
    ['score −12', 'score -12'],
    ['≥ 75', '>= 75'],
    ['東京', '??'],
    ['rocket 🚀 co', 'rocket ? co'],
    ['two\nlines\tand  tabs', 'two lines and tabs'],
    ['e\u0301t\u00e9', 'été'],
  ])('%j → %j', (input, expected) => {
    expect(toPdfText(input)).toBe(expected);
  });
});
