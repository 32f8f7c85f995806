/**
 * Building blocks every template's answer is made of: citations (what the server's model must cite), the
 * context for the next turn, and the shape of a deterministic answer.
 */
import type { Month } from '../units';
import { CONTEXT_ACCOUNTS_MAX, emptyTurnContext } from './context';
import { derived } from './derived';
import type {
  AnswerChart,
  AnswerColumn,
  AnswerRow,
  AssistantAnswer,
  AssistantData,
  Citation,
  TemplateId,
  TurnContext,
} from './types';

/** The stored message's bound (schemas/conversations.ts): at most 50 citations. */
export const CITATIONS_MAX = 50;

export function accountCitation(data: AssistantData, accountId: string): Citation {
  const name = derived(data).accountById.get(accountId)?.name ?? accountId;
  return { kind: 'account', ref: accountId, label: name.slice(0, 200) };
}

export function monthCitation(month: Month): Citation {
  return { kind: 'month', ref: month, label: month };
}

/** Months first (what the numbers are as of), then accounts in the answer's order, without duplicates. */
export function citations(
  data: AssistantData,
  parts: { readonly months?: readonly Month[]; readonly accountIds?: readonly string[]; readonly extra?: readonly Citation[] },
): Citation[] {
  const out: Citation[] = [];
  const seen = new Set<string>();
  const add = (c: Citation): void => {
    const key = `${c.kind}:${c.ref}`;
    if (seen.has(key) || out.length >= CITATIONS_MAX) return;
    seen.add(key);
    out.push(c);
  };
  for (const m of parts.months ?? []) add(monthCitation(m));
  for (const c of parts.extra ?? []) add(c);
  for (const id of parts.accountIds ?? []) {
    if (out.length >= CITATIONS_MAX) break;
    add(accountCitation(data, id));
  }
  return out;
}

export interface DeterministicParts {
  readonly answer: string;
  readonly columns?: readonly AnswerColumn[];
  readonly rows?: readonly AnswerRow[];
  readonly chart?: AnswerChart | null;
  readonly citations: readonly Citation[];
  /** What this turn was about; unspecified fields are empty. */
  readonly context: Partial<TurnContext>;
}

export function deterministic(template: TemplateId, parts: DeterministicParts): AssistantAnswer {
  const context: TurnContext = {
    ...emptyTurnContext(),
    ...parts.context,
    accountIds: (parts.context.accountIds ?? []).slice(0, CONTEXT_ACCOUNTS_MAX),
    template,
  };
  return {
    kind: 'deterministic',
    template,
    answer: parts.answer,
    columns: parts.columns ?? [],
    rows: parts.rows ?? [],
    chart: parts.chart ?? null,
    citations: parts.citations,
    context,
  };
}

/** A revenue question whose period holds one month of data or none: a change needs two. */
export function noPeriodAnswer(template: TemplateId): AssistantAnswer {
  return deterministic(template, {
    answer: 'That period does not hold two months of data to compare, so there is no change in ARR to measure. Ask about a longer period.',
    citations: [],
    context: {},
  });
}

/** An answer for a portfolio without any KPI values: nothing to compute, and saying so plainly. */
export function noDataAnswer(template: TemplateId): AssistantAnswer {
  return deterministic(template, {
    answer: 'There is no KPI data yet: upload a spreadsheet and ask again.',
    citations: [],
    context: {},
  });
}
