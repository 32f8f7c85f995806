/**
 * `vitals score <file> [--month YYYY-MM] [--json]`: the health of every account in a spreadsheet, with
 * the same shared/ code the app runs.
 */
import {
  DEFAULT_CATALOG,
  latestMonth,
  parseMonth,
  portfolioHealth,
  seriesFromValues,
  type AccountHealth,
  type Category,
  type HealthStatus,
  type KpiId,
  type Month,
  type TrendArrow,
} from '@vitals/shared';
import { CliError, EXIT } from '../errors';
import { readTable, type ReadOptions } from '../read-table';
import { formatIssue, requireNoErrors } from '../report-issues';
import { paintStatus, printable, renderTable, TREND_LABEL, type Style } from '../style';

export interface ScoreOptions {
  readonly file: string;
  readonly month?: string;
  readonly json: boolean;
}

export interface ScoredAccount {
  readonly account: string;
  readonly score: number | null;
  readonly status: HealthStatus;
  readonly categories: Record<Category, number | null>;
  /** KPI ids, most costly first. */
  readonly drivers: KpiId[];
  readonly trend: TrendArrow;
  /** Points versus the previous month, when both have a score. */
  readonly delta: number | null;
  /** Points per month over the last up-to-6 scored months. */
  readonly slope: number | null;
}

export interface ScoreReport {
  readonly month: Month;
  readonly accounts: ScoredAccount[];
}

function toScoredAccount(health: AccountHealth): ScoredAccount {
  return {
    account: health.accountId,
    score: health.score,
    status: health.status,
    categories: health.categories,
    drivers: health.drivers.map((d) => d.kpi),
    trend: health.trend.arrow,
    delta: health.trend.delta,
    slope: health.trend.slope === null ? null : Math.round(health.trend.slope * 100) / 100,
  };
}

export async function buildScoreReport(
  options: Pick<ScoreOptions, 'file' | 'month'> & { readonly read?: ReadOptions },
  warn: (line: string) => void,
): Promise<ScoreReport> {
  const table = await readTable(options.file, options.read);
  for (const warning of requireNoErrors(table)) warn(formatIssue(warning));
  const series = seriesFromValues(table.values);
  let month: Month | null;
  if (options.month !== undefined) {
    month = parseMonth(options.month);
    if (!month) throw new CliError(`--month must be YYYY-MM, got "${options.month}".`, EXIT.usage);
    if (!table.months.includes(month)) {
      throw new CliError(`${options.file} has no values for ${month}; its months are ${table.months.join(', ') || 'none'}.`);
    }
  } else {
    month = latestMonth(series);
    if (!month) throw new CliError(`${options.file} has no KPI values to score.`);
  }
  const health = portfolioHealth(series, month, DEFAULT_CATALOG);
  return { month, accounts: health.accounts.map(toScoredAccount) };
}

export function renderScoreReport(report: ScoreReport, style: Style): string {
  const names = DEFAULT_CATALOG.byId;
  const rows = report.accounts.map((a) => [
    printable(a.account),
    paintStatus(style, a.status),
    a.score === null ? '—' : String(a.score),
    TREND_LABEL[a.trend],
    a.drivers.slice(0, 3).map((id) => names[id].name).join(', ') || '—',
  ]);
  const table = renderTable(
    [{ header: 'Account' }, { header: 'Status' }, { header: 'Score', align: 'right' }, { header: 'Trend' }, { header: 'Why (top drivers)' }],
    rows,
  );
  const count = `${report.accounts.length} account${report.accounts.length === 1 ? "" : "s"}`;
  return `Health for ${report.month} (${count})\n\n${table}\n`;
}
