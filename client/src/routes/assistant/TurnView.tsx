/**
 * One turn of a conversation: the question, and under it the reply in whichever state it is — answered
 * (sentence, table, chart, sources), streaming, queued while offline, or failed with the server's words and
 * a retry. Every state is said in words with a symbol beside them, never by colour alone.
 */
import type { AssistantAnswer, Citation } from '@vitals/shared';
import { Match, Show, Switch, type JSX } from 'solid-js';
import { AnswerDetails, Citations } from './AnswerView';
import type { Turn } from './thread';

export const QUEUED_TEXT = 'Queued — will be answered when you’re back online';

export interface TurnViewProps {
  readonly turn: Turn;
  /** The full answer (table, chart) when this tab has it; the stored sentence is shown either way. */
  readonly answer: AssistantAnswer | null;
  /** The answer was given on the device, but today's data gives a different one. */
  readonly stale: boolean;
  /** The text so far while this question's answer streams in; `null` when it is not being answered. */
  readonly streaming: string | null;
  readonly online: boolean;
  /** False when another of the user's devices asked it (and will send it). */
  readonly askedHere: boolean;
  readonly busy: boolean;
  readonly onRetry: () => void;
  readonly onAskAgain: () => void;
  readonly runAccount: (runId: string) => string | null;
}

function When(props: { createdAt: string }): JSX.Element {
  const date = new Date(props.createdAt);
  const sameDay = date.toDateString() === new Date().toDateString();
  const text = sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return <time datetime={props.createdAt}>{text}</time>;
}

export function TurnView(props: TurnViewProps): JSX.Element {
  const q = (): Turn['question'] => props.turn.question;
  const reply = (): Turn['reply'] => props.turn.reply;
  const citations = (): readonly Citation[] => props.answer?.citations ?? reply()?.citations ?? [];
  return (
    <li class="turn" data-testid="turn">
      <div class="question-row">
        <div class="bubble question">
          <span class="visually-hidden">You asked: </span>
          <p class="question-text" data-testid="question-text">
            {q().text}
          </p>
          <span class="bubble-meta">
            <When createdAt={q().createdAt} />
          </span>
        </div>
      </div>
      <div class="bubble reply" aria-busy={props.streaming !== null}>
        <Switch>
          <Match when={q().status === 'queued' && props.streaming !== null}>
            <p class="reply-state working" data-testid="turn-status">
              <span class="spinner" aria-hidden="true" /> Answering…
            </p>
            <Show when={props.streaming}>
              <p class="answer-text streaming">{props.streaming}</p>
            </Show>
          </Match>
          <Match when={q().status === 'queued'}>
            <p class="reply-state queued" data-testid="turn-status">
              <span class="state-icon" aria-hidden="true">
                ◷
              </span>
              {!props.askedHere
                ? 'Waiting — asked on another of your devices, which sends it when it is online'
                : props.online
                  ? 'Waiting to be sent…'
                  : QUEUED_TEXT}
            </p>
          </Match>
          <Match when={q().status === 'error'}>
            <p class="reply-state failed" data-testid="turn-status">
              <span class="state-icon" aria-hidden="true">
                ⚠
              </span>{' '}
              The assistant could not answer this
            </p>
            <p class="answer-text error-text" data-testid="error-text">
              {reply()?.status === 'error' ? reply()!.text : 'Something went wrong while answering.'}
            </p>
            <button
              class="button secondary retry"
              type="button"
              data-testid="retry"
              disabled={props.busy}
              onClick={() => props.onRetry()}
            >
              <span aria-hidden="true">↻</span> Try again
            </button>
          </Match>
          <Match when={reply()}>
            {(r) => (
              <>
                <p class="answer-text" data-testid="answer-text">
                  {r().text}
                </p>
                <Show when={props.answer && !props.stale}>
                  <AnswerDetails answer={props.answer!} />
                </Show>
                <Show when={props.stale}>
                  <p class="stale-note">
                    <span aria-hidden="true">ⓘ</span> The figures have changed since this answer.{' '}
                    <button
                      class="link-button"
                      type="button"
                      disabled={props.busy}
                      onClick={() => props.onAskAgain()}
                    >
                      Ask again
                    </button>
                  </p>
                </Show>
                <Citations citations={citations()} runAccount={props.runAccount} />
                <p class="bubble-meta">
                  <span class="answered-by">
                    {r().kind === 'deterministic'
                      ? 'Answered on this device from your data'
                      : 'Answered by the assistant’s model'}
                  </span>
                  <span aria-hidden="true"> · </span>
                  <When createdAt={r().createdAt} />
                </p>
              </>
            )}
          </Match>
        </Switch>
      </div>
    </li>
  );
}
