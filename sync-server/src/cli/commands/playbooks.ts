/**
 * `vitals playbooks <file> [--month YYYY-MM] [--json]`: which playbook each account of a spreadsheet should
 * run (DOMAIN.md "Playbooks"), ranked per playbook by how far past the trigger the account is, weighted by
 * ARR, with the evidence — the same shared/ code as the app's playbooks screen. A file has no runs, so
 * nothing is left out as "already under way", and the default thresholds apply.
 *
 * Accounts are known by their names in the file; renewal dates come from an accounts sheet when the
 * workbook has one (without them Renewal Safeguard cannot fire). ARR is read in currency units, as the file
 * holds it, and weighed in cents, as the app stores it.
 */
import {
  PLAYBOOK_IDS,
  evidenceText,
  getPlaybook,
  latestMonth,
  normalizeName,
  parseMonth,
  portfolioRecommendations,
  seriesFromValues,
  toCents,
  type ImportedTable,
  type Month,
  type Operator,
  type PlaybookId,
  type PortfolioAccount,
  type Recommendation,
} from '@vitals/shared';
import { CliError, EXIT } from '../errors';
import { readTable, type ReadOptions } from '../read-table';
import { formatIssue, plural, requireNoErrors } from '../report-issues';
import { paint, printable, renderTable, type Style } from '../style';

export const PLAYBOOKS_USAGE = 'Usage: vitals playbooks <file> [--month YYYY-MM] [--json]';

export interface PlaybooksOptions {
  readonly file: string;
  readonly month?: string;
  readonly read?: ReadOptions;
}

export interface EvidenceItem {
  /** A KPI id, or `status_points`, `green_months`, `days_to_renewal`, `churn_risk`. */
  readonly metric: string;
  readonly value: number;
  readonly operator: Operator;
  readonly threshold: number;
  /** "Net Promoter Score −12 is below 0". */
  readonly text: string;
}

/** One recommendation as `--json` prints it (DESIGN.md "Command line"), with its rank and priority. */
export interface PlaybookRecommendationRow {
  readonly account: string;
  readonly playbook: PlaybookId;
  /** 1 for the account most past the trigger (ARR-weighted) within its playbook. */
  readonly rank: number;
  readonly priority: number;
  readonly evidence: readonly EvidenceItem[];
}

export interface PlaybooksReport {
  readonly month: Month;
  /** Accounts with a renewal date (from an accounts sheet): without any, Renewal Safeguard cannot fire. */
  readonly renewalDates: number;
  /** Per playbook in DOMAIN.md's order, then by rank. */
  readonly recommendations: readonly PlaybookRecommendationRow[];
}

function monthOf(options: PlaybooksOptions, table: ImportedTable, fallback: Month | null): Month {
  if (options.month === undefined) {
    if (!fallback) throw new CliError(`${options.file} has no KPI values to judge.`);
    return fallback;
  }
  const month = parseMonth(options.month);
  if (!month) throw new CliError(`--month must be YYYY-MM, got "${options.month}".`, EXIT.usage);
  if (!table.months.includes(month)) {
    throw new CliError(
      `${options.file} has no values for ${month}; its months are ${table.months.join(', ') || 'none'}.`,
    );
  }
  return month;
}

/** Accounts by name, with the renewal dates of the accounts sheet. */
function accountsOf(table: ImportedTable): PortfolioAccount[] {
  const attributes = new Map((table.accountAttributes ?? []).map((a) => [normalizeName(a.name), a]));
  return table.accounts.map((name) => ({
    id: name,
    name,
    renewalDate: attributes.get(normalizeName(name))?.renewalDate ?? null,
  }));
}

function toRow(recommendation: Recommendation): PlaybookRecommendationRow {
  return {
    account: recommendation.name,
    playbook: recommendation.playbookId,
    rank: recommendation.rank,
    priority: recommendation.priority,
    evidence: recommendation.evidence.map((e) => ({
      metric: e.feature,
      value: e.value,
      operator: e.operator,
      threshold: e.threshold,
      text: evidenceText(e),
    })),
  };
}

export async function buildPlaybooksReport(
  options: PlaybooksOptions,
  warn: (line: string) => void,
): Promise<PlaybooksReport> {
  const table = await readTable(options.file, options.read);
  for (const warning of requireNoErrors(table, 'no playbooks were recommended')) warn(formatIssue(warning));
  // ARR is money: cents, as the app stores it, so its weight in the ranking is the app's.
  const values = table.values.map((v) => (v.kpi === 'arr' ? { ...v, value: toCents(v.value) } : v));
  const series = seriesFromValues(values);
  const month = monthOf(options, table, latestMonth(series));
  const accounts = accountsOf(table);
  const { lists } = portfolioRecommendations({ accounts, series, month });
  return {
    month,
    renewalDates: accounts.filter((a) => a.renewalDate !== null).length,
    recommendations: lists.flatMap((list) => list.accounts.map(toRow)),
  };
}

export function renderPlaybooksReport(report: PlaybooksReport, style: Style): string {
  const sections = PLAYBOOK_IDS.map((id) => {
    const rows = report.recommendations.filter((r) => r.playbook === id);
    const title = paint(style, 'bold', `${getPlaybook(id).name} (${id})`);
    if (rows.length === 0) {
      const why =
        id === 'renewal-safeguard' && report.renewalDates === 0
          ? ' (the file has no renewal dates: add an accounts sheet with them)'
          : '';
      return `${title}\nNo account is past its trigger${why}.`;
    }
    const table = renderTable(
      [
        { header: '#', align: 'right' },
        { header: 'Account' },
        { header: 'Priority', align: 'right' },
        { header: 'Evidence' },
      ],
      rows.map((r) => [
        String(r.rank),
        printable(r.account),
        r.priority.toFixed(2),
        r.evidence.map((e) => e.text).join('; '),
      ]),
    );
    return `${title}\n${table}`;
  });
  const accounts = new Set(report.recommendations.map((r) => r.account)).size;
  const summary = `Playbook recommendations for ${report.month}: ${plural(report.recommendations.length, 'recommendation')} for ${plural(accounts, 'account')}`;
  return `${summary}\n\n${sections.join('\n\n')}\n`;
}
