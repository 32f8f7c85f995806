/**
 * What the outbox needs from the signed-in app: the database, the server call, and how to prepare a
 * question's request (its follow-up context rebuilt on the device when this tab does not hold it).
 */
import { answerQuestion, type AssistantData } from '@vitals/shared';
import { askServer } from '../../api/chat';
import type { VitalsDatabase } from '../../db/database';
import { knownAnswers, rememberAnswer } from './answers';
import type { OutboxDeps } from './outbox';
import { chatRequest, contextBefore, turnsOf } from './thread';

export function outboxDeps(options: {
  readonly db: VitalsDatabase;
  readonly userId: string;
  readonly tenantId: string;
  /** The tenant's data for the engine, or `null` while the device holds none yet. */
  readonly data: () => AssistantData | null;
}): OutboxDeps {
  return {
    db: options.db,
    userId: options.userId,
    prepare(conversation, question) {
      const turns = turnsOf(conversation.messages);
      const index = turns.findIndex((t) => t.question.id === question.id);
      const data = options.data();
      const context = data
        ? contextBefore(turns, index, knownAnswers(), (q, previous) => answerQuestion(q, data, previous))
        : null;
      return chatRequest(turns, index, context);
    },
    ask: (request, onText) => askServer(options.tenantId, request, onText),
    onAnswer: rememberAnswer,
  };
}
