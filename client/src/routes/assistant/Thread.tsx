/**
 * The open conversation: its turns in order, the newest scrolled into view, and each new answer (or that a
 * question was queued, or failed) handed to the page's live region — not the streaming words, which would
 * talk over the user.
 */
import { parseHlc, type AssistantAnswer, type ConversationDoc } from '@vitals/shared';
import { createEffect, Index, on, type JSX } from 'solid-js';
import { deviceNodeId } from '../../db/clock';
import { sending } from './outbox';
import type { Turn } from './thread';
import { QUEUED_TEXT, TurnView } from './TurnView';

export interface ThreadProps {
  readonly conversation: ConversationDoc;
  readonly turns: readonly Turn[];
  /** Answers asked again on the device (for tables, charts and whether the data changed since). */
  readonly replayed: ReadonlyMap<string, AssistantAnswer>;
  /** Answers given in this tab. */
  readonly known: ReadonlyMap<string, AssistantAnswer>;
  readonly headingRef: (element: HTMLHeadingElement) => void;
  readonly online: boolean;
  readonly busy: boolean;
  readonly onRetry: (questionId: string) => void;
  readonly onAskAgain: (question: string) => void;
  readonly runAccount: (runId: string) => string | null;
  /** Where the question box begins on the screen (a viewport y): turns are scrolled into view above it. */
  readonly visibleBottom: () => number;
  /** Says something in the page's polite live region. */
  readonly announce: (text: string) => void;
  /** Started in this tab just now: its first answer is news too (opening an old one announces nothing). */
  readonly isNew: boolean;
}

/** What a turn's state says when it changes, for the live region. */
function announcement(turn: Turn): string | null {
  if (turn.question.status === 'queued') return `${QUEUED_TEXT}.`;
  if (turn.question.status === 'error') return `The assistant could not answer: ${turn.reply?.text ?? ''}`;
  return turn.reply ? `Answer: ${turn.reply.text}` : null;
}

/** Scrolls the page so `element` shows between the top of the screen and `bottom` (a viewport y). */
function reveal(element: Element, bottom: number, smooth: boolean): void {
  const MARGIN = 12;
  const rect = element.getBoundingClientRect();
  let delta = 0;
  if (rect.height > bottom - 2 * MARGIN || rect.top < MARGIN) delta = rect.top - MARGIN;
  else if (rect.bottom > bottom - MARGIN) delta = rect.bottom - bottom + MARGIN;
  if (Math.abs(delta) < 1) return;
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  window.scrollBy({ top: delta, behavior: smooth && !reduce ? 'smooth' : 'auto' });
}

function stateKey(turn: Turn): string {
  return `${turn.question.status}|${turn.reply?.status ?? ''}|${turn.reply?.hlc ?? ''}`;
}

export function Thread(props: ThreadProps): JSX.Element {
  const nodeId = deviceNodeId();
  let list: HTMLOListElement | undefined;

  // Announce what changed since the last look at this conversation; opening one announces nothing.
  let seen = new Map<string, string>();
  let seenConversation: string | null = null;
  createEffect(() => {
    const turns = props.turns;
    const opened = seenConversation !== props.conversation.id;
    if (opened && props.isNew) seen = new Map();
    const changed =
      opened && !props.isNew ? [] : turns.filter((t) => seen.get(t.question.id) !== stateKey(t));
    seen = new Map(turns.map((t) => [t.question.id, stateKey(t)]));
    seenConversation = props.conversation.id;
    const words = changed.map(announcement).filter((w): w is string => w !== null);
    if (words.length > 0) props.announce(words.join(' '));
  });

  // A new turn, or a new state of the last one (its answer arrived), is brought into view above the question
  // box, which stays at the bottom of the screen: all of it when it fits, else from its start.
  createEffect(
    on(
      () =>
        [
          props.conversation.id,
          props.turns.length,
          props.turns.length ? stateKey(props.turns[props.turns.length - 1]!) : '',
        ] as const,
      ([id], previous) => {
        const last = list?.lastElementChild;
        if (!last) return;
        const smooth = previous !== undefined && previous[0] === id;
        requestAnimationFrame(() => reveal(last, props.visibleBottom(), smooth));
      },
    ),
  );

  const answerFor = (turn: Turn): { answer: AssistantAnswer | null; stale: boolean } => {
    const given = props.known.get(turn.question.id);
    if (given) return { answer: given, stale: false };
    const again = props.replayed.get(turn.question.id);
    // Only an answer given on the device can be asked again here and compared; the model's cannot.
    if (!again || turn.reply?.kind !== 'deterministic' || turn.reply.status !== 'answered')
      return { answer: null, stale: false };
    return again.answer === turn.reply.text ? { answer: again, stale: false } : { answer: null, stale: true };
  };

  return (
    <div class="thread card">
      <h2 id="thread-title" class="thread-title" tabindex="-1" ref={props.headingRef}>
        {props.conversation.title}
      </h2>
      <ol class="turns" ref={list} aria-labelledby="thread-title">
        {/* By position, not identity: every change rebuilds the turn objects, and a turn's DOM (an expanded
            table, a drawn chart) should stay while only its state changes. */}
        <Index each={props.turns}>
          {(turn) => {
            const state = (): { answer: AssistantAnswer | null; stale: boolean } => answerFor(turn());
            return (
              <TurnView
                turn={turn()}
                answer={state().answer}
                stale={state().stale}
                streaming={sending()?.questionId === turn().question.id ? sending()!.text : null}
                online={props.online}
                askedHere={parseHlc(turn().question.hlc)?.nodeId === nodeId}
                busy={props.busy}
                onRetry={() => props.onRetry(turn().question.id)}
                onAskAgain={() => props.onAskAgain(turn().question.text)}
                runAccount={props.runAccount}
              />
            );
          }}
        </Index>
      </ol>
    </div>
  );
}
