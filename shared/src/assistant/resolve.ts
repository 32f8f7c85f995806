/**
 * Names in tool arguments → ids, with the same index and typo tolerance as typed questions: the model may
 * write "Northwind", "northwind logistics" or an account id. A name that matches nothing is an error with
 * a suggestion, so the model can correct itself instead of answering about the wrong account.
 */
import { isKpiId } from '../kpi/catalog';
import { isPlaybookId, PLAYBOOKS, type PlaybookId } from '../playbooks/definitions';
import { closestMatch, normalizeName } from '../text/normalize';
import { isMonth, monthOfDate } from '../time/months';
import type { Month } from '../units';
import { derived } from './derived';
import { AssistantToolError, TOOL_ERRORS } from './errors';
import type { Measure, Period } from './query';
import type { AssistantData } from './types';
import { entityIndex, type Entity } from './understand/entities';
import { fuzzyEntity } from './understand/fuzzy';
import { findPeriod } from './understand/periods';

function lookup(text: string, data: AssistantData): Entity | null {
  const key = normalizeName(text);
  const index = entityIndex(data);
  return index.phrases.get(key) ?? fuzzyEntity(key, index);
}

function suggestion(text: string, names: readonly string[]): string {
  const close = closestMatch(text, names.map((n) => ({ key: n, value: n })));
  return close === null ? '' : ` Did you mean "${close}"?`;
}

export function resolveAccount(text: string, data: AssistantData): string {
  const { accountById, accounts } = derived(data);
  if (accountById.has(text)) return text;
  const entity = lookup(text, data);
  if (entity?.type === 'account') return entity.id;
  const byName = accounts.find((a) => normalizeName(a.name) === normalizeName(text));
  if (byName) return byName.id;
  throw new AssistantToolError(TOOL_ERRORS.unknownAccount, `There is no account named "${text}".${suggestion(text, accounts.map((a) => a.name))}`);
}

export function resolveMeasure(text: string, data: AssistantData): Measure {
  if (text === 'score' || isKpiId(text)) return text;
  const entity = lookup(text, data);
  if (entity?.type === 'measure') return entity.measure;
  throw new AssistantToolError(
    TOOL_ERRORS.unknownKpi,
    `"${text}" is not a KPI. Use "score" for the health score or one of: ${data.catalog.kpis.map((k) => k.id).join(', ')}.`,
  );
}

export function resolvePlaybook(text: string, data: AssistantData): PlaybookId {
  if (isPlaybookId(text)) return text;
  const entity = lookup(text, data);
  if (entity?.type === 'playbook') return entity.id;
  throw new AssistantToolError(
    TOOL_ERRORS.unknownPlaybook,
    `"${text}" is not a playbook. The playbooks are: ${PLAYBOOKS.map((p) => `${p.id} (${p.name})`).join(', ')}.`,
  );
}

export function resolveSegment(text: string, data: AssistantData): string {
  const segments = [...new Set(derived(data).accounts.map((a) => a.segment.trim()).filter((s) => s !== ''))];
  const exact = segments.find((s) => normalizeName(s) === normalizeName(text));
  if (exact) return exact;
  const entity = lookup(text, data);
  if (entity?.type === 'segment') return entity.name;
  throw new AssistantToolError(TOOL_ERRORS.unknownSegment, `There is no segment "${text}". The segments are: ${segments.join(', ') || 'none'}.`);
}

export function resolveCsm(text: string, data: AssistantData): string {
  if (data.members.some((m) => m.id === text)) return text;
  const entity = lookup(text, data);
  if (entity?.type === 'member') return entity.id;
  const owners = new Set(derived(data).accounts.map((a) => a.ownerId));
  const names = data.members.filter((m) => owners.has(m.id)).map((m) => m.name);
  throw new AssistantToolError(TOOL_ERRORS.unknownCsm, `There is no CSM named "${text}". The CSMs are: ${names.join(', ') || 'none'}.`);
}

/** `from`/`to` months, or a period in words ("last 3 months", "Q3 2025"); `null` when neither is given. */
export function resolvePeriod(args: { readonly from?: string; readonly to?: string; readonly period?: string }, data: AssistantData): Period | null {
  const latest: Month = derived(data).latest ?? monthOfDate(data.today);
  if (args.period !== undefined) {
    const found = findPeriod(` ${normalizeName(args.period)} `, latest);
    if (!found) {
      throw new AssistantToolError(TOOL_ERRORS.badPeriod, `Cannot read the period "${args.period}". Use from/to months (YYYY-MM) or words like "last 3 months", "Q3 2025".`);
    }
    return found.value;
  }
  if (args.from === undefined && args.to === undefined) return null;
  const from = args.from ?? args.to!;
  const to = args.to ?? latest;
  if (!isMonth(from) || !isMonth(to) || from > to) {
    throw new AssistantToolError(TOOL_ERRORS.badPeriod, `The period must be two months YYYY-MM with from ≤ to, got from ${from} to ${to}.`);
  }
  return { from, to };
}
