/**
 * Where questions are typed. Enter sends, Shift+Enter starts a new line (the hint says so), the box grows
 * with its text up to a few lines, and focus stays here after sending so the next question can follow.
 */
import { CHAT_QUESTION_MAX } from '@vitals/shared';
import { createSignal, Show, type JSX } from 'solid-js';

export interface ComposerProps {
  readonly onAsk: (text: string) => Promise<boolean>;
  readonly online: boolean;
  readonly ref?: (element: HTMLTextAreaElement) => void;
}

const MAX_HEIGHT_PX = 160;

export function Composer(props: ComposerProps): JSX.Element {
  let box: HTMLTextAreaElement | undefined;
  const [text, setText] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  const fit = (): void => {
    if (!box) return;
    box.style.height = 'auto';
    box.style.height = `${Math.min(box.scrollHeight + 2, MAX_HEIGHT_PX)}px`;
  };

  const submit = async (): Promise<void> => {
    if (busy() || !text().trim()) return;
    setBusy(true);
    try {
      // Cleared only once the question is stored: a refused one stays to be fixed.
      if (await props.onAsk(text())) {
        setText('');
        fit();
      }
    } finally {
      setBusy(false);
      box?.focus();
    }
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label for="assistant-question" class="visually-hidden">
        Ask a question about your accounts
      </label>
      <textarea
        id="assistant-question"
        data-testid="question-input"
        ref={(el) => {
          box = el;
          props.ref?.(el);
        }}
        rows={1}
        maxLength={CHAT_QUESTION_MAX}
        placeholder="Ask about your accounts…"
        aria-describedby="assistant-hint"
        value={text()}
        onInput={(event) => {
          setText(event.currentTarget.value);
          fit();
        }}
        onKeyDown={(event) => {
          // IME composition uses Enter to pick a word: not a send.
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            void submit();
          }
        }}
      />
      <button
        class="button send"
        type="submit"
        data-testid="send"
        aria-label="Send question"
        aria-disabled={busy() || !text().trim()}
      >
        <span aria-hidden="true">➤</span>
        <span class="send-label">Send</span>
      </button>
      {/* On a phone (no Enter key to speak of) only the offline note shows; screen readers get all of it. */}
      <p id="assistant-hint" class="composer-hint muted" classList={{ 'has-note': !props.online }}>
        <span class="keys">Enter to send · Shift+Enter for a new line</span>
        <Show when={!props.online}>
          <span class="keys"> · </span>
          <span>
            <strong>Offline:</strong> quick questions are answered from this device; others wait until you’re
            back online.
          </span>
        </Show>
      </p>
    </form>
  );
}
