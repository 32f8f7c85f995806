/**
 * Deterministic or analytical (DOMAIN.md "The assistant"): a question is answered on the device only when
 * it matches one of the 16 templates with every entity resolved and every word understood. Anything else
 * goes to the server's model, which reads numbers through the same templates (tools.ts).
 */
import type { KpiId } from '../kpi/catalog';
import { runQuery } from './templates';
import { sanitizeTurnContext, emptyTurnContext } from './context';
import type { AssistantQuery } from './query';
import type { AssistantAnswer, AssistantData, QuestionKind, TemplateId, TurnContext } from './types';
import { analyze, type Analysis } from './understand/analyze';
import { onlyEntities, substitute } from './understand/follow-up';
import { OPEN_ENDED, POLITE_OPENERS, REQUEST_VERBS } from './understand/lexicon';
import { matchRules, type Question } from './understand/match';

/** Why a question was not answered on the device: shown to people as "needs the server's analysis". */
export type AnalyticalReason =
  /** It asks for writing, advice, a forecast or an explanation across accounts. */
  | 'open_ended'
  /** A word no template knows, or a name that is not an account, CSM, segment, KPI or playbook. */
  | 'unknown_words'
  /** Every word is known, but no template asks this. */
  | 'no_template'
  /** "it", "them" with no previous turn to say who. */
  | 'unresolved_reference'
  | 'empty';

export interface Classification {
  readonly kind: QuestionKind;
  readonly template: TemplateId | null;
  /** The template's query with entities resolved; `null` for an analytical question. */
  readonly query: AssistantQuery | null;
  readonly reason: AnalyticalReason | null;
  /** Words nobody understood (for "I don't know 'Zephyr'"), in question order. */
  readonly unknownWords: readonly string[];
}

const WHY_WORDS = ['why', 'reason', 'reasons', 'cause', 'causes', 'causing'];

/** Few words and no names: a question leaning on the one before ("bottom 5?", "why?"). */
const TERSE_WORDS = 3;

function isOpenEnded(a: Analysis): boolean {
  const { tokens, text } = a;
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!;
    if (!OPEN_ENDED.has(word) || !a.free.has(word)) continue;
    // "Can you list…", "tell me the top 5…": a request, not a question about what could be.
    if (POLITE_OPENERS.has(word) && REQUEST_VERBS.has(tokens[i + 1] ?? '') && !/ (can|could|should) (i|we) (do|improve|fix|help|save|prevent|reduce|increase|get) /.test(text)) continue;
    // "Which accounts will renew…" asks for a date on file, not a forecast.
    if (word === 'will' && /^renew/.test(tokens[i + 1] ?? '') ) continue;
    return true;
  }
  if (/ (how|what) (can|could|should|do|would|might) (i|we) /.test(text) || / should (i|we) /.test(text) || / what if /.test(text)) return true;
  // "Why" across accounts ("why are enterprise accounts churning", "top reasons for churn") has no template;
  // "why is Kestrel red" does.
  return WHY_WORDS.some((w) => a.free.has(w)) && a.accounts.length === 0 && a.pronoun === null;
}

function questionOf(a: Analysis, previous: TurnContext, data: AssistantData): Question {
  const named = a.accounts.length + a.members.length + a.segments.length + a.measures.length + a.playbooks.length;
  const terse = a.tokens.length <= TERSE_WORDS && named === 0 && previous.template !== null;
  const impliedPronoun = terse && a.pronoun === null && previous.accountIds.length > 0 ? (previous.accountIds.length > 1 ? 'plural' : 'single') : a.pronoun;
  const analysis: Analysis = { ...a, pronoun: impliedPronoun };
  return { a: analysis, previous, data, followUp: a.substitution || a.pronoun !== null || terse };
}

function analytical(reason: AnalyticalReason, unknownWords: readonly string[] = []): Classification {
  return { kind: 'analytical', template: null, query: null, reason, unknownWords };
}

function classifyAnalysis(a: Analysis, previous: TurnContext, data: AssistantData): Classification {
  if (a.tokens.length === 0) return analytical('empty');
  const q = questionOf(a, previous, data);
  if (isOpenEnded(q.a)) return analytical('open_ended', a.unknown);
  if (a.unknown.length > 0) return analytical('unknown_words', a.unknown);
  if (a.pronoun !== null && a.accounts.length === 0 && previous.accountIds.length === 0) return analytical('unresolved_reference');
  const query = (a.substitution && onlyEntities(q) ? substitute(q) : null) ?? matchRules(q);
  if (!query) return analytical('no_template');
  return { kind: 'deterministic', template: query.template, query, reason: null, unknownWords: [] };
}

export function classifyQuestion(question: string, data: AssistantData, previous?: TurnContext | null): Classification {
  return classifyAnalysis(analyze(question, data), sanitizeTurnContext(previous ?? emptyTurnContext()), data);
}

/** What the device says when the server must answer: plain about what happens next, online or not. */
export const ANALYTICAL_ANSWER =
  "This question needs the server's analysis: the assistant on the server will answer it from the same numbers, " +
  'citing the accounts and months it used. If you are offline, it is queued and answered when the connection returns.';

/** The previous context with anything the question itself named, so "draft an email to Northwind" then "how is it doing?" works. */
function carriedContext(a: Analysis, previous: TurnContext): TurnContext {
  return {
    ...previous,
    accountIds: a.accounts.length > 0 ? [...a.accounts] : previous.accountIds,
    kpi: a.measures.find((m): m is KpiId => m !== 'score') ?? previous.kpi,
    playbookId: a.playbooks[0] ?? previous.playbookId,
    segment: a.segments[0] ?? previous.segment,
    ownerId: a.members[0] ?? previous.ownerId,
    period: a.period ?? previous.period,
    template: null,
    settings: null,
  };
}

export function answerQuestion(question: string, data: AssistantData, previous?: TurnContext | null): AssistantAnswer {
  const context = sanitizeTurnContext(previous ?? emptyTurnContext());
  const a = analyze(question, data);
  const classification = classifyAnalysis(a, context, data);
  if (classification.query) return runQuery(classification.query, data);
  return {
    kind: 'analytical',
    template: null,
    answer: ANALYTICAL_ANSWER,
    columns: [],
    rows: [],
    chart: null,
    citations: [],
    context: carriedContext(a, context),
  };
}
