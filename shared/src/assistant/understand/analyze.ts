/**
 * A question taken apart: its words (typos corrected where they are one slip from a known word), the
 * entities it names, the period, window and count it gives, its follow-up words, and the words nobody
 * understood. The classifier decides on this alone.
 */
import type { HealthStatus } from '../../health/health';
import type { PlaybookId } from '../../playbooks/definitions';
import { editDistance, normalizeName } from '../../text/normalize';
import { monthOfDate } from '../../time/months';
import type { Month } from '../../units';
import { derived } from '../derived';
import type { Measure, Period } from '../query';
import type { AssistantData } from '../types';
import { entityIndex, type Entity, type EntityIndex } from './entities';
import { correctedWord, fuzzyEntity } from './fuzzy';
import { LEXICON, numberWord } from './lexicon';
import { findPeriod, findWindow } from './periods';

export interface Span {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly entity: Entity;
}

export interface Analysis {
  /** Normalised words, typos of known words corrected. */
  readonly tokens: readonly string[];
  /** The words outside entity names: where cue words are looked for ("renewal" in "Renewal Safeguard" is not one). */
  readonly free: ReadonlySet<string>;
  /** `tokens` joined with spaces, padded with a space each side, for phrase tests. */
  readonly text: string;
  readonly spans: readonly Span[];
  /** Accounts in the order named, each once. */
  readonly accounts: readonly string[];
  readonly members: readonly string[];
  readonly segments: readonly string[];
  readonly measures: readonly Measure[];
  readonly playbooks: readonly PlaybookId[];
  readonly statuses: readonly (readonly HealthStatus[])[];
  /** Words neither known nor part of a name: any makes the question analytical. */
  readonly unknown: readonly string[];
  readonly period: Period | null;
  /** Days from today ("next 90 days"), for renewals. */
  readonly windowDays: number | null;
  /** A count outside periods and names ("top 5", "ten worst"). */
  readonly count: number | null;
  /** "it", "its", "that account" → one; "them", "those", "they" → all. */
  readonly pronoun: 'single' | 'plural' | null;
  /** "what about X?", "and X?", "same for X": the previous question again with something changed. */
  readonly substitution: boolean;
}

const SINGLE_PRONOUNS = new Set(['it', 'its']);
const PLURAL_PRONOUNS = new Set(['them', 'they', 'their', 'those', 'these', 'both']);
/** Typos repaired per question: real questions have one or two. */
const MAX_REPAIRS = 6;
const PLURAL_NOUNS = new Set(['accounts', 'customers', 'clients', 'companies', 'logos', 'accts']);
const SUBSTITUTION = /^ (?:ok |okay |so )?(?:and )?(?:what about|how about|what of|same for|same thing for|same question for|also for|now for|now do|now|and for|and) /;

function splitGlued(text: string): string {
  // "top5", "last3" are one word to normalizeName; the count must stand alone.
  return text.replace(/\b(top|bottom|last|next|worst|best)(\d+)\b/gi, '$1 $2');
}

function exactSpans(tokens: readonly string[], index: EntityIndex): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < tokens.length) {
    let matched = 0;
    for (let length = Math.min(index.longest, tokens.length - i); length >= 1; length--) {
      const entity = index.phrases.get(tokens.slice(i, i + length).join(' '));
      if (entity) {
        spans.push({ start: i, end: i + length, entity });
        matched = length;
        break;
      }
    }
    i += matched > 0 ? matched : 1;
  }
  return spans;
}

function isKnown(token: string): boolean {
  return LEXICON.has(token) || numberWord(token) !== null || /^\d+$/.test(token) || /^(q[1-4]|h[12]|20\d\d)$/.test(token);
}

/**
 * Leftover unknown words: runs of them are tried as a mistyped name (longest first), then each alone as a
 * mistyped ordinary word. Returns the new spans; corrected words are written into `tokens`.
 */
function repairUnknown(tokens: string[], covered: boolean[], index: EntityIndex): Span[] {
  const spans: Span[] = [];
  const unknownAt = (i: number): boolean => !covered[i] && !isKnown(tokens[i]!);
  // A question with this many unknown words is analytical whatever a repair finds; trying would only cost time
  // (a pasted paragraph of 300 words took 70 ms on 2,000 accounts).
  if (tokens.filter((_, i) => unknownAt(i)).length > MAX_REPAIRS) return spans;
  for (let i = 0; i < tokens.length; i++) {
    if (!unknownAt(i)) continue;
    let found = false;
    for (let length = 3; length >= 1 && !found; length--) {
      // A name's run may include known words ("kestrl biotech" has one typo), but must start at the unknown word or end there.
      for (const start of [i, i - length + 1]) {
        const end = start + length;
        if (start < 0 || end > tokens.length || tokens.slice(start, end).some((_, k) => covered[start + k])) continue;
        const entity = fuzzyEntity(tokens.slice(start, end).join(' '), index);
        if (entity && entity.type !== 'status') {
          spans.push({ start, end, entity: entity.type === 'account' ? { ...entity, exact: false } : entity });
          for (let k = start; k < end; k++) covered[k] = true;
          found = true;
          break;
        }
      }
    }
    if (!found) {
      const corrected = correctedWord(tokens[i]!);
      if (corrected !== null) tokens[i] = corrected;
    }
  }
  return spans;
}

/** "Helios Solr": after a short match ("helios"), the next words may be the rest of the name, mistyped. */
function absorbNameTails(tokens: readonly string[], covered: boolean[], spans: Span[], data: AssistantData): void {
  const accounts = derived(data).accountById;
  for (let s = 0; s < spans.length; s++) {
    const span = spans[s]!;
    if (span.entity.type !== 'account') continue;
    const name = normalizeName(accounts.get(span.entity.id)?.name ?? '').split(' ');
    let end = span.end;
    let nameAt = span.end - span.start;
    while (end < tokens.length && nameAt < name.length && !covered[end]) {
      const word = tokens[end]!;
      const target = name[nameAt]!;
      if (word !== target && (word[0] !== target[0] || editDistance(word, target) > Math.max(1, Math.floor(target.length / 3)))) break;
      covered[end] = true;
      end++;
      nameAt++;
    }
    spans[s] = { ...span, end };
  }
}

function pronounOf(tokens: readonly string[], free: ReadonlySet<string>): Analysis['pronoun'] {
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!;
    if (!free.has(word)) continue;
    // "Which accounts grew their ARR?": "their" points back inside the question, not to the previous turn.
    if (PLURAL_PRONOUNS.has(word)) {
      if (tokens.slice(0, i).some((t) => PLURAL_NOUNS.has(t))) continue;
      return 'plural';
    }
    if (SINGLE_PRONOUNS.has(word)) return 'single';
    if ((word === 'that' || word === 'this' || word === 'same') && /^(account|customer|client|company|one|logo)$/.test(tokens[i + 1] ?? '')) return 'single';
  }
  return null;
}

function countOutside(text: string, blocked: readonly (readonly [number, number])[]): number | null {
  const pattern = /\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|dozen)\b/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const at = match.index;
    if (blocked.some(([from, to]) => at >= from && at < to)) continue;
    // "one" is a pronoun more often than a count ("that one", "which one").
    if (match[1] === 'one' && !/\b(top|bottom|worst|best|first) one\b/.test(text)) continue;
    return numberWord(match[1]!);
  }
  return null;
}

/** Character offsets of each token in `tokens.join(' ')` padded with one leading space. */
function tokenOffsets(tokens: readonly string[]): number[] {
  const offsets: number[] = [];
  let at = 1;
  for (const token of tokens) {
    offsets.push(at);
    at += token.length + 1;
  }
  return offsets;
}

function anchorMonth(data: AssistantData): Month {
  return derived(data).latest ?? monthOfDate(data.today);
}

export function analyze(question: string, data: AssistantData): Analysis {
  const index = entityIndex(data);
  const tokens = normalizeName(splitGlued(question)).split(' ').filter((t) => t !== '');
  const spans = exactSpans(tokens, index);
  const covered = tokens.map(() => false);
  for (const span of spans) for (let k = span.start; k < span.end; k++) covered[k] = true;
  absorbNameTails(tokens, covered, spans, data);
  spans.push(...repairUnknown(tokens, covered, index));
  spans.sort((a, b) => a.start - b.start);

  const free = new Set(tokens.filter((_, i) => !covered[i]));
  const unknown = tokens.filter((t, i) => !covered[i] && !isKnown(t));
  const text = ` ${tokens.join(' ')} `;
  const entities = spans.map((s) => s.entity);
  const unique = <T>(items: T[]): T[] => [...new Set(items)];
  const period = findPeriod(text, anchorMonth(data));
  const window = findWindow(text, data.today);
  const offsets = tokenOffsets(tokens);
  const blocked: (readonly [number, number])[] = [
    ...(period?.spans ?? []),
    ...(window?.spans ?? []),
    ...spans.map((s) => [offsets[s.start]!, offsets[s.end - 1]! + tokens[s.end - 1]!.length] as const),
  ];
  return {
    tokens,
    free,
    text,
    spans,
    accounts: unique(entities.flatMap((e) => (e.type === 'account' ? [e.id] : []))),
    members: unique(entities.flatMap((e) => (e.type === 'member' ? [e.id] : []))),
    segments: unique(entities.flatMap((e) => (e.type === 'segment' ? [e.name] : []))),
    measures: unique(entities.flatMap((e) => (e.type === 'measure' ? [e.measure] : []))),
    playbooks: unique(entities.flatMap((e) => (e.type === 'playbook' ? [e.id] : []))),
    statuses: entities.flatMap((e) => (e.type === 'status' ? [e.statuses] : [])),
    unknown,
    period: period?.value ?? null,
    windowDays: window?.value ?? null,
    count: countOutside(text, blocked),
    pronoun: pronounOf(tokens, free),
    substitution: SUBSTITUTION.test(text),
  };
}
