/**
 * A conversation as the screen and the server need it: turns (a question and its reply), the context a
 * follow-up carries, and the request for the server. Pure functions of the stored messages.
 *
 * Follow-up context: a turn's `TurnContext` (what "it", "them", "those" point at) is not stored — the
 * message schema has no place for it and it is cheap to rebuild. Answers given in this tab are kept in
 * memory with their context (answers.ts). Otherwise — after a reload, on another device, or for a question
 * queued offline — the context is rebuilt by asking the conversation's earlier questions again on the
 * device, in order, each with the context of the one before, over at most the last REPLAY_LIMIT questions
 * (follow-up words reach back one turn, so a short chain is enough; each answer costs < 10 ms).
 */
import {
  CHAT_HISTORY_MAX,
  type AssistantAnswer,
  type ChatRequest,
  type ConversationMessage,
  type TurnContext,
} from '@vitals/shared';
import { replyId } from '../../db/conversations';

export const REPLAY_LIMIT = 12;

export interface Turn {
  readonly question: ConversationMessage;
  /** The assistant's reply (answer or error); `null` while the question waits or is on its way. */
  readonly reply: ConversationMessage | null;
}

/** Asks one question on the device with the previous turn's context (answerQuestion over this tenant's data). */
export type Answerer = (question: string, previous: TurnContext | null) => AssistantAnswer;

/** The messages as turns, in the order the questions were asked. A reply without its question is dropped. */
export function turnsOf(messages: readonly ConversationMessage[]): Turn[] {
  const replies = new Map<string, ConversationMessage>();
  for (const m of messages) if (m.role === 'assistant') replies.set(m.id, m);
  return messages
    .filter((m) => m.role === 'user')
    .map((question) => ({ question, reply: replies.get(replyId(question.id)) ?? null }));
}

/**
 * The answers behind the last `REPLAY_LIMIT` questions up to (not including) `before`, by question id:
 * the one given in this tab when there is one, otherwise asked again on the device with the context of
 * the turn before. The last entry's context is what the next question follows up on.
 */
export function replayAnswers(
  turns: readonly Turn[],
  known: ReadonlyMap<string, AssistantAnswer>,
  answer: Answerer,
  before: number = turns.length,
): Map<string, AssistantAnswer> {
  const out = new Map<string, AssistantAnswer>();
  let context: TurnContext | null = null;
  for (let i = Math.max(0, before - REPLAY_LIMIT); i < before; i++) {
    const question = turns[i]!.question;
    const given: AssistantAnswer = known.get(question.id) ?? answer(question.text, context);
    out.set(question.id, given);
    context = given.context;
  }
  return out;
}

/** The context the question at `index` follows up on. */
export function contextBefore(
  turns: readonly Turn[],
  index: number,
  known: ReadonlyMap<string, AssistantAnswer>,
  answer: Answerer,
): TurnContext | null {
  if (index === 0) return null;
  // Only the turn just before is needed, but its own meaning may depend on the ones before it.
  const replayed = replayAnswers(turns, known, answer, index);
  return replayed.get(turns[index - 1]!.question.id)?.context ?? null;
}

type WireContext = NonNullable<ChatRequest['context']>;

/** A context as the protocol's schema reads it (mutable arrays, nothing but its fields). */
function wireContext(context: TurnContext): WireContext {
  const { accountIds, period, settings, ...rest } = context;
  const wire: WireContext = {
    ...rest,
    accountIds: accountIds.slice(0, 100),
    period: period ? { ...period } : null,
  };
  if (settings !== undefined) {
    wire.settings = settings && {
      ...settings,
      statuses: settings.statuses ? [...settings.statuses] : undefined,
    };
  }
  return wire;
}

/** The server's request for the question at `index`: the question, its follow-up context, and what was said before. */
export function chatRequest(turns: readonly Turn[], index: number, context: TurnContext | null): ChatRequest {
  const history: { role: 'user' | 'assistant'; text: string }[] = [];
  for (const turn of turns.slice(0, index)) {
    history.push({ role: 'user', text: turn.question.text });
    if (turn.reply && turn.reply.status === 'answered')
      history.push({ role: 'assistant', text: turn.reply.text });
  }
  return {
    question: turns[index]!.question.text,
    context: context ? wireContext(context) : null,
    // The most recent turns, oldest first, within the protocol's limit.
    history: history.slice(-CHAT_HISTORY_MAX),
  };
}
