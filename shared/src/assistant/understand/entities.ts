/**
 * The names a question can mention, indexed once per tenant data object: accounts (full names, names
 * without "Inc"/"Co", and a distinctive first word: "Northwind"), CSMs (full, first or last name), segments,
 * KPIs, playbooks and statuses. Lookups are by normalised phrase (`normalizeName`), so case, accents and
 * punctuation never matter; typos are handled by `fuzzy.ts` on the words left over.
 */
import type { HealthStatus } from '../../health/health';
import type { PlaybookId } from '../../playbooks/definitions';
import { normalizeName } from '../../text/normalize';
import { derived, memo } from '../derived';
import type { Measure } from '../query';
import type { AssistantData } from '../types';
import { measurePhrases } from './kpi-names';
import { LEXICON } from './lexicon';

export type Entity =
  | { readonly type: 'account'; readonly id: string; readonly exact: boolean }
  | { readonly type: 'member'; readonly id: string }
  | { readonly type: 'segment'; readonly name: string }
  | { readonly type: 'measure'; readonly measure: Measure }
  | { readonly type: 'playbook'; readonly id: PlaybookId }
  | { readonly type: 'status'; readonly statuses: readonly HealthStatus[] };

/** When one phrase names two things, the earlier type wins: "SLA" is a KPI before it is anything else. */
const TYPE_PRIORITY: readonly Entity['type'][] = ['playbook', 'measure', 'status', 'segment', 'member', 'account'];

export interface EntityIndex {
  /** Normalised phrase → what it names. */
  readonly phrases: ReadonlyMap<string, Entity>;
  /** The most words any phrase has, to bound the n-grams tried. */
  readonly longest: number;
  /** Fuzzy candidates, bucketed by first letter: typos rarely hit the first letter, and this keeps 2,000 accounts fast. */
  readonly fuzzy: ReadonlyMap<string, readonly FuzzyKey[]>;
}

export interface FuzzyKey {
  readonly key: string;
  readonly words: number;
  readonly entity: Entity;
}

const PLAYBOOK_PHRASES: Readonly<Record<PlaybookId, readonly string[]>> = {
  'voc-sprint': ['voc sprint', 'voc sprints', 'voc', 'voice of customer', 'voice of the customer', 'voc playbook', 'sentiment playbook', 'voc sprint playbook'],
  'activation-blitz': ['activation blitz', 'activation blitzes', 'blitz', 'activation', 'activation playbook', 'adoption playbook'],
  'sla-stabilizer': ['sla stabilizer', 'sla stabiliser', 'sla stabilizers', 'stabilizer', 'stabiliser', 'sla playbook', 'support playbook'],
  'renewal-safeguard': ['renewal safeguard', 'renewal safeguards', 'safeguard', 'renewal playbook', 'renewal safeguard playbook'],
  'expansion-timing': ['expansion timing', 'expansion playbook', 'expansion timing playbook', 'upsell playbook'],
};

const STATUS_PHRASES: readonly (readonly [string, readonly HealthStatus[]])[] = [
  ['red', ['red']],
  ['critical', ['red']],
  ['in the red', ['red']],
  ['yellow', ['yellow']],
  ['amber', ['yellow']],
  ['orange', ['yellow']],
  ['green', ['green']],
  ['healthy', ['green']],
  ['thriving', ['green']],
  ['grey', ['unknown']],
  ['gray', ['unknown']],
  ['unknown', ['unknown']],
  ['unknown status', ['unknown']],
  ['no status', ['unknown']],
  ['not enough data', ['unknown']],
  ['insufficient data', ['unknown']],
  ['at risk', ['red', 'yellow']],
  ['risky', ['red', 'yellow']],
  ['unhealthy', ['red', 'yellow']],
  ['in trouble', ['red', 'yellow']],
  ['struggling', ['red', 'yellow']],
  ['not green', ['red', 'yellow']],
  ['red or yellow', ['red', 'yellow']],
  ['red and yellow', ['red', 'yellow']],
  ['yellow or red', ['red', 'yellow']],
  ['at risk or critical', ['red', 'yellow']],
];

/** Corporate endings people leave out: "Summit Outdoor" for "Summit Outdoor Co". */
const SUFFIXES = new Set(['co', 'inc', 'ltd', 'llc', 'corp', 'corporation', 'company', 'group', 'plc', 'gmbh', 'sa', 'ag', 'limited', 'holdings']);

function segmentVariants(segment: string): string[] {
  const key = normalizeName(segment);
  const variants = [key, `${key}s`, key.replace(/ /g, '')];
  if (key === 'smb') variants.push('small business', 'small businesses', 'smbs', 'small');
  if (key === 'mid market') variants.push('midmarket', 'mid size', 'midsize', 'mid sized', 'mm', 'mid');
  if (key === 'enterprise') variants.push('enterprises', 'large', 'ent');
  return variants;
}

function accountKeys(name: string): { full: string[]; short: string | null } {
  const key = normalizeName(name);
  const words = key.split(' ');
  const full = [key];
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1]!)) {
    words.pop();
    full.push(words.join(' '));
  }
  if (words.length >= 3) full.push(words.slice(0, 2).join(' '));
  const first = words[0] ?? '';
  return { full, short: words.length > 1 && first.length >= 4 ? first : null };
}

function memberKeys(name: string): string[] {
  const key = normalizeName(name);
  const words = key.split(' ');
  return words.length > 1 ? [key, words[0]!, words[words.length - 1]!] : [key];
}

class IndexBuilder {
  /** Every entity a phrase could name, before ambiguity is settled. */
  private readonly candidates = new Map<string, Entity[]>();

  add(phrase: string, entity: Entity): void {
    if (phrase === '') return;
    const list = this.candidates.get(phrase);
    if (list) list.push(entity);
    else this.candidates.set(phrase, [entity]);
  }

  /**
   * Settles each phrase: one meaning by type priority; two different accounts (or CSMs) under one short
   * phrase make it ambiguous, so it names neither and the question needs the full name.
   */
  build(): Map<string, Entity> {
    const phrases = new Map<string, Entity>();
    for (const [phrase, list] of this.candidates) {
      const best = [...list].sort((a, b) => TYPE_PRIORITY.indexOf(a.type) - TYPE_PRIORITY.indexOf(b.type) || exactFirst(a, b))[0]!;
      const rivals = list.filter((e) => e.type === best.type && sameKindDifferent(e, best));
      if (rivals.length > 0 && !(best.type === 'account' && best.exact && rivals.every((r) => r.type === 'account' && !r.exact))) continue;
      phrases.set(phrase, best);
    }
    return phrases;
  }
}

function exactFirst(a: Entity, b: Entity): number {
  const ea = a.type === 'account' && a.exact ? 0 : 1;
  const eb = b.type === 'account' && b.exact ? 0 : 1;
  return ea - eb;
}

function sameKindDifferent(a: Entity, b: Entity): boolean {
  if (a.type === 'account' && b.type === 'account') return a.id !== b.id;
  if (a.type === 'member' && b.type === 'member') return a.id !== b.id;
  return false;
}

function buildIndex(data: AssistantData): EntityIndex {
  const builder = new IndexBuilder();
  for (const [phrase, id] of Object.entries(PLAYBOOK_PHRASES) as [PlaybookId, readonly string[]][]) {
    for (const text of id) builder.add(normalizeName(text), { type: 'playbook', id: phrase });
  }
  for (const [phrase, measure] of measurePhrases()) builder.add(phrase, { type: 'measure', measure });
  for (const [phrase, statuses] of STATUS_PHRASES) builder.add(normalizeName(phrase), { type: 'status', statuses });
  const { accounts } = derived(data);
  for (const segment of new Set(accounts.map((a) => a.segment.trim()).filter((s) => s !== ''))) {
    for (const variant of segmentVariants(segment)) builder.add(variant, { type: 'segment', name: segment });
  }
  const owners = new Set(accounts.map((a) => a.ownerId));
  for (const member of data.members) {
    // Only people who own accounts: a question about "Alex" means an account owner, not the billing admin.
    if (!owners.has(member.id)) continue;
    const [full, ...parts] = memberKeys(member.name);
    builder.add(full!, { type: 'member', id: member.id });
    for (const part of parts) if (part.length >= 3 && !LEXICON.has(part)) builder.add(part, { type: 'member', id: member.id });
  }
  for (const account of accounts) {
    const { full, short } = accountKeys(account.name);
    for (const key of full) builder.add(key, { type: 'account', id: account.id, exact: true });
    if (short !== null && !LEXICON.has(short)) builder.add(short, { type: 'account', id: account.id, exact: false });
  }
  const phrases = builder.build();
  let longest = 1;
  const fuzzy = new Map<string, FuzzyKey[]>();
  for (const [key, entity] of phrases) {
    const words = key.split(' ').length;
    longest = Math.max(longest, words);
    // Typos are looked for in names and KPI words, not in status words or tiny keys ("mm", "sla").
    if (key.length < 3 || entity.type === 'status') continue;
    const bucket = fuzzy.get(key[0]!);
    if (bucket) bucket.push({ key, words, entity });
    else fuzzy.set(key[0]!, [{ key, words, entity }]);
  }
  return { phrases, longest: Math.min(longest, 6), fuzzy };
}

export function entityIndex(data: AssistantData): EntityIndex {
  return memo(data, 'entity-index', () => buildIndex(data));
}
