/** Import problems → lines a person can act on, errors first; and the decision whether to go on. */
import { describeLocation, type ImportIssue, type ImportedTable } from '@vitals/shared';
import { CliError } from './errors';

export function formatIssue(issue: ImportIssue): string {
  const where = issue.row === null ? issue.sheet : issue.column ? `${issue.sheet}, line ${issue.row}, column ${issue.column}` : `${issue.sheet}, line ${issue.row}`;
  return `${issue.severity}: ${where}: ${issue.message}`;
}

/** Throws with every error when the table has any; returns the warnings otherwise. */
export function requireNoErrors(table: ImportedTable): ImportIssue[] {
  const errors = table.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    const shown = errors.slice(0, 50).map(formatIssue);
    const more = errors.length > shown.length ? [`… and ${errors.length - shown.length} more errors.`] : [];
    throw new CliError([`The file has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was scored:`, ...shown, ...more].join('\n'));
  }
  return table.issues.filter((i) => i.severity === 'warning');
}

export { describeLocation };
