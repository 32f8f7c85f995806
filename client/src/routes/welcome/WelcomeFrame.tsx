/**
 * The wizard's frame (`/welcome/*`): the brand, the steps with where the person stands (in words, not only
 * colour), the step's heading, and the step. A small layout instead of the app's shell: nothing to wander
 * off to before the workspace exists. Only for a signed-in account with a confirmed address (or a member).
 */
import { Navigate, type RouteSectionProps } from '@solidjs/router';
import { createEffect, For, Match, on, Switch, type JSX } from 'solid-js';
import { isVerified } from '../../session/account-model';
import { session, signedInUser } from '../../session/session';
import {
  STEP_STATE_TEXT,
  stepAt,
  stepCount,
  stepState,
  WELCOME_STEPS,
  type WelcomeStep,
} from './welcome-model';
import './welcome.css';

function StepIndicator(props: { current: WelcomeStep }): JSX.Element {
  return (
    <ol class="welcome-steps" aria-label="Setup steps">
      <For each={WELCOME_STEPS}>
        {(step, index) => {
          const state = (): ReturnType<typeof stepState> => stepState(step, props.current);
          return (
            <li class={`welcome-step ${state()}`} aria-current={state() === 'current' ? 'step' : undefined}>
              <span class="welcome-step-mark" aria-hidden="true">
                {state() === 'done' ? '✓' : index() + 1}
              </span>
              <span>{step.short}</span>
              <span class="visually-hidden"> ({STEP_STATE_TEXT[state()]})</span>
            </li>
          );
        }}
      </For>
    </ol>
  );
}

export function WelcomeFrame(props: RouteSectionProps): JSX.Element {
  const step = (): WelcomeStep => stepAt(props.location.pathname) ?? WELCOME_STEPS[0]!;
  let heading: HTMLHeadingElement | undefined;
  // A new step is a new page: move focus to its heading, as a page load would start there.
  createEffect(on(step, () => heading?.focus(), { defer: true }));
  return (
    <Switch
      fallback={
        <div class="welcome-page">
          <a class="skip-link" href="#main">
            Skip to content
          </a>
          <header class="welcome-head">
            <div class="brand">
              <img src="/icons/icon.svg" alt="" />
              <span>Vitals</span>
            </div>
            <StepIndicator current={step()} />
          </header>
          <main class="card welcome-main" id="main">
            <p class="welcome-count muted">{stepCount(step())}</p>
            <h1 ref={heading} tabindex="-1">
              {step().title}
            </h1>
            {props.children}
          </main>
        </div>
      }
    >
      <Match when={!signedInUser()}>
        <Navigate href="/sign-in" />
      </Match>
      <Match when={!session() && !isVerified(signedInUser()!)}>
        <Navigate href="/verify-email" />
      </Match>
    </Switch>
  );
}
