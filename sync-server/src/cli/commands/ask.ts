/**
 * `vitals ask <file> [--json] [--today YYYY-MM-DD] QUESTION...`: the assistant's quick queries on a
 * spreadsheet, with the same shared/ engine the app runs. The questions are one conversation, asked in order,
 * so "why is it red?" follows "which accounts are red?". A question that needs the server's model (analytical)
 * gets a line saying so: a file has no server behind it. That is an answer, not a failure, so the exit code
 * stays 0 (DESIGN.md asks for none).
 *
 * Accounts are known by their names in the file (as in `vitals score`); segment, CSM and renewal date come
 * from an accounts sheet when the workbook has one, and CSMs are the owner names written there. "Today", from
 * which renewal windows count, is the real date unless `--today` fixes it (for scripts and tests).
 */
import {
  answerQuestion,
  DEFAULT_CATALOG,
  isIsoDate,
  normalizeName,
  toCents,
  type AnswerColumn,
  type AnswerRow,
  type AssistantAccount,
  type AssistantAnswer,
  type AssistantData,
  type HealthStatus,
  type ImportedTable,
  type IsoDate,
  type KpiValues,
  type Month,
  type TemplateId,
  type TurnContext,
} from '@vitals/shared';
import { CliError, EXIT } from '../errors';
import { readTable, type ReadOptions } from '../read-table';
import { formatIssue, requireNoErrors } from '../report-issues';
import { paint, paintStatus, printable, renderTable, type Style } from '../style';

export const ASK_USAGE = 'Usage: vitals ask <file> [--json] [--today YYYY-MM-DD] QUESTION...';

/** What the CLI says instead of the app's "queued for the server": there is no server here. */
export const ANALYTICAL_LINE = "This question needs the server's analysis (not available from a file).";

export interface AskOptions {
  readonly file: string;
  readonly questions: readonly string[];
  readonly today?: string;
  readonly read?: ReadOptions;
}

/** One answer as `--json` prints it (DESIGN.md "Command line"). */
export interface AskResult {
  readonly question: string;
  readonly kind: 'deterministic' | 'analytical';
  readonly template: TemplateId | null;
  readonly answer: string;
  /** The answer's table, one object per row keyed by column. */
  readonly rows: AnswerRow['cells'][];
}

/** With the columns, for the people-facing table. */
export interface AskTurn extends AskResult {
  readonly columns: readonly AnswerColumn[];
}

function todayOption(text: string | undefined, clock: () => Date): IsoDate {
  if (text === undefined) return clock().toISOString().slice(0, 10) as IsoDate;
  if (!isIsoDate(text)) throw new CliError(`--today must be a date YYYY-MM-DD, got "${text}".`, EXIT.usage);
  return text;
}

/** The file as the assistant reads a tenant: accounts by name, ARR in cents, owners from the accounts sheet. */
export function assistantDataFromTable(table: ImportedTable, today: IsoDate): AssistantData {
  const attributes = new Map((table.accountAttributes ?? []).map((a) => [normalizeName(a.name), a]));
  const owners = new Set<string>();
  const accounts: AssistantAccount[] = table.accounts.map((name) => {
    const attribute = attributes.get(normalizeName(name));
    if (attribute?.owner) owners.add(attribute.owner);
    return {
      id: name,
      name,
      segment: attribute?.segment ?? '',
      ownerId: attribute?.owner ?? null,
      renewalDate: attribute?.renewalDate ?? null,
      _deleted: false,
    };
  });
  const byAccount = new Map<string, Map<Month, KpiValues>>();
  for (const v of table.values) {
    let months = byAccount.get(v.account);
    if (!months) byAccount.set(v.account, (months = new Map()));
    let values = months.get(v.month);
    if (!values) months.set(v.month, (values = {}));
    // Spreadsheets hold ARR in currency units; the engine, like the app, sums integer cents.
    values[v.kpi] = v.kpi === 'arr' ? toCents(v.value) : v.value;
  }
  return {
    accounts,
    series: [...byAccount].map(([accountId, months]) => ({ accountId, months: new Map([...months].sort(([a], [b]) => (a < b ? -1 : 1))) })),
    catalog: DEFAULT_CATALOG,
    members: [...owners].map((owner) => ({ id: owner, name: owner })),
    runs: [],
    today,
  };
}

function toTurn(question: string, answer: AssistantAnswer): AskTurn {
  const analytical = answer.kind === 'analytical';
  return {
    question,
    kind: answer.kind,
    template: answer.template,
    answer: analytical ? ANALYTICAL_LINE : answer.answer,
    rows: answer.rows.map((r) => r.cells),
    columns: answer.columns,
  };
}

/** Every question answered in order, each seeing the previous answer's context. */
export async function buildAskAnswers(options: AskOptions, warn: (line: string) => void, clock: () => Date = () => new Date()): Promise<AskTurn[]> {
  if (options.questions.length === 0) throw new CliError(`Ask at least one question.\n${ASK_USAGE}`, EXIT.usage);
  const today = todayOption(options.today, clock);
  const table = await readTable(options.file, options.read);
  for (const warning of requireNoErrors(table, 'no question was answered')) warn(formatIssue(warning));
  const data = assistantDataFromTable(table, today);
  let context: TurnContext | null = null;
  return options.questions.map((question) => {
    const answer = answerQuestion(question, data, context);
    context = answer.context;
    return toTurn(question, answer);
  });
}

export function toAskResults(turns: readonly AskTurn[]): AskResult[] {
  return turns.map(({ question, kind, template, answer, rows }) => ({ question, kind, template, answer, rows }));
}

const STATUSES: readonly string[] = ['green', 'yellow', 'red', 'unknown'] satisfies HealthStatus[];

function isStatus(value: string): value is HealthStatus {
  return STATUSES.includes(value);
}

function cellText(style: Style, value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  // A status keeps its shape and word in the table (never colour alone), as in `vitals score`.
  if (typeof value === 'string' && isStatus(value)) return paintStatus(style, value);
  return printable(String(value));
}

function renderTurn(turn: AskTurn, style: Style): string {
  const header = paint(style, 'bold', `? ${printable(turn.question)}`);
  const label = turn.kind === 'analytical' ? paint(style, 'grey', turn.answer) : printable(turn.answer);
  if (turn.rows.length === 0 || turn.columns.length === 0) return `${header}\n${label}\n`;
  const table = renderTable(
    turn.columns.map((c) => ({ header: c.label, align: c.numeric ? 'right' : 'left' })),
    turn.rows.map((row) => turn.columns.map((c) => cellText(style, row[c.key]))),
  );
  return `${header}\n${label}\n\n${table}\n`;
}

export function renderAskAnswers(turns: readonly AskTurn[], style: Style): string {
  return turns.map((t) => renderTurn(t, style)).join('\n');
}
