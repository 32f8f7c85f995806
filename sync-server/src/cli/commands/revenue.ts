/**
 * `vitals revenue <file> --from YYYY-MM --to YYYY-MM [--json]`: the ARR bridge of DOMAIN.md "Revenue
 * intelligence" between two months of a spreadsheet, with the same shared/ code the app runs. Money is
 * printed in currency units, as the spreadsheet holds it (the bridge itself sums integer cents); ratios are
 * plain numbers (`nrr: 1.0575` is 105.75 %), `null` when the start month has no ARR to measure against.
 */
import { compareMonths, parseMonth, revenueBridge, toCents, type Cents, type ImportedTable, type Month, type RevenueAccount, type RevenueBridge } from '@vitals/shared';
import { CliError, EXIT } from '../errors';
import { readTable, type ReadOptions } from '../read-table';
import { formatIssue, plural, requireNoErrors } from '../report-issues';
import { paint, renderTable, type Style } from '../style';

export interface RevenueOptions {
  readonly file: string;
  readonly from?: string;
  readonly to?: string;
  readonly read?: ReadOptions;
}

/** DESIGN.md's shape: money in currency units, ratios as fractions. */
export interface RevenueReport {
  /** Σ ARR in the start month over the accounts that had ARR then. */
  readonly startArr: number;
  /** Σ ARR in the end month, accounts new since the start included (what `growth` measures). */
  readonly endArr: number;
  readonly expansion: number;
  readonly contraction: number;
  readonly churn: number;
  /** (startArr + expansion − contraction − churn) / startArr. */
  readonly nrr: number | null;
  /** (startArr − contraction − churn) / startArr. */
  readonly grr: number | null;
  /** (endArr − startArr) / startArr. */
  readonly growth: number | null;
}

/** The report, and what a person also wants to see beside it. */
export interface RevenueResult {
  readonly from: Month;
  readonly to: Month;
  readonly report: RevenueReport;
  /** Accounts with ARR in the start month (the base of every ratio), and accounts new since. */
  readonly baseAccounts: number;
  readonly newAccounts: number;
  readonly newArr: number;
}

const USAGE = 'Usage: vitals revenue <file> --from YYYY-MM --to YYYY-MM [--json]';

function monthOption(name: string, text: string | undefined): Month {
  if (text === undefined) throw new CliError(`--${name} is required.\n${USAGE}`, EXIT.usage);
  const month = parseMonth(text);
  if (!month) throw new CliError(`--${name} must be YYYY-MM, got "${text}".`, EXIT.usage);
  return month;
}

/** Cents back to the currency units of the spreadsheet: exact, since cents are whole. */
const units = (amount: Cents): number => amount / 100;
/** Four decimals: a hundredth of a percent. */
const ratio = (value: number | null): number | null => (value === null ? null : Math.round(value * 10_000) / 10_000);

/** Each account's ARR by month, in cents, from the imported values (accounts keyed by name). */
function revenueAccounts(table: ImportedTable): RevenueAccount[] {
  const byAccount = new Map<string, Map<Month, Cents>>();
  for (const v of table.values) {
    if (v.kpi !== 'arr') continue;
    let arr = byAccount.get(v.account);
    if (!arr) byAccount.set(v.account, (arr = new Map()));
    arr.set(v.month, toCents(v.value));
  }
  return [...byAccount].map(([accountId, arr]) => ({ accountId, arr }));
}

export function toRevenueReport(bridge: RevenueBridge): RevenueReport {
  return {
    startArr: units(bridge.startArr),
    endArr: units(bridge.totalEndArr),
    expansion: units(bridge.expansion),
    contraction: units(bridge.contraction),
    churn: units(bridge.churn),
    nrr: ratio(bridge.nrr),
    grr: ratio(bridge.grr),
    growth: ratio(bridge.growth),
  };
}

export async function buildRevenueReport(options: RevenueOptions, warn: (line: string) => void): Promise<RevenueResult> {
  // The arguments before the file: a typo in a month should not wait for a large file to be read.
  const from = monthOption('from', options.from);
  const to = monthOption('to', options.to);
  if (compareMonths(from, to) > 0) throw new CliError(`--from ${from} is after --to ${to}.`, EXIT.usage);

  const table = await readTable(options.file, options.read);
  for (const warning of requireNoErrors(table, 'no revenue was computed')) warn(formatIssue(warning));
  const accounts = revenueAccounts(table);
  if (accounts.length === 0) {
    throw new CliError(`${options.file} has no ARR values (KPI "arr", Annual recurring revenue): revenue is computed from them.`);
  }
  const arrMonths = [...new Set(accounts.flatMap((a) => [...a.arr.keys()]))].sort();
  for (const month of [from, to]) {
    if (!arrMonths.includes(month)) {
      throw new CliError(`${options.file} has no ARR for ${month}; its months with ARR are ${arrMonths.join(', ')}.`);
    }
  }
  const bridge = revenueBridge(accounts, { start: from, end: to });
  return {
    from,
    to,
    report: toRevenueReport(bridge),
    baseAccounts: bridge.accountCount,
    newAccounts: bridge.newAccounts.length,
    newArr: units(bridge.newArr),
  };
}

const money = (amount: number): string => amount.toLocaleString('en', { maximumFractionDigits: 2 });
const signed = (amount: number, sign: '+' | '−'): string => (amount === 0 ? '0' : `${sign}${money(amount)}`);
const percent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

export function renderRevenueReport(result: RevenueResult, style: Style): string {
  const { report } = result;
  const table = renderTable(
    [{ header: 'ARR' }, { header: 'Amount', align: 'right' }],
    [
      [`Start (${result.from})`, money(report.startArr)],
      ['Expansion', signed(report.expansion, '+')],
      ['Contraction', signed(report.contraction, '−')],
      ['Churn', signed(report.churn, '−')],
      [`New accounts (${result.newAccounts})`, signed(result.newArr, '+')],
      [`End (${result.to})`, money(report.endArr)],
    ],
  );
  const growth = report.growth === null ? '—' : `${report.growth > 0 ? '+' : ''}${percent(report.growth)}`;
  const nrrColour = report.nrr === null ? 'grey' : report.nrr >= 1 ? 'green' : 'red';
  const ratios = `NRR ${paint(style, nrrColour, percent(report.nrr))}   GRR ${percent(report.grr)}   Growth ${growth}`;
  return `Revenue ${result.from} → ${result.to} (${plural(result.baseAccounts, 'account')} with ARR in ${result.from})\n\n${table}\n\n${ratios}\n`;
}
