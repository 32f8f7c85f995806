/** Import problems → lines and tables a person can act on, errors first; and the decision whether to go on. */
import { describeLocation, type ImportIssue, type ImportedTable } from '@vitals/shared';
import { CliError } from './errors';
import { paint, printable, renderTable, type Style } from './style';

export function formatIssue(issue: ImportIssue): string {
  const where = issue.row === null ? issue.sheet : issue.column ? `${issue.sheet}, line ${issue.row}, column ${issue.column}` : `${issue.sheet}, line ${issue.row}`;
  return printable(`${issue.severity}: ${where}: ${issue.message}`);
}

export function errorsOf(table: Pick<ImportedTable, 'issues'>): ImportIssue[] {
  return table.issues.filter((i) => i.severity === 'error');
}

export function warningsOf(table: Pick<ImportedTable, 'issues'>): ImportIssue[] {
  return table.issues.filter((i) => i.severity === 'warning');
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/**
 * Throws with every error (the first 50 spelled out) when the table has any; returns the warnings otherwise.
 * `consequence` says what did not happen ("nothing was scored").
 */
export function requireNoErrors(table: Pick<ImportedTable, 'issues'>, consequence = 'nothing was scored', hint?: string): ImportIssue[] {
  const errors = errorsOf(table);
  if (errors.length > 0) {
    const shown = errors.slice(0, 50).map(formatIssue);
    const more = errors.length > shown.length ? [`… and ${errors.length - shown.length} more errors.`] : [];
    throw new CliError([`The file has ${plural(errors.length, 'error')}; ${consequence}:`, ...shown, ...more, ...(hint ? [hint] : [])].join('\n'));
  }
  return warningsOf(table);
}

const SEVERITY_LABEL = { error: '■ error', warning: '▲ warning' } as const;

/** Issues as an aligned table: severity (a word and a shape), sheet, row, column, message. */
export function renderIssueTable(issues: readonly ImportIssue[], style: Style): string {
  return renderTable(
    [{ header: 'Severity' }, { header: 'Sheet' }, { header: 'Row', align: 'right' }, { header: 'Column' }, { header: 'Message' }],
    issues.map((i) => [
      paint(style, i.severity === 'error' ? 'red' : 'yellow', SEVERITY_LABEL[i.severity]),
      printable(i.sheet),
      i.row === null ? '—' : String(i.row),
      i.column ?? '—',
      printable(i.message),
    ]),
  );
}

export { describeLocation, plural };
