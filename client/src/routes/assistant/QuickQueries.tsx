/** The quick-query chips: one per template, each asking a concrete question about this tenant's data. */
import { For, type JSX } from 'solid-js';
import type { QuickQuery } from './examples';

export function QuickQueries(props: {
  queries: readonly QuickQuery[];
  disabled: boolean;
  onAsk: (question: string) => void;
  labelledBy?: string;
}): JSX.Element {
  return (
    <ul class="chips" aria-labelledby={props.labelledBy}>
      <For each={props.queries}>
        {(q) => (
          <li>
            <button
              class="chip"
              type="button"
              data-testid="quick-query"
              data-template={q.template}
              title={q.question}
              aria-disabled={props.disabled}
              onClick={() => {
                if (!props.disabled) props.onAsk(q.question);
              }}
            >
              {q.label}
            </button>
          </li>
        )}
      </For>
    </ul>
  );
}
