/**
 * The server's LLM reads numbers only through these tools (DOMAIN.md: "the server's LLM … may only read
 * numbers through the same deterministic query functions"). One tool per template family, with typed
 * arguments; each call runs the same template a typed question would, and the answer's citations are what
 * the model must cite. Arguments are checked with valibot, and the same schemas give the JSON Schema the
 * model sees, so the two cannot disagree.
 */
import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import type { HealthStatus } from '../health/health';
import { AssistantToolError, TOOL_ERRORS } from './errors';
import {
  DEFAULT_RENEWAL_DAYS,
  DEFAULT_TOP_N,
  DEFAULT_TREND_MONTHS,
  EVERYONE,
  type AssistantQuery,
  type Scope,
} from './query';
import { resolveAccount, resolveCsm, resolveMeasure, resolvePeriod, resolvePlaybook, resolveSegment } from './resolve';
import { runQuery } from './templates';
import type { AssistantAnswer, AssistantData } from './types';

/** Rows a tool returns to the model: enough to reason over, few enough to keep the prompt small. */
export const TOOL_ROWS_MAX = 30;

const name = (what: string) => v.pipe(v.string(), v.minLength(1), v.maxLength(200), v.description(what));
const accountList = (min: number, max: number) =>
  v.pipe(v.array(name('An account name as the user or a previous tool result wrote it, or its id.')), v.minLength(min), v.maxLength(max));
const month = (what: string) => v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected a month YYYY-MM'), v.description(what));
const count = (what: string, max: number) => v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max), v.description(what));

const scopeFields = {
  segment: v.optional(name('Only accounts of this segment (e.g. Enterprise, Mid-Market, SMB).')),
  csm: v.optional(name("Only this CSM's accounts: the CSM's name.")),
};
const periodFields = {
  from: v.optional(month('First month of the period, YYYY-MM.')),
  to: v.optional(month('Last month of the period, YYYY-MM (default: the latest month with data).')),
  period: v.optional(name('The period in words instead of from/to: "last 3 months", "Q3 2025", "since 2025-06", "this year".')),
};
const kpiField = (what: string) =>
  name(`${what} A KPI id (nps, csat, license_utilization, arr, …), a KPI name ("Net Promoter Score"), or "score" for the health score.`);
const statusSchema = v.picklist(['green', 'yellow', 'red', 'unknown'] as const);

type ToolSpec<TSchema extends v.GenericSchema> = {
  readonly name: string;
  readonly description: string;
  readonly schema: TSchema;
  readonly toQuery: (args: v.InferOutput<TSchema>, data: AssistantData) => AssistantQuery;
};

function tool<TSchema extends v.GenericSchema>(spec: ToolSpec<TSchema>): ToolSpec<TSchema> {
  return spec;
}

function scopeFrom(args: { readonly segment?: string; readonly csm?: string }, data: AssistantData): Scope {
  if (args.segment === undefined && args.csm === undefined) return EVERYONE;
  return {
    segment: args.segment === undefined ? null : resolveSegment(args.segment, data),
    ownerId: args.csm === undefined ? null : resolveCsm(args.csm, data),
  };
}

const accounts = (names: readonly string[], data: AssistantData): string[] => [...new Set(names.map((n) => resolveAccount(n, data)))];

const TOOLS = [
  tool({
    name: 'accounts_by_status',
    description:
      'Template 1. Accounts with the given health statuses in the latest month, worst first, with score, change, churn risk, ARR and renewal. "At risk" means red and yellow.',
    schema: v.strictObject({
      statuses: v.optional(v.pipe(v.array(statusSchema), v.minLength(1), v.maxLength(4), v.description('Statuses to list (default red and yellow).'))),
      ...scopeFields,
    }),
    toQuery: (args, data) => ({
      template: 1,
      statuses: [...new Set<HealthStatus>(args.statuses ?? ['red', 'yellow'])],
      scope: scopeFrom(args, data),
      accountIds: null,
    }),
  }),
  tool({
    name: 'portfolio_summary',
    description: 'Template 2. Accounts by health status in the latest month and the change since the month before, for everyone, a segment or a CSM.',
    schema: v.strictObject({ ...scopeFields }),
    toQuery: (args, data) => ({ template: 2, scope: scopeFrom(args, data) }),
  }),
  tool({
    name: 'account_health',
    description: 'Template 3. Health of accounts in the latest month: status, score, change, trend, weakest KPIs, ARR, churn risk, renewal.',
    schema: v.strictObject({ accounts: accountList(1, 20) }),
    toQuery: (args, data) => ({ template: 3, accountIds: accounts(args.accounts, data) }),
  }),
  tool({
    name: 'explain_health',
    description: 'Template 4. Why accounts have their status: the KPIs that cost the most points (drivers), the critical rule, missing data.',
    schema: v.strictObject({ accounts: accountList(1, 10) }),
    toQuery: (args, data) => ({ template: 4, accountIds: accounts(args.accounts, data), claimed: null }),
  }),
  tool({
    name: 'rank_accounts',
    description: 'Templates 5 and 6. The N accounts with the highest or lowest value of a KPI (or health score) in the latest month.',
    schema: v.strictObject({
      kpi: kpiField('What to rank by.'),
      order: v.pipe(v.picklist(['highest', 'lowest'] as const), v.description('highest first (template 5) or lowest first (template 6).')),
      n: v.optional(count(`How many accounts (default ${DEFAULT_TOP_N}).`, 50)),
      ...scopeFields,
    }),
    toQuery: (args, data) => ({
      template: args.order === 'highest' ? 5 : 6,
      measure: resolveMeasure(args.kpi, data),
      n: args.n ?? DEFAULT_TOP_N,
      scope: scopeFrom(args, data),
    }),
  }),
  tool({
    name: 'kpi_trend',
    description: 'Template 7. A KPI (or the health score) of accounts month by month over a period (default: the last 12 months with data).',
    schema: v.strictObject({
      accounts: accountList(1, 6),
      kpi: v.optional(kpiField('What to follow (default: the health score).')),
      months: v.optional(count(`How many months back from the latest (default ${DEFAULT_TREND_MONTHS}).`, 36)),
      ...periodFields,
    }),
    toQuery: (args, data) => ({
      template: 7,
      measure: args.kpi === undefined ? 'score' : resolveMeasure(args.kpi, data),
      accountIds: accounts(args.accounts, data),
      period: resolvePeriod(args, data),
      months: args.months ?? DEFAULT_TREND_MONTHS,
    }),
  }),
  tool({
    name: 'compare_accounts',
    description: 'Template 8. Accounts side by side: status, score, change, category scores, ARR, churn risk, renewal.',
    schema: v.strictObject({ accounts: accountList(2, 6) }),
    toQuery: (args, data) => ({ template: 8, accountIds: accounts(args.accounts, data) }),
  }),
  tool({
    name: 'revenue_retention',
    description:
      'Template 9. NRR and GRR with the ARR bridge (start ARR, expansion, contraction, churn, new) over a period, for the tenant or per segment or CSM. Default period: the last 12 months with data.',
    schema: v.strictObject({
      groupBy: v.optional(v.pipe(v.picklist(['tenant', 'segment', 'csm'] as const), v.description('One figure for everyone (default), or one per segment or CSM.'))),
      ...scopeFields,
      ...periodFields,
    }),
    toQuery: (args, data) => ({ template: 9, period: resolvePeriod(args, data), groupBy: args.groupBy ?? 'tenant', scope: scopeFrom(args, data) }),
  }),
  tool({
    name: 'revenue_movers',
    description: 'Template 10. The accounts whose ARR expanded, contracted or churned most over a period (default: the last 12 months with data).',
    schema: v.strictObject({
      direction: v.picklist(['expanded', 'contracted', 'churned'] as const),
      n: v.optional(count(`How many accounts (default ${DEFAULT_TOP_N}).`, 50)),
      ...scopeFields,
      ...periodFields,
    }),
    toQuery: (args, data) => ({
      template: 10,
      direction: args.direction,
      n: args.n ?? DEFAULT_TOP_N,
      period: resolvePeriod(args, data),
      scope: scopeFrom(args, data),
    }),
  }),
  tool({
    name: 'upcoming_renewals',
    description: "Template 11. Accounts renewing within N days from today, with their health; or given accounts' renewal dates.",
    schema: v.strictObject({
      days: v.optional(count(`Window from today in days (default ${DEFAULT_RENEWAL_DAYS}).`, 3660)),
      accounts: v.optional(accountList(1, 20)),
      ...scopeFields,
    }),
    toQuery: (args, data) => ({
      template: 11,
      days: args.days ?? DEFAULT_RENEWAL_DAYS,
      accountIds: args.accounts === undefined ? null : accounts(args.accounts, data),
      scope: scopeFrom(args, data),
    }),
  }),
  tool({
    name: 'recommend_playbooks',
    description:
      'Template 12. Playbook recommendations from the triggers: for one account (which playbooks it should run), for one playbook (which accounts need it), or all. Never recommends a playbook already under way.',
    schema: v.strictObject({
      account: v.optional(name('An account name or id.')),
      playbook: v.optional(name('A playbook id (voc-sprint, activation-blitz, sla-stabilizer, renewal-safeguard, expansion-timing) or name.')),
    }),
    toQuery: (args, data) => ({
      template: 12,
      accountId: args.account === undefined ? null : resolveAccount(args.account, data),
      playbookId: args.account === undefined && args.playbook !== undefined ? resolvePlaybook(args.playbook, data) : null,
    }),
  }),
  tool({
    name: 'playbook_results',
    description: 'Template 13. Completed runs of a playbook (or all), with before/after KPI values, whether the success criterion was met, and the success rate.',
    schema: v.strictObject({
      playbook: v.optional(name('A playbook id or name (default: every playbook).')),
      account: v.optional(name('Only runs on this account.')),
    }),
    toQuery: (args, data) => ({
      template: 13,
      playbookId: args.playbook === undefined ? null : resolvePlaybook(args.playbook, data),
      accountId: args.account === undefined ? null : resolveAccount(args.account, data),
    }),
  }),
  tool({
    name: 'status_changes',
    description: 'Template 14. Accounts whose health status changed between the month before the latest and the latest month.',
    schema: v.strictObject({
      direction: v.optional(v.pipe(v.picklist(['worse', 'better', 'any'] as const), v.description('worse (e.g. yellow → red), better, or any (default).'))),
      to: v.optional(v.pipe(v.array(statusSchema), v.minLength(1), v.maxLength(4), v.description('Only changes to these statuses.'))),
      ...scopeFields,
    }),
    toQuery: (args, data) => ({ template: 14, direction: args.direction ?? 'any', statuses: args.to ?? null, scope: scopeFrom(args, data) }),
  }),
  tool({
    name: 'kpi_average',
    description: 'Template 15. The average of a KPI (or health score) in the latest month, overall or per segment or CSM; per category gives the average category scores.',
    schema: v.strictObject({
      kpi: v.optional(kpiField('What to average (default: the health score).')),
      groupBy: v.optional(v.picklist(['tenant', 'segment', 'csm', 'category'] as const)),
      ...scopeFields,
    }),
    toQuery: (args, data) => ({
      template: 15,
      measure: args.kpi === undefined ? 'score' : resolveMeasure(args.kpi, data),
      groupBy: args.groupBy ?? 'tenant',
      scope: scopeFrom(args, data),
    }),
  }),
  tool({
    name: 'data_quality',
    description: 'Template 16. Accounts with missing KPI values in the latest month, values outside their plausible range, or no renewal date or CSM.',
    schema: v.strictObject({ accounts: v.optional(accountList(1, 20)) }),
    toQuery: (args, data) => ({ template: 16, accountIds: args.accounts === undefined ? null : accounts(args.accounts, data) }),
  }),
] as const;

type AnyTool = (typeof TOOLS)[number];

export interface AssistantToolDefinition {
  readonly type: 'function';
  readonly function: { readonly name: string; readonly description: string; readonly parameters: JsonSchema };
}

function parametersOf(schema: v.GenericSchema): JsonSchema {
  const json = toJsonSchema(schema, { errorMode: 'throw' });
  delete json.$schema;
  return json;
}

/** OpenAI function tools, one per template family. */
export const ASSISTANT_TOOLS: readonly AssistantToolDefinition[] = TOOLS.map((t) => ({
  type: 'function',
  function: { name: t.name, description: t.description, parameters: parametersOf(t.schema) },
}));

export const ASSISTANT_TOOL_NAMES: readonly string[] = TOOLS.map((t) => t.name);

function issuesText(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}

function queryFor(spec: AnyTool, args: unknown, data: AssistantData): AssistantQuery {
  const parsed = v.safeParse(spec.schema, args);
  if (!parsed.success) throw new AssistantToolError(TOOL_ERRORS.invalidArguments, `${spec.name}: ${issuesText(parsed.issues)}.`);
  // Each tool's toQuery takes its own schema's output; the union of tools cannot say so, hence the narrowing call.
  return (spec.toQuery as (a: unknown, d: AssistantData) => AssistantQuery)(parsed.output, data);
}

/** OpenAI sends a call's arguments as JSON text; a caller may also pass them parsed. */
function parsedArguments(toolName: string, args: unknown): unknown {
  if (typeof args !== 'string') return args ?? {};
  if (args.trim() === '') return {};
  try {
    return JSON.parse(args) as unknown;
  } catch {
    throw new AssistantToolError(TOOL_ERRORS.invalidArguments, `${toolName}: the arguments are not valid JSON.`);
  }
}

/**
 * Runs a tool call, its arguments as an object or as the JSON text OpenAI sends. Throws `AssistantToolError` for an unknown tool, arguments that fail the schema, or names
 * that match no account, KPI, playbook, segment or CSM. The table is cut to TOOL_ROWS_MAX rows (the answer
 * sentence still counts them all).
 */
export function runAssistantTool(toolName: string, args: unknown, data: AssistantData): AssistantAnswer {
  const spec = TOOLS.find((t) => t.name === toolName);
  if (!spec) {
    throw new AssistantToolError(TOOL_ERRORS.unknownTool, `There is no tool "${toolName}". The tools are: ${ASSISTANT_TOOL_NAMES.join(', ')}.`);
  }
  const answer = runQuery(queryFor(spec, parsedArguments(toolName, args), data), data);
  if (answer.rows.length <= TOOL_ROWS_MAX) return answer;
  return { ...answer, answer: `${answer.answer} (Table: the first ${TOOL_ROWS_MAX} of ${answer.rows.length} rows.)`, rows: answer.rows.slice(0, TOOL_ROWS_MAX) };
}
