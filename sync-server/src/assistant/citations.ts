/**
 * Which citations an analytical answer keeps: of everything the tools returned and retrieval found, those
 * the answer's text actually names (by label, id, or for a month also "June 2025"), so the device links what
 * the user reads. When the text names none of the tools' citations (the model paraphrased), all of them are
 * kept: the numbers came from those accounts and months either way. Retrieved runs are kept only when named,
 * since retrieval offers context the model may rightly ignore.
 */
import type { Citation } from '@vitals/shared';

/** The stored message's bound (shared/src/schemas/conversations.ts). */
export const CITATIONS_MAX = 50;

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** Whole-word containment: "Ace" is not named by "Acer". */
function names(text: string, phrase: string): boolean {
  const needle = fold(phrase).trim();
  if (needle.length < 2) return false;
  let at = text.indexOf(needle);
  while (at >= 0) {
    const before = text[at - 1];
    const after = text[at + needle.length];
    if (!isWordChar(before) && !isWordChar(after)) return true;
    at = text.indexOf(needle, at + 1);
  }
  return false;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

function phrasesOf(citation: Citation): string[] {
  const phrases = [citation.label, citation.ref];
  if (citation.kind === 'month') {
    const [year, month] = citation.ref.split('-');
    const name = MONTH_NAMES[Number(month) - 1];
    if (name) phrases.push(`${name} ${year}`, `${name.slice(0, 3)} ${year}`);
  }
  // A run's label ends with its state in brackets; the model names the run without them.
  if (citation.kind === 'playbook_run') phrases.push(citation.label.replace(/\s*\(.*\)\s*$/, ''));
  return phrases;
}

export function isNamedIn(text: string, citation: Citation): boolean {
  const folded = fold(text);
  return phrasesOf(citation).some((phrase) => names(folded, phrase));
}

function unique(citations: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = `${c.kind}:${c.ref}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function usedCitations(
  text: string,
  sources: { readonly tools: readonly Citation[]; readonly retrieval: readonly Citation[] },
): Citation[] {
  const tools = unique(sources.tools);
  const namedTools = tools.filter((c) => isNamedIn(text, c));
  const namedRuns = unique(sources.retrieval).filter((c) => isNamedIn(text, c));
  return unique([...(namedTools.length > 0 ? namedTools : tools), ...namedRuns]).slice(0, CITATIONS_MAX);
}
