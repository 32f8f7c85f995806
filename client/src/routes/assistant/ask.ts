/**
 * Asking a question: answered on the device at once when it matches a quick-query template (offline too),
 * otherwise stored as `queued` for the server's model and handed to the outbox, which sends it now when
 * online or when the connection returns.
 */
import {
  CHAT_QUESTION_MAX,
  type AssistantAnswer,
  type ConversationDoc,
  type TurnContext,
} from '@vitals/shared';
import { createConversation, putMessages, replyId, type MessageDraft } from '../../db/conversations';
import type { VitalsDatabase } from '../../db/database';
import { newDocumentId } from '../../db/imports';
import { setQueuedHint } from './outbox';
import { turnsOf, type Turn } from './thread';

export interface AskDeps {
  readonly db: VitalsDatabase;
  readonly userId: string;
  /** The device's answer with the previous turn's context; `null` when the device holds no data to answer from yet. */
  readonly answerHere: ((question: string, previous: TurnContext | null) => AssistantAnswer) | null;
  /** The context the next question in this conversation follows up on. */
  readonly contextAfter: (turns: readonly Turn[]) => TurnContext | null;
  readonly onAnswer: (questionId: string, answer: AssistantAnswer) => void;
  readonly now?: () => string;
}

export interface Asked {
  readonly conversationId: string;
  readonly questionId: string;
  /** True when the question waits for the server (the caller starts the outbox). */
  readonly queued: boolean;
}

/** What a question may be: trimmed, not empty, within the protocol's limit; otherwise why not. */
export function questionProblem(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return 'Type a question first.';
  if (trimmed.length > CHAT_QUESTION_MAX)
    return `Questions can be up to ${CHAT_QUESTION_MAX} characters; this one has ${trimmed.length}.`;
  return null;
}

/** The reply message for an answer given on the device. */
export function localReply(questionId: string, answer: AssistantAnswer, createdAt: string): MessageDraft {
  return {
    id: replyId(questionId),
    role: 'assistant',
    text: answer.answer.slice(0, 8000),
    kind: answer.kind,
    template: answer.template,
    status: 'answered',
    createdAt,
    citations: answer.citations
      .slice(0, 50)
      .map((c) => ({ kind: c.kind, ref: c.ref.slice(0, 80), label: c.label.slice(0, 200) })),
  };
}

export async function ask(deps: AskDeps, conversation: ConversationDoc | null, text: string): Promise<Asked> {
  const problem = questionProblem(text);
  if (problem) throw new RangeError(problem);
  const question = text.trim();
  const now = (deps.now ?? (() => new Date().toISOString()))();
  const id = newDocumentId();
  const context = conversation ? deps.contextAfter(turnsOf(conversation.messages)) : null;
  const local = deps.answerHere?.(question, context) ?? null;

  let drafts: MessageDraft[];
  if (local?.kind === 'deterministic') {
    deps.onAnswer(id, local);
    drafts = [
      {
        id,
        role: 'user',
        text: question,
        kind: 'deterministic',
        template: local.template,
        status: 'answered',
        createdAt: now,
      },
      localReply(id, local, now),
    ];
  } else {
    // Without local data the server decides what kind of question it is.
    drafts = [
      {
        id,
        role: 'user',
        text: question,
        kind: local ? 'analytical' : null,
        template: null,
        status: 'queued',
        createdAt: now,
      },
    ];
  }
  const queued = drafts.length === 1;
  // Before the write: a reconnect between the two must still find the hint.
  if (queued) setQueuedHint(deps.db.name, true);
  const saved = conversation
    ? await putMessages(deps.db, conversation.id, drafts, now)
    : await createConversation(deps.db, deps.userId, drafts, now);
  return { conversationId: saved.id, questionId: id, queued };
}

/** Asks a question that failed again: it goes back in the queue (its error reply stays until the answer replaces it). */
export async function retry(
  db: VitalsDatabase,
  conversation: ConversationDoc,
  questionId: string,
): Promise<void> {
  const question = conversation.messages.find((m) => m.id === questionId && m.role === 'user');
  if (!question) throw new Error('This question is no longer in the conversation.');
  setQueuedHint(db.name, true);
  await putMessages(db, conversation.id, [{ ...question, status: 'queued' }]);
}
