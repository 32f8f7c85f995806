/** The entry the signed-in shell loads (state/chat-queue-watcher.tsx) to send queued questions from any screen. */
import type { TenantData } from '../../state/tenant-data';
import { assistantDataOf, canAnswerHere } from './assistant-data';
import { drainOutbox, type DrainResult } from './outbox';
import { outboxDeps } from './outbox-deps';

export function sendQueuedQuestions(
  data: TenantData,
  userId: string,
  tenantId: string,
): Promise<DrainResult> {
  return drainOutbox(
    outboxDeps({
      db: data.db,
      userId,
      tenantId,
      data: () => (canAnswerHere(data) ? assistantDataOf(data) : null),
    }),
  );
}
