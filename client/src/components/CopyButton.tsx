import { createSignal, onCleanup, Show, type JSX } from 'solid-js';

/** Copies text to the clipboard and says so (visibly and to screen readers); says what to do when it cannot. */
export function CopyButton(props: { text: string; label: string; class?: string }): JSX.Element {
  const [state, setState] = createSignal<'idle' | 'copied' | 'failed'>('idle');
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(props.text);
      setState('copied');
    } catch {
      // No clipboard permission (or an insecure context): the text is on screen to select by hand.
      setState('failed');
    }
    clearTimeout(timer);
    timer = setTimeout(() => setState('idle'), 4000);
  };
  return (
    <span class="copy-button">
      <button class={props.class ?? 'button secondary'} type="button" onClick={() => void copy()}>
        <Show when={state() === 'copied'}>
          <span aria-hidden="true">✓</span>
        </Show>
        {state() === 'copied' ? 'Copied' : props.label}
      </button>
      <span role="status" class="copy-status">
        <Show when={state() === 'failed'}>Could not copy here: select the text and copy it.</Show>
        <Show when={state() === 'copied'}>
          <span class="visually-hidden">Copied to the clipboard.</span>
        </Show>
      </span>
    </span>
  );
}
