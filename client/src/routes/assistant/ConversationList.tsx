/**
 * The user's conversations, most recent first: open one, start a new one, delete one (asked to confirm in
 * place, since a delete reaches every device of the user). A conversation with a question still waiting
 * says so beside its title.
 */
import { A } from '@solidjs/router';
import type { ConversationDoc } from '@vitals/shared';
import { createSignal, For, Show, type JSX } from 'solid-js';

export interface ConversationListProps {
  readonly conversations: readonly ConversationDoc[];
  readonly currentId: string | null;
  readonly onOpen?: () => void;
  readonly onDelete: (id: string) => Promise<void>;
  /** The last conversation was deleted: focus goes elsewhere on the page. */
  readonly onEmptied?: () => void;
}

function when(iso: string): string {
  const date = new Date(iso);
  const now = new Date();
  if (date.toDateString() === now.toDateString())
    return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return date.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
}

function waiting(doc: ConversationDoc): number {
  return doc.messages.filter((m) => m.role === 'user' && m.status === 'queued').length;
}

function TrashIcon(): JSX.Element {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      <path d="M3 6h18M8 6V4h8v2M6 6l1 14h10l1-14M10 11v6M14 11v6" />
    </svg>
  );
}

export function ConversationList(props: ConversationListProps): JSX.Element {
  const [confirming, setConfirming] = createSignal<string | null>(null);
  const [deleting, setDeleting] = createSignal<string | null>(null);
  let list: HTMLUListElement | undefined;
  // Focus never falls to the page when the element holding it goes away: back to the row's delete button after
  // "Cancel", to the first conversation left after a delete.
  const focusLater = (selector: string): void => {
    requestAnimationFrame(() => {
      const target = list?.isConnected ? list.querySelector<HTMLElement>(selector) : null;
      if (target) target.focus();
      else props.onEmptied?.();
    });
  };
  return (
    <Show
      when={props.conversations.length > 0}
      fallback={
        <p class="muted conversation-empty">
          No conversations yet. Your questions and their answers are kept here, on all your devices.
        </p>
      }
    >
      <ul class="conversation-list" data-testid="conversation-list" ref={list}>
        <For each={props.conversations}>
          {(c) => {
            const count = (): number => c.messages.filter((m) => m.role === 'user').length;
            return (
              <li
                class="conversation-item"
                classList={{ current: c.id === props.currentId }}
                data-testid="conversation"
                data-id={c.id}
              >
                <Show
                  when={confirming() === c.id}
                  fallback={
                    <>
                      <A
                        class="conversation-link"
                        href={`/assistant/${encodeURIComponent(c.id)}`}
                        aria-current={c.id === props.currentId ? 'page' : undefined}
                        onClick={() => props.onOpen?.()}
                      >
                        <span class="conversation-title">{c.title}</span>
                        <span class="conversation-meta">
                          {when(c.updatedAt)} · {count()} question{count() === 1 ? '' : 's'}
                          <Show when={waiting(c) > 0}>
                            {' · '}
                            <span class="waiting">
                              <span aria-hidden="true">◷</span> {waiting(c)} waiting
                            </span>
                          </Show>
                        </span>
                      </A>
                      <button
                        class="icon-button conversation-delete"
                        type="button"
                        aria-label={`Delete “${c.title}”`}
                        data-testid="delete-conversation"
                        onClick={() => setConfirming(c.id)}
                      >
                        <TrashIcon />
                      </button>
                    </>
                  }
                >
                  <div class="confirm-delete" role="group" aria-label={`Delete “${c.title}”?`}>
                    <span>Delete on all your devices?</span>
                    <div class="confirm-actions">
                      <button
                        class="button danger"
                        type="button"
                        data-testid="confirm-delete"
                        ref={(el) => queueMicrotask(() => el.focus())}
                        disabled={deleting() === c.id}
                        onClick={() => {
                          setDeleting(c.id);
                          void props.onDelete(c.id).finally(() => {
                            setDeleting(null);
                            setConfirming(null);
                            focusLater('.conversation-link');
                          });
                        }}
                      >
                        Delete
                      </button>
                      <button
                        class="button secondary"
                        type="button"
                        onClick={() => {
                          setConfirming(null);
                          focusLater(`[data-id="${CSS.escape(c.id)}"] .conversation-delete`);
                        }}
                      >
                        Cancel
                      </button>
                    </div>
                  </div>
                </Show>
              </li>
            );
          }}
        </For>
      </ul>
    </Show>
  );
}
