/**
 * Assistant conversations on the device (shared/src/schemas/conversations.ts): one document per
 * conversation, private to its user, synced across that user's devices by the ordinary replication.
 *
 * Every message carries its own clock, and the merge treats messages as separate registers: a question
 * asked offline on the phone and one asked on the desktop both survive, and an answer that arrives later
 * rewrites only its own message. So each write here stamps just the messages it changes, after moving the
 * device clock past their previous stamps (the same rule as a KPI edit in writes.ts). Messages are never
 * removed from a list — a removal would not survive the merge — they change status instead.
 */
import {
  CONVERSATION_MESSAGES_MAX,
  validateConversation,
  type ConversationDoc,
  type ConversationMessage,
} from '@vitals/shared';
import type { RxDocument } from 'rxdb';
import { nextHlc, observeHlc } from './clock';
import type { VitalsDatabase } from './database';
import { newDocumentId } from './imports';
import { syncStatus } from './sync-status';

/** A message as the screen describes it; the clock is stamped here. */
export type MessageDraft = Omit<ConversationMessage, 'hlc'>;

export const TITLE_MAX = 80;

/** A conversation's title: its first question on one line, shortened at a word where it is long. */
export function titleFor(question: string): string {
  const line = question.replace(/\s+/g, ' ').trim();
  if (line.length <= TITLE_MAX) return line || 'New conversation';
  const cut = line.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The id of the assistant's reply to a question: derived, so two answers to one question stay one message. */
export function replyId(questionId: string): string {
  return `${questionId}-r`;
}

function withoutStorageFields(data: Record<string, unknown>): ConversationDoc {
  const { _attachments: _a, _meta: _m, _rev: _r, ...doc } = data;
  return doc as unknown as ConversationDoc;
}

function checked(doc: ConversationDoc): ConversationDoc {
  const result = validateConversation(doc);
  if (!result.ok)
    throw new Error(
      `This conversation could not be saved: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  return result.value;
}

/** Upserts messages by id, each with a fresh stamp; the list stays in the merge's order (time, then id). */
export function withMessages(
  doc: ConversationDoc,
  drafts: readonly MessageDraft[],
  now: string,
): ConversationDoc {
  const byId = new Map(doc.messages.map((m) => [m.id, m]));
  for (const draft of drafts) {
    const previous = byId.get(draft.id);
    if (previous) observeHlc(previous.hlc);
    // `citations` is optional in the schema: an absent key, never `undefined`, so the document stays plain JSON.
    const { citations, ...rest } = draft;
    byId.set(draft.id, { ...rest, ...(citations ? { citations } : {}), hlc: nextHlc() });
  }
  const messages = [...byId.values()].sort((a, b) =>
    a.createdAt !== b.createdAt
      ? a.createdAt < b.createdAt
        ? -1
        : 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0,
  );
  if (messages.length > CONVERSATION_MESSAGES_MAX) {
    throw new RangeError(
      `A conversation holds at most ${CONVERSATION_MESSAGES_MAX} messages: start a new one to ask more.`,
    );
  }
  return checked({ ...doc, messages, updatedAt: now > doc.updatedAt ? now : doc.updatedAt });
}

/** Starts a conversation with its first messages (the question, and the answer when there is one already). */
export async function createConversation(
  db: VitalsDatabase,
  userId: string,
  drafts: readonly MessageDraft[],
  now: string = new Date().toISOString(),
): Promise<ConversationDoc> {
  const first = drafts.find((d) => d.role === 'user');
  const empty: ConversationDoc = {
    id: newDocumentId(),
    userId,
    title: titleFor(first?.text ?? ''),
    messages: [],
    updatedAt: now,
    clocks: { title: nextHlc() },
    _deleted: false,
  };
  const doc = withMessages(empty, drafts, now);
  await db.conversations.insert(doc as never);
  syncStatus.wrote('conversations', doc.id);
  return doc;
}

async function modify(
  db: VitalsDatabase,
  conversationId: string,
  change: (doc: ConversationDoc) => ConversationDoc,
): Promise<ConversationDoc> {
  const existing = (await db.conversations.findOne(conversationId).exec()) as RxDocument<
    Record<string, unknown>
  > | null;
  if (!existing) throw new Error('This conversation is no longer on this device.');
  // incrementalModify re-runs the change on the newest state if replication wrote in between.
  const written = await existing.incrementalModify(
    (current) => change(withoutStorageFields(current)) as never,
  );
  syncStatus.wrote('conversations', conversationId);
  return written.toJSON(true) as unknown as ConversationDoc;
}

/** Adds messages to a conversation, or rewrites the ones with the same ids (an answer replacing "queued"). */
export function putMessages(
  db: VitalsDatabase,
  conversationId: string,
  drafts: readonly MessageDraft[],
  now: string = new Date().toISOString(),
): Promise<ConversationDoc> {
  return modify(db, conversationId, (doc) => withMessages(doc, drafts, now));
}

/**
 * Deletes a conversation on every device of its user: a tombstone stamped after everything in it, so the
 * delete wins over the copies other devices hold — unless one of them adds a message later, which brings
 * the conversation back rather than losing that question (shared/src/sync/merge.ts).
 */
export function deleteConversation(db: VitalsDatabase, conversationId: string): Promise<ConversationDoc> {
  return modify(db, conversationId, (doc) => {
    for (const stamp of [...Object.values(doc.clocks), ...doc.messages.map((m) => m.hlc)])
      if (stamp) observeHlc(stamp);
    return checked({ ...doc, _deleted: true, clocks: { ...doc.clocks, _deleted: nextHlc() } });
  });
}
