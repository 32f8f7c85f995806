import { createEffect, createUniqueId, Show, type JSX } from 'solid-js';

export interface DialogProps {
  readonly open: boolean;
  readonly title: string;
  /** A line under the title, e.g. the period a figure covers. */
  readonly subtitle?: string;
  readonly onClose: () => void;
  readonly children: JSX.Element;
}

/**
 * A modal built on the native <dialog>: the browser traps focus, makes the page behind inert, closes on
 * Escape and returns focus to whatever opened it. A tap on the backdrop closes it too. The body is only
 * rendered while open, so a closed dialog costs nothing.
 */
export function Dialog(props: DialogProps): JSX.Element {
  let ref: HTMLDialogElement | undefined;
  const id = createUniqueId();
  createEffect(() => {
    if (!ref) return;
    if (props.open && !ref.open) ref.showModal();
    else if (!props.open && ref.open) ref.close();
  });
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={`${id}-title`}
      onClose={() => props.onClose()}
      onClick={(event) => {
        // The dialog box fills its own padding, so a click whose target is the <dialog> itself hit the backdrop.
        if (event.target === ref) ref.close();
      }}
    >
      <Show when={props.open}>
        <div class="dialog-box">
          <header class="dialog-head">
            <div>
              <h2 id={`${id}-title`}>{props.title}</h2>
              <Show when={props.subtitle}>
                <p class="muted">{props.subtitle}</p>
              </Show>
            </div>
            <button class="icon-button" type="button" aria-label="Close" onClick={() => ref?.close()}>
              <span aria-hidden="true">✕</span>
            </button>
          </header>
          <div class="dialog-body">{props.children}</div>
        </div>
      </Show>
    </dialog>
  );
}
