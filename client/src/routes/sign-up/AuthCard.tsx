/**
 * The frame of the signed-out pages (sign-up, confirming an address, accepting an invitation): the brand and
 * the page's heading above one card, as on sign-in. `FieldError` is a field's message, tied to its input;
 * `OutcomeLine` what an action did. The wizard uses the last two as well. `NameField` and `NewPasswordField`
 * are the fields a new account needs, on sign-up and on an invitation alike.
 */
import { Show, type JSX } from 'solid-js';
import { PASSWORD_RULE } from './signup-model';

export function AuthCard(props: { title: string; children: JSX.Element }): JSX.Element {
  return (
    <div class="center-page">
      <main class="card sign-in auth-card" id="main">
        <div class="brand">
          <img src="/icons/icon.svg" alt="" />
          <h1 class="auth-title">{props.title}</h1>
        </div>
        {props.children}
      </main>
    </div>
  );
}

/** A field's problem: marked with a sign as well as colour, and named by the input's `aria-describedby`. */
export function FieldError(props: { id: string; message: string | undefined }): JSX.Element {
  return (
    <Show when={props.message}>
      <span class="field-error" id={props.id}>
        <span aria-hidden="true">⚠ </span>
        {props.message}
      </span>
    </Show>
  );
}

interface AccountFieldProps {
  /** The input's id; its error is `<id>-error` (and the password rule `<id>-rule`). */
  readonly id: string;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly error: string | undefined;
}

/** The ids an input is described by: its hint, then its error while it has one. */
function describedBy(error: string | undefined, ...ids: (string | undefined)[]): string | undefined {
  return ids.filter((id, i) => id !== undefined && (i < ids.length - 1 || error)).join(' ') || undefined;
}

export function NameField(props: AccountFieldProps): JSX.Element {
  return (
    <div class="field">
      <label for={props.id}>Name</label>
      <input
        id={props.id}
        autocomplete="name"
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.error, `${props.id}-error`)}
        required
      />
      <FieldError id={`${props.id}-error`} message={props.error} />
    </div>
  );
}

/** A new password, with the rule it must meet shown under it. */
export function NewPasswordField(props: AccountFieldProps): JSX.Element {
  return (
    <div class="field">
      <label for={props.id}>Password</label>
      <input
        id={props.id}
        type="password"
        autocomplete="new-password"
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.error, `${props.id}-rule`, `${props.id}-error`)}
        required
      />
      <span class="muted" id={`${props.id}-rule`}>
        {PASSWORD_RULE}
      </span>
      <FieldError id={`${props.id}-error`} message={props.error} />
    </div>
  );
}

const OUTCOME_LOOK = {
  done: { class: 'notice-success', mark: '✓ ' },
  info: { class: 'notice-info', mark: 'ℹ ' },
  error: { class: 'error', mark: '⚠ ' },
} as const;

/** What an action did: its kind told by a sign and words as well as colour, announced as it changes. */
export function OutcomeLine(props: {
  outcome: { readonly kind: keyof typeof OUTCOME_LOOK; readonly text: string } | null;
}): JSX.Element {
  return (
    <p role="status" class="outcome-line">
      <Show when={props.outcome}>
        {(o) => (
          <span class={OUTCOME_LOOK[o().kind].class}>
            <span aria-hidden="true">{OUTCOME_LOOK[o().kind].mark}</span>
            {o().text}
          </span>
        )}
      </Show>
    </p>
  );
}
