/**
 * `vitals import <file> --tenant <slug> [--as <email>] [--exclude-errors] [--dry-run] [--json]`: a
 * spreadsheet into a tenant's data, through the same pipeline as the app's upload screen
 * (shared/src/import/README.md): read → (leave out the rows with errors) → preview against the tenant's
 * current documents → plan → commit as one version. The server-side writer (src/imports) writes it the way
 * a push is written, so every device receives it on its next sync.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  DEFAULT_CATALOG,
  excludeRows,
  hasBlockingErrors,
  type ImportIssue,
  type ImportLayout,
  type ImportedTable,
  type KpiId,
  type RowRef,
  type SpreadsheetKind,
  type ValueChange,
} from '@vitals/shared';
import { loadConfig } from '../../config';
import { createLogger } from '../../logger';
import { importTable, type ImportDeps } from '../../imports/commit-import';
import { ImportError } from '../../imports/errors';
import { findImporter, findTenant } from '../../imports/tenant-data';
import { createChangeFeed } from '../../sync/change-feed';
import { createInProcessFeed } from '../../sync/in-process-feed';
import { CliError, EXIT } from '../errors';
import { readSpreadsheetFile, type ReadOptions } from '../read-table';
import { errorsOf, formatIssue, plural, requireNoErrors } from '../report-issues';
import { paint, printable, renderTable, type Style } from '../style';
import { withDatabase } from './database';
import type { CheckIssue } from './check';

export const IMPORT_USAGE = 'Usage: vitals import <file> --tenant <slug> [--as <email>] [--exclude-errors] [--dry-run] [--json]';

export interface ImportOptions {
  readonly file: string;
  readonly tenant: string;
  /** The importing member's email; default the tenant's first owner. */
  readonly as?: string;
  readonly excludeErrors: boolean;
  readonly dryRun: boolean;
  readonly read?: ReadOptions;
}

/** What `--json` prints. Counts are the preview's: values compared as stored. */
export interface ImportReport {
  readonly tenant: string;
  /** The importing member's email. */
  readonly as: string;
  readonly dryRun: boolean;
  readonly file: { readonly name: string; readonly sha256: string; readonly kind: SpreadsheetKind; readonly layout: ImportLayout };
  /** Rows left out by --exclude-errors. */
  readonly excludedRows: RowRef[];
  readonly preview: {
    readonly accounts: number;
    readonly newAccounts: number;
    readonly values: number;
    /** New and changed values: what is written. */
    readonly changed: number;
    readonly unchanged: number;
    /** Segment, owner and renewal-date changes of existing accounts. */
    readonly accountChanges: number;
    /** Owners in an accounts sheet that name no member: those accounts keep their owner. */
    readonly unknownOwners: number;
  };
  /** The version written; `null` for a dry run or when the tenant already holds every value. */
  readonly version: string | null;
  readonly written: { readonly accounts: number; readonly measurements: number; readonly versions: number };
  readonly warnings: CheckIssue[];
}

export interface ImportResult {
  readonly report: ImportReport;
  readonly tenantName: string;
  /** The first changes, for people (ARR in cents, as stored). */
  readonly changes: readonly ValueChange[];
  readonly newAccountNames: readonly string[];
}

/** The rows a person would delete to get rid of the errors; errors about a whole sheet have none. */
export function rowsWithErrors(table: ImportedTable): RowRef[] {
  const rows = new Map<string, RowRef>();
  for (const issue of errorsOf(table)) if (issue.row !== null) rows.set(`${issue.sheet}\u0000${issue.row}`, { sheet: issue.sheet, row: issue.row });
  return [...rows.values()];
}

export interface PreparedFile {
  readonly fileName: string;
  readonly sha256: string;
  readonly kind: SpreadsheetKind;
  readonly table: ImportedTable;
  readonly excludedRows: RowRef[];
}

/** The file side: read it, leave out rows with errors when asked, refuse while errors remain. No database. */
export async function prepareImportFile(options: Pick<ImportOptions, 'file' | 'excludeErrors' | 'read'>): Promise<PreparedFile> {
  const file = await readSpreadsheetFile(options.file, options.read);
  const excludedRows = options.excludeErrors ? rowsWithErrors(file.table) : [];
  const table = excludedRows.length > 0 ? excludeRows(file.table, excludedRows) : file.table;
  if (hasBlockingErrors(table)) {
    const hint =
      options.excludeErrors || rowsWithErrors(table).length === 0
        ? undefined
        : 'Fix the file, or run again with --exclude-errors to leave the rows with errors out (see them all with `vitals check`).';
    requireNoErrors(table, 'nothing was imported', hint);
  }
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  return { fileName: file.fileName, sha256, kind: file.kind, table, excludedRows };
}

const toCheckIssue = ({ sheet, row, column, message }: ImportIssue): CheckIssue => ({ sheet, row, column, message });

/** The database side: the tenant, the importer, then preview and (unless a dry run) commit. */
export async function runImport(deps: ImportDeps, options: Omit<ImportOptions, 'file' | 'excludeErrors' | 'read'>, prepared: PreparedFile): Promise<ImportResult> {
  try {
    const tenant = await findTenant(deps.db.sql, options.tenant);
    const importer = await findImporter(deps.db.sql, tenant, options.as);
    const outcome = await importTable(deps, {
      tenantId: tenant.id,
      userId: importer.id,
      role: importer.role,
      table: prepared.table,
      fileName: prepared.fileName,
      fileHash: prepared.sha256,
      dryRun: options.dryRun,
    });
    const { preview } = outcome;
    return {
      tenantName: tenant.name,
      changes: preview.changed.slice(0, 20),
      newAccountNames: preview.newAccounts,
      report: {
        tenant: tenant.slug,
        as: importer.email,
        dryRun: options.dryRun,
        file: { name: prepared.fileName, sha256: prepared.sha256, kind: prepared.kind, layout: prepared.table.layout },
        excludedRows: prepared.excludedRows,
        preview: {
          accounts: preview.accounts,
          newAccounts: preview.newAccounts.length,
          values: preview.values,
          changed: preview.changed.length,
          unchanged: preview.unchanged,
          accountChanges: preview.accountChanges.length,
          unknownOwners: preview.unknownOwners.length,
        },
        version: outcome.version?.id ?? null,
        written: outcome.written,
        warnings: prepared.table.issues.filter((i) => i.severity === 'warning').map(toCheckIssue),
      },
    };
  } catch (error) {
    if (error instanceof ImportError) throw new CliError(error.message);
    throw error;
  }
}

/** A stored value as the spreadsheet wrote it: ARR back from cents to currency units. */
const shown = (kpi: KpiId, value: number | null): string =>
  value === null ? '—' : (kpi === 'arr' ? value / 100 : value).toLocaleString('en', { maximumFractionDigits: 2 });

const n = (count: number): string => count.toLocaleString('en');

export function renderImportReport(result: ImportResult, style: Style): string {
  const { report } = result;
  const p = report.preview;
  const lines = [
    `${report.dryRun ? 'Dry run: import' : 'Import'} of ${printable(report.file.name)} (${report.file.kind}, ${report.file.layout} layout) into ${printable(result.tenantName)} (${report.tenant}) as ${report.as}`,
    '',
    `  accounts        ${n(p.accounts)} (${n(p.newAccounts)} new)`,
    `  values          ${n(p.values)}: ${n(p.changed)} new or changed, ${n(p.unchanged)} unchanged`,
  ];
  if (p.accountChanges > 0) lines.push(`  account changes ${n(p.accountChanges)} (segment, owner or renewal date)`);
  if (p.unknownOwners > 0) lines.push(`  unknown owners  ${n(p.unknownOwners)}: those accounts keep their owner`);
  if (report.excludedRows.length > 0) lines.push(`  left out        ${plural(report.excludedRows.length, 'row')} with errors (--exclude-errors)`);
  if (result.newAccountNames.length > 0) {
    const names = result.newAccountNames.slice(0, 10).map(printable).join(', ');
    lines.push('', `New accounts: ${names}${result.newAccountNames.length > 10 ? `, … and ${result.newAccountNames.length - 10} more` : ''}`);
  }
  if (result.changes.length > 0) {
    const names = DEFAULT_CATALOG.byId;
    lines.push(
      '',
      renderTable(
        [{ header: 'Account' }, { header: 'KPI' }, { header: 'Month' }, { header: 'Before', align: 'right' }, { header: 'After', align: 'right' }],
        result.changes.map((c) => [printable(c.account), names[c.kpi].name, c.month, shown(c.kpi, c.before), shown(c.kpi, c.after)]),
      ),
    );
    if (p.changed > result.changes.length) lines.push(`… and ${n(p.changed - result.changes.length)} more new or changed values`);
  }
  lines.push('');
  if (report.dryRun) lines.push('Dry run: nothing was written.');
  else if (report.version === null) lines.push(paint(style, 'green', 'Nothing to import: the tenant holds every value of this file already. No version was written.'));
  else {
    const w = report.written;
    lines.push(
      paint(style, 'green', `Imported as version ${report.version}`) +
        `: ${plural(w.accounts, 'account')} and ${plural(w.measurements, 'month document')} written. Devices receive them on their next sync.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export async function importCommand(args: string[], style: Style, out: (text: string) => void, warn: (line: string) => void): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      as: { type: 'string' },
      'exclude-errors': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1 || !values.tenant) throw new CliError(IMPORT_USAGE, EXIT.usage);
  // The file first: its errors need no database, and a bad file should never wait for one to open.
  const prepared = await prepareImportFile({ file, excludeErrors: values['exclude-errors'] });
  if (!values.json) for (const warning of prepared.table.issues.filter((i) => i.severity === 'warning')) warn(formatIssue(warning));
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'silent' ? 'silent' : 'warn');
  const result = await withDatabase(async (db) => {
    // On a PostgreSQL server the change reaches every running sync server through NOTIFY; the embedded
    // database belongs to one process at a time, so its devices see the import at their next pull.
    const feed = values['dry-run'] ? createInProcessFeed(log) : await createChangeFeed(db, log);
    try {
      // With the server's config, so the plan's limits hold for imports from the command line too.
      return await runImport({ db, feed, log, now: () => new Date(), config }, { tenant: values.tenant!, as: values.as, dryRun: values['dry-run'] }, prepared);
    } finally {
      await feed.close();
    }
  });
  out(values.json ? `${JSON.stringify(result.report, null, 2)}\n` : renderImportReport(result, style));
}
