/**
 * Webhook events that follow from a write as such: a playbook run reaching `completed`, an import committed
 * (a new version document, from a device or the server's import). The event data is what an integration
 * needs to act without calling back: ids, names and the outcome, never KPI histories.
 */
import type { PlaybookRunDoc, VersionDoc, WebhookEventType } from '@vitals/shared';
import type { DocumentChange, WriteEvent } from './types';

export interface WebhookEvent {
  readonly type: WebhookEventType;
  readonly data: Readonly<Record<string, unknown>>;
}

function completedRuns(changes: readonly DocumentChange[]): PlaybookRunDoc[] {
  return changes
    .filter(({ before, after }) => !after._deleted && after.state === 'completed' && before?.state !== 'completed')
    .map(({ after }) => after as unknown as PlaybookRunDoc);
}

function committedImports(changes: readonly DocumentChange[]): VersionDoc[] {
  return changes.filter(({ before, after }) => before === null && !after._deleted).map(({ after }) => after as unknown as VersionDoc);
}

export function webhookEventsOf(event: WriteEvent): WebhookEvent[] {
  if (event.collection === 'playbook_runs') {
    return completedRuns(event.changes).map((run) => ({
      type: 'playbook_run.completed',
      data: {
        run: { id: run.id, playbookId: run.playbookId, accountId: run.accountId, startedAt: run.startedAt, completedAt: run.completedAt },
        outcome: run.outcome && { criterionMet: run.outcome.criterionMet, before: run.outcome.before, after: run.outcome.after },
        completedBy: event.userId,
      },
    }));
  }
  if (event.collection === 'versions') {
    return committedImports(event.changes).map((version) => ({
      type: 'import.committed',
      data: {
        version: { id: version.id, fileName: version.fileName, layout: version.layout, createdAt: version.createdAt, counts: version.counts },
        committedBy: version.createdBy,
      },
    }));
  }
  return [];
}
