/**
 * Questions for the server's model, sent one at a time in the order they were asked. Every analytical
 * question goes through here — asked online it is sent at once, asked offline it waits as `queued` (stored,
 * so it survives a reload) until the connection returns. One path for both means an answer can never be
 * requested twice by this tab.
 *
 * Not twice across tabs either: all tabs of a browser share the device database, so each drain runs under a
 * Web Lock named after that database, and reads the question's current state from storage (not a query
 * cache another tab's write may not have reached yet) before sending it. A tab that waits for the lock then
 * finds what the first one already answered. Browsers without Web Locks get the in-tab guard only; there, two
 * open tabs reconnecting at the same moment could both ask the same question (harmless: the answer has a
 * derived id, so both write the same message).
 *
 * Only questions queued on this device are sent here (the message's clock names the device that stamped
 * it): the user's other devices see them through sync and leave them to the device that asked.
 *
 * Failures: no connection stops the drain and leaves the rest queued, in order; an ended session stops it
 * too (the banner asks to sign in again, then the queue continues); anything the server says is an error
 * goes on the question as `error` with the server's words and a retry, and the drain moves on.
 */
import {
  parseHlc,
  type AssistantAnswer,
  type ChatRequest,
  type ConversationDoc,
  type ConversationMessage,
} from '@vitals/shared';
import { createRoot, createSignal } from 'solid-js';
import { HttpError } from '../../api/http';
import { deviceNodeId } from '../../db/clock';
import { putMessages, replyId, type MessageDraft } from '../../db/conversations';
import type { VitalsDatabase } from '../../db/database';
import { writeErrorMessage } from '../../db/storage-errors';

export interface OutboxDeps {
  readonly db: VitalsDatabase;
  readonly userId: string;
  /** The request for a question: its follow-up context and the conversation so far. */
  readonly prepare: (conversation: ConversationDoc, question: ConversationMessage) => ChatRequest;
  /** Sends a request; `onText` receives the answer's text so far while it streams. */
  readonly ask: (request: ChatRequest, onText: (text: string) => void) => Promise<AssistantAnswer>;
  /** Called with each answer before it is stored (the screen keeps its table and context). */
  readonly onAnswer?: (questionId: string, answer: AssistantAnswer) => void;
  readonly now?: () => string;
  /** The first wait before trying again when the server cannot be reached (tests shorten it). */
  readonly retryFirstMs?: number;
}

export type DrainResult = 'done' | 'offline' | 'signed-out' | 'failed';

export interface Sending {
  readonly questionId: string;
  /** The answer's text so far (empty until the first words arrive). */
  readonly text: string;
}

const state = createRoot(() => {
  const [sending, setSending] = createSignal<Sending | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);
  return { sending, setSending, problem, setProblem };
});

/** The question being answered in this tab right now, with the text so far. */
export const sending = state.sending;
/** Why the queue could not be stored (a full disk, say), in words; `null` when all is well. */
export const outboxProblem = state.problem;

const QUEUED_HINT = 'vitals.chat-queued.v1:';

/**
 * Whether this device has questions waiting, for the signed-in shell: it loads the assistant's code on
 * reconnect only then. A hint, not the truth — the drain reads the database.
 */
export function hasQueuedHint(dbName: string): boolean {
  return localStorage.getItem(QUEUED_HINT + dbName) !== null;
}

export function setQueuedHint(dbName: string, queued: boolean): void {
  if (queued) localStorage.setItem(QUEUED_HINT + dbName, '1');
  else localStorage.removeItem(QUEUED_HINT + dbName);
}

function askedHere(message: ConversationMessage, nodeId: string): boolean {
  return parseHlc(message.hlc)?.nodeId === nodeId;
}

/** This device's queued questions, oldest first, with their conversations. */
export async function queuedQuestions(
  db: VitalsDatabase,
  userId: string,
): Promise<{ conversation: ConversationDoc; question: ConversationMessage }[]> {
  const nodeId = deviceNodeId();
  const docs = await db.conversations.find({ selector: { userId } }).exec();
  const out: { conversation: ConversationDoc; question: ConversationMessage }[] = [];
  for (const doc of docs) {
    const conversation = doc.toJSON() as unknown as ConversationDoc;
    for (const question of conversation.messages) {
      if (question.role === 'user' && question.status === 'queued' && askedHere(question, nodeId))
        out.push({ conversation, question });
    }
  }
  return out.sort((a, b) =>
    a.question.createdAt !== b.question.createdAt
      ? a.question.createdAt < b.question.createdAt
        ? -1
        : 1
      : a.question.id < b.question.id
        ? -1
        : 1,
  );
}

/** The conversation as stored right now, read from storage itself: another tab may have just answered. */
async function fresh(db: VitalsDatabase, conversationId: string): Promise<ConversationDoc | null> {
  const [doc] = await db.conversations.storageInstance.findDocumentsById([conversationId], false);
  return doc ? (doc as unknown as ConversationDoc) : null;
}

function answered(question: ConversationMessage, answer: AssistantAnswer, now: string): MessageDraft[] {
  return [
    { ...question, status: 'answered', kind: answer.kind, template: answer.template },
    {
      id: replyId(question.id),
      role: 'assistant',
      text: answer.answer.slice(0, 8000),
      kind: answer.kind,
      template: answer.template,
      status: 'answered',
      // Never before its question, whatever the clocks say.
      createdAt: now > question.createdAt ? now : question.createdAt,
      citations: answer.citations
        .slice(0, 50)
        .map((c) => ({ kind: c.kind, ref: c.ref.slice(0, 80), label: c.label.slice(0, 200) })),
    },
  ];
}

function failed(question: ConversationMessage, message: string, now: string): MessageDraft[] {
  return [
    { ...question, status: 'error' },
    {
      id: replyId(question.id),
      role: 'assistant',
      text: message.slice(0, 8000),
      kind: question.kind,
      template: null,
      status: 'error',
      createdAt: now > question.createdAt ? now : question.createdAt,
    },
  ];
}

function errorText(error: unknown): string {
  if (error instanceof HttpError) return error.message;
  return `The answer could not be read (${error instanceof Error ? error.message : String(error)}). Please try again.`;
}

async function drainLocked(deps: OutboxDeps): Promise<DrainResult> {
  const now = deps.now ?? (() => new Date().toISOString());
  // Each question at most once per drain, even if storing its outcome failed and it still reads as queued.
  const tried = new Set<string>();
  for (;;) {
    const next = (await queuedQuestions(deps.db, deps.userId)).find((q) => !tried.has(q.question.id));
    if (!next) return 'done';
    tried.add(next.question.id);
    const conversation = await fresh(deps.db, next.conversation.id);
    const question = conversation?.messages.find((m) => m.id === next.question.id);
    if (!conversation || conversation._deleted || question?.status !== 'queued') continue;

    let drafts: MessageDraft[];
    try {
      state.setSending({ questionId: question.id, text: '' });
      const answer = await deps.ask(deps.prepare(conversation, question), (text) =>
        state.setSending({ questionId: question.id, text }),
      );
      deps.onAnswer?.(question.id, answer);
      drafts = answered(question, answer, now());
    } catch (error) {
      if (error instanceof HttpError && error.offline) return 'offline';
      if (error instanceof HttpError && error.status === 401) return 'signed-out';
      drafts = failed(question, errorText(error), now());
    } finally {
      state.setSending(null);
    }
    try {
      await putMessages(deps.db, conversation.id, drafts, now());
      state.setProblem(null);
    } catch (error) {
      state.setProblem(
        `An answer arrived but could not be saved on this device: ${writeErrorMessage(error)}`,
      );
      return 'failed';
    }
  }
}

let running: Promise<DrainResult> | null = null;
let again = false;

/**
 * When the server cannot be reached although the browser believes it is online (a captive portal, the server
 * restarting), no "online" event will come to wake the queue: it tries again by itself, waiting longer each time.
 */
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 120_000;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay: number | null = null;

/** Forgets a pending retry (and its growing wait). */
export function cancelRetry(): void {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  retryDelay = null;
}

function retryLater(deps: OutboxDeps, result: DrainResult): void {
  if (result !== 'offline') {
    cancelRetry();
    return;
  }
  // A browser that knows it is offline says so with an "online" event when it is back (the shell listens).
  if (retryTimer !== undefined || (typeof navigator !== 'undefined' && !navigator.onLine)) return;
  const delay = retryDelay ?? deps.retryFirstMs ?? RETRY_FIRST_MS;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    void drainOutbox(deps);
  }, delay);
  retryDelay = Math.min(RETRY_MAX_MS, delay * 2);
}

/**
 * Sends this device's queued questions, in order, until none is left or the connection fails. Calls made
 * while a drain runs are folded into one more pass after it, so a question queued meanwhile is not missed.
 */
export function drainOutbox(deps: OutboxDeps): Promise<DrainResult> {
  if (running) {
    again = true;
    return running;
  }
  const run = async (): Promise<DrainResult> => {
    let result: DrainResult;
    do {
      again = false;
      result = await withDeviceLock(`vitals-chat-outbox:${deps.db.name}`, () => drainLocked(deps));
    } while (again && result === 'done');
    if (result === 'done') setQueuedHint(deps.db.name, false);
    retryLater(deps, result);
    return result;
  };
  running = run().finally(() => {
    running = null;
  });
  return running;
}

/** Runs `task` while holding a lock shared by every tab of this browser (Web Locks), or just runs it. */
async function withDeviceLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return task();
  // Waits for the lock (rather than giving up when another tab holds it): that tab may have just finished
  // its last question as this one was queued, and then this drain must still run.
  return await locks.request(name, task);
}
