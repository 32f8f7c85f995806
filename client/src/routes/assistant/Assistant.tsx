/**
 * The assistant (`/assistant`, `/assistant/:conversationId`): the user's conversations beside (or, on
 * narrower screens, behind a button above) the open thread, the quick-query chips, and the question box.
 *
 * Template questions are answered here on the device, at once and offline too (answerQuestion over the
 * local data); anything else is queued for the server's model and sent by the outbox (outbox.ts) now or
 * when the connection returns. Conversations live in the device database and sync to the user's devices.
 */
import { A, useNavigate, useParams } from '@solidjs/router';
import {
  answerQuestion,
  warmAssistantData,
  type AssistantAnswer,
  type ConversationDoc,
  type TurnContext,
} from '@vitals/shared';
import { createEffect, createMemo, createSignal, from, on, onMount, Show, type JSX } from 'solid-js';
import { map } from 'rxjs';
import { Dialog } from '../../components/Dialog';
import { SyncIndicator } from '../../components/SyncIndicator';
import { deleteConversation } from '../../db/conversations';
import { writeErrorMessage } from '../../db/storage-errors';
import { syncStatus } from '../../db/sync-status';
import { whenIdle } from '../../idle';
import { session } from '../../session/session';
import { useTenantData } from '../../state/tenant-data';
import { knownAnswers, rememberAnswer } from './answers';
import { ask, retry } from './ask';
import { canAnswerHere, createAssistantData, whenRead } from './assistant-data';
import { Composer } from './Composer';
import { ConversationList } from './ConversationList';
import { quickQueries } from './examples';
import { drainOutbox, outboxProblem } from './outbox';
import { outboxDeps } from './outbox-deps';
import { QuickQueries } from './QuickQueries';
import { Thread } from './Thread';
import { replayAnswers, turnsOf } from './thread';
import './assistant.css';

export function Assistant(): JSX.Element {
  const data = useTenantData();
  const params = useParams<{ conversationId?: string }>();
  const navigate = useNavigate();
  const userId = session()!.user.id;
  const tenantId = session()!.tenantId;
  const [problem, setProblem] = createSignal<string | null>(null);
  const [listOpen, setListOpen] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [spoken, setSpoken] = createSignal('');
  // Conversations this page started, whose first answer is announced like any later one.
  const startedHere = new Set<string>();
  let composer: HTMLTextAreaElement | undefined;
  let threadHeading: HTMLHeadingElement | undefined;
  let composerBar: HTMLDivElement | undefined;

  const found = from(
    data.db.conversations
      .find({ selector: { userId }, sort: [{ updatedAt: 'desc' }] })
      .$.pipe(map((docs) => docs.map((d) => d.toJSON() as unknown as ConversationDoc))),
  );
  const conversations = (): ConversationDoc[] => found() ?? [];
  const loaded = (): boolean => found() !== undefined;
  const current = createMemo(() => conversations().find((c) => c.id === params.conversationId) ?? null);

  const assistantData = createAssistantData(data);
  const hasData = (): boolean => canAnswerHere(data);
  // What questions share (health, recommendations, revenue, the name index: a few hundred ms on 2,000 accounts)
  // is built at an idle moment after the data changes, so the first question answers as fast as the next.
  createEffect(() => {
    if (!hasData()) return;
    const current = assistantData();
    void whenIdle().then(() => warmAssistantData(current));
  });
  const answerHere = (question: string, previous: TurnContext | null): AssistantAnswer =>
    answerQuestion(question, assistantData(), previous);
  const queries = createMemo(() => (hasData() ? quickQueries(assistantData()) : []));
  const runAccounts = createMemo(() => new Map(data.runs().map((r) => [r.id, r.accountId])));

  const turns = createMemo(() => turnsOf(current()?.messages ?? []));
  // The answers behind the recent turns (given in this tab, or asked again here after a reload): their tables
  // and charts, whether the data has changed since, and the context the next question follows up on.
  const replayed = createMemo(() =>
    hasData() ? replayAnswers(turns(), knownAnswers(), answerHere) : new Map<string, AssistantAnswer>(),
  );

  const deps = outboxDeps({
    db: data.db,
    userId,
    tenantId,
    data: () => (hasData() ? assistantData() : null),
  });
  const sendQueued = (): void => {
    if (!syncStatus.online()) return;
    void drainOutbox(deps);
  };
  // Anything this device queued before (a reload while the answer was on its way, a question asked offline).
  onMount(sendQueued);

  const askQuestion = async (text: string): Promise<boolean> => {
    setProblem(null);
    // Just after start-up the history may still be being read: answer from all of it, not from part.
    await whenRead(data);
    try {
      const asked = await ask(
        {
          db: data.db,
          userId,
          answerHere: hasData() ? answerHere : null,
          contextAfter: (all) =>
            all.length ? (replayed().get(all[all.length - 1]!.question.id)?.context ?? null) : null,
          onAnswer: rememberAnswer,
        },
        current(),
        text,
      );
      if (!current()) startedHere.add(asked.conversationId);
      if (asked.conversationId !== params.conversationId)
        navigate(`/assistant/${encodeURIComponent(asked.conversationId)}`);
      if (asked.queued) sendQueued();
      return true;
    } catch (error) {
      setProblem(
        error instanceof RangeError
          ? error.message
          : `Your question could not be saved: ${writeErrorMessage(error)}`,
      );
      return false;
    }
  };

  const askChip = (question: string): void => {
    void askQuestion(question).then(() => composer?.focus());
  };

  const withBusy = async (task: () => Promise<void>): Promise<void> => {
    if (busy()) return;
    setBusy(true);
    setProblem(null);
    try {
      await task();
    } catch (error) {
      setProblem(writeErrorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const retryQuestion = (questionId: string): void => {
    const conversation = current();
    if (!conversation) return;
    void withBusy(async () => {
      await retry(data.db, conversation, questionId);
      sendQueued();
    });
  };

  const remove = async (id: string): Promise<void> => {
    try {
      await deleteConversation(data.db, id);
      if (id === params.conversationId) navigate('/assistant');
    } catch (error) {
      setProblem(`The conversation could not be deleted: ${writeErrorMessage(error)}`);
    }
  };

  // Opening a conversation from the list moves focus to it, so a screen reader starts reading there.
  let focusThread = false;
  createEffect(
    on(current, (conversation) => {
      if (focusThread && conversation) queueMicrotask(() => threadHeading?.focus());
      focusThread = false;
    }),
  );
  const opened = (): void => {
    focusThread = true;
    setListOpen(false);
  };

  const list = (): JSX.Element => (
    <ConversationList
      conversations={conversations()}
      currentId={current()?.id ?? null}
      onOpen={opened}
      onDelete={remove}
      onEmptied={() => {
        setListOpen(false);
        composer?.focus();
      }}
    />
  );

  return (
    <div class="assistant">
      <header class="topbar">
        <div>
          <h1>Assistant</h1>
          <span class="muted">Answers from your portfolio’s data, with the accounts behind them</span>
        </div>
        <div class="assistant-actions">
          <button
            class="button secondary list-toggle"
            type="button"
            data-testid="open-conversations"
            onClick={() => setListOpen(true)}
          >
            Conversations
            <Show when={conversations().length > 0}>
              <span class="count-pill">{conversations().length}</span>
            </Show>
          </button>
          <Show when={current()}>
            <A
              class="button secondary"
              href="/assistant"
              data-testid="new-conversation"
              onClick={() => queueMicrotask(() => composer?.focus())}
            >
              <span aria-hidden="true">+</span> New<span class="long-label"> conversation</span>
            </A>
          </Show>
          <SyncIndicator />
        </div>
      </header>

      <div class="assistant-layout">
        <nav class="conversation-pane card" aria-labelledby="conversations-title">
          <div class="pane-head">
            <h2 id="conversations-title">Conversations</h2>
            <A
              class="button secondary small"
              href="/assistant"
              onClick={() => queueMicrotask(() => composer?.focus())}
            >
              <span aria-hidden="true">+</span> New
            </A>
          </div>
          {list()}
        </nav>

        <section class="thread-pane" aria-labelledby={current() ? 'thread-title' : 'start-title'}>
          <Show
            when={current()}
            fallback={
              <div class="start card">
                <Show when={params.conversationId && loaded() && !startedHere.has(params.conversationId)}>
                  {/* A link to a conversation deleted meanwhile (here or on another device). */}
                  <p class="banner" role="status">
                    That conversation is no longer on this device: it was deleted. Ask a new question below.
                  </p>
                </Show>
                <h2 id="start-title">
                  {!loaded()
                    ? 'Loading your conversations…'
                    : conversations().length === 0
                      ? 'Ask your first question'
                      : 'Ask a new question'}
                </h2>
                <p class="start-text">
                  Quick questions like the ones below are answered instantly from the data on this device —
                  even offline — with the table or chart behind the answer. Anything else goes to the
                  assistant’s model when you’re online, and waits in a queue until you’re back when you’re
                  not.
                </p>
                <Show
                  when={queries().length > 0}
                  fallback={
                    <p class="muted" role="status">
                      {data.ready()
                        ? 'Quick questions appear once this workspace has accounts with KPI data.'
                        : 'Loading your data…'}
                    </p>
                  }
                >
                  <h3 id="quick-title" class="quick-title">
                    Quick questions
                  </h3>
                  <QuickQueries
                    queries={queries()}
                    disabled={busy()}
                    onAsk={askChip}
                    labelledBy="quick-title"
                  />
                </Show>
              </div>
            }
          >
            {(conversation) => (
              <Thread
                conversation={conversation()}
                turns={turns()}
                replayed={replayed()}
                known={knownAnswers()}
                headingRef={(el) => (threadHeading = el)}
                online={syncStatus.online()}
                busy={busy()}
                onRetry={retryQuestion}
                onAskAgain={(text) => void askQuestion(text)}
                runAccount={(id) => runAccounts().get(id) ?? null}
                announce={setSpoken}
                visibleBottom={() => composerBar?.getBoundingClientRect().top ?? window.innerHeight}
                isNew={startedHere.has(conversation().id)}
              />
            )}
          </Show>

          <div class="composer-bar" ref={composerBar}>
            <Show when={problem() ?? outboxProblem()}>
              <p class="error composer-error" role="alert">
                {problem() ?? outboxProblem()}
              </p>
            </Show>
            <Show when={current() && queries().length > 0}>
              <details class="quick-more">
                <summary>Quick questions</summary>
                <QuickQueries queries={queries()} disabled={busy()} onAsk={askChip} />
              </details>
            </Show>
            <Composer onAsk={askQuestion} online={syncStatus.online()} ref={(el) => (composer = el)} />
          </div>
        </section>
      </div>

      <p class="visually-hidden" role="status" aria-live="polite" data-testid="assistant-announcement">
        {spoken()}
      </p>

      <Dialog open={listOpen()} title="Conversations" onClose={() => setListOpen(false)}>
        <A class="button secondary dialog-new" href="/assistant" onClick={() => setListOpen(false)}>
          <span aria-hidden="true">+</span> New conversation
        </A>
        {list()}
      </Dialog>
    </div>
  );
}
