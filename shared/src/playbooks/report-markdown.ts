/**
 * The run report and the playbook summary as Markdown (GitHub-flavoured tables), for pasting into a CRM,
 * a ticket or an email. Names and notes are people's text: they are escaped so they stay text.
 */
import { RACI_ROLES, RACI_ROLE_NAMES } from './definitions';
import { formatDay } from './format';
import { monthLabel, type PlaybookSummary, type RunReport, type TimelineRow } from './report';

/** Text that Markdown shows as typed: no emphasis, links, HTML or table breaks; one line. */
export function markdownText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([\\`*_{}[\]()<>#+!|~])/g, '\\$1')
    .replace(/^([-=])/, '\\$1')
    .replace(/^(\d+)\./, '$1\\.');
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

function stateLine(report: RunReport): string {
  const parts = [`**State:** ${report.stateLabel}`];
  if (report.startedAt) parts.push(`started ${formatDay(report.startedAt)}`);
  if (report.finishedAt)
    parts.push(`${report.state === 'abandoned' ? 'abandoned' : 'completed'} ${formatDay(report.finishedAt)}`);
  parts.push(`${report.progress.done} of ${report.progress.total} steps done`);
  return parts.join(' · ');
}

function timelineCells(row: TimelineRow, index: number): string[] {
  const status = row.done
    ? `Done ${row.doneAt ? formatDay(row.doneAt) : ''}`.trim()
    : row.late
      ? 'Overdue'
      : 'Open';
  return [
    String(index + 1),
    markdownText(row.title),
    row.due ? formatDay(row.due) : '—',
    row.late && row.done ? `${status} (late)` : status,
    row.doneBy ? markdownText(row.doneBy) : '',
    row.note ? markdownText(row.note) : '',
  ];
}

export function runReportMarkdown(report: RunReport): string {
  const evidence = report.trigger.evidence.length
    ? report.trigger.evidence.map((e) => `- ${markdownText(e)}`).join('\n')
    : '- Started by hand, without a trigger firing.';
  const outcome = report.outcome
    ? `**${report.outcome.met ? 'Met' : 'Not met'}.** ${markdownText(report.outcome.text)} Measured ${formatDay(report.outcome.measuredAt)}.`
    : `Not measured yet: the outcome is recorded when the run is completed. Success criterion: ${markdownText(report.criterion)}.`;
  return [
    `# ${markdownText(report.playbookName)}: ${markdownText(report.accountName)}`,
    '',
    `${markdownText(report.tenantName)} · run report generated ${formatDay(report.generatedAt)}`,
    '',
    `**Account:** ${markdownText(report.accountName)}  `,
    `${stateLine(report)}`,
    '',
    `## Trigger evidence (${monthLabel(report.trigger.month)})`,
    '',
    evidence,
    '',
    `**Success criterion:** ${markdownText(report.criterion)}.`,
    '',
    '## RACI',
    '',
    table(
      ['Role', 'Assigned to'],
      report.roles.map((r) => [r.roleName, r.assignee === null ? 'Not assigned' : markdownText(r.assignee)]),
    ),
    '',
    table(
      ['Step', ...RACI_ROLES.map((role) => RACI_ROLE_NAMES[role])],
      report.matrix.map((row) => [markdownText(row.title), ...row.cells]),
    ),
    '',
    'R responsible · A accountable · C consulted · I informed',
    '',
    '## Timeline',
    '',
    table(['#', 'Step', 'Due', 'Status', 'By', 'Note'], report.timeline.map(timelineCells)),
    '',
    '## Before and after',
    '',
    table(
      ['KPI', report.beforeLabel, report.afterLabel, 'Change'],
      report.beforeAfter.map((r) => [r.label, r.before, r.after, r.change]),
    ),
    '',
    '## Outcome',
    '',
    outcome,
    '',
  ].join('\n');
}

export function playbookSummaryMarkdown(summary: PlaybookSummary): string {
  return [
    `# ${markdownText(summary.playbookName)}: results`,
    '',
    `${markdownText(summary.tenantName)} · generated ${formatDay(summary.generatedAt)}`,
    '',
    markdownText(summary.description),
    '',
    `**Trigger:** ${markdownText(summary.trigger)}.  `,
    `**Success criterion:** ${markdownText(summary.criterion)}.`,
    '',
    '## Results',
    '',
    `- Success rate: ${summary.successRate}`,
    ...summary.improvements.map((i) => `- ${markdownText(i)}`),
    `- Runs: ${summary.counts.map((c) => `${c.label.toLowerCase()} ${c.value}`).join(', ')}`,
    '',
    '## Runs',
    '',
    summary.rows.length === 0
      ? 'No runs yet.'
      : table(
          ['Account', 'State', 'Started', 'Finished', 'Before → after', 'Criterion met'],
          summary.rows.map((r) => [
            markdownText(r.accountName),
            r.state,
            r.started,
            r.finished,
            markdownText(r.result),
            r.met,
          ]),
        ),
    '',
  ].join('\n');
}
