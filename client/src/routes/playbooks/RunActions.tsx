/**
 * Starting, completing and abandoning a run. Completing and abandoning are final, so each asks first; the
 * completion shows what will be recorded (the criterion met or not, before and after) before it is.
 */
import { addDays, buildRunReport, type IsoDate, type MeasuredOutcome } from '@vitals/shared';
import { createSignal, For, Show, type JSX } from 'solid-js';
import { Dialog } from '../../components/Dialog';
import { OutcomeBadge } from './badges';
import { formatDay } from './format';
import type { RunView } from './run-view';

type Renewal = 'yes' | 'no' | 'unknown';

function CompleteForm(props: { view: RunView; onDone: () => void }): JSX.Element {
  const run = (): NonNullable<ReturnType<RunView['run']>> => props.view.run()!;
  const renewalAsked = (): boolean => run().playbookId === 'renewal-safeguard';
  const [renewal, setRenewal] = createSignal<Renewal>('unknown');
  const renewed = (): boolean | null => (renewal() === 'yes' ? true : renewal() === 'no' ? false : null);
  const measured = (): MeasuredOutcome | null => props.view.measureNow(renewed());
  const preview = (): ReturnType<typeof buildRunReport> | null => {
    const m = measured();
    const rules = props.view.rules();
    if (!m || !rules) return null;
    const completed = { ...run(), state: 'completed' as const, outcome: m.outcome };
    return buildRunReport({
      run: completed,
      accountName: '',
      tenantName: '',
      members: [],
      rules,
      generatedAt: m.outcome.measuredAt,
    });
  };
  const windowEnd = (): string | null => {
    const days = props.view.rules()?.success.withinDays;
    const started = run().startedAt;
    return days === null || days === undefined || !started
      ? null
      : addDays(started.slice(0, 10) as IsoDate, days);
  };
  const confirm = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const m = measured();
    if (!m) return;
    if (
      await props.view.apply(
        { type: 'complete', outcome: m.outcome },
        `Run completed: criterion ${m.outcome.criterionMet ? 'met' : 'not met'}.`,
      )
    )
      props.onDone();
  };
  return (
    <form class="pb-complete" onSubmit={(e) => void confirm(e)}>
      <Show when={renewalAsked()}>
        <fieldset class="pb-renewal">
          <legend>Did the account renew?</legend>
          <For
            each={
              [
                ['yes', 'Yes, it renewed'],
                ['no', 'No, it did not'],
                ['unknown', 'Not decided yet'],
              ] as const
            }
          >
            {([value, label]) => (
              <label class="pb-radio">
                <input
                  type="radio"
                  name="renewed"
                  value={value}
                  checked={renewal() === value}
                  onChange={() => setRenewal(value)}
                />
                {label}
              </label>
            )}
          </For>
        </fieldset>
      </Show>
      <Show
        when={measured() && preview()}
        fallback={<p class="error">This run has no start date, so its outcome cannot be measured.</p>}
      >
        <div class="pb-preview" data-testid="complete-preview">
          <p>
            Recorded now: <OutcomeBadge met={measured()!.outcome.criterionMet} />
          </p>
          <p class="muted">
            {preview()!.outcome?.text}
            <Show
              when={
                !measured()!.outcome.criterionMet && measured()!.result.outcome === 'pending' && windowEnd()
              }
            >
              {' '}
              Its window stays open until {formatDay(windowEnd()!)}: completing now records it as not met.
            </Show>
          </p>
          <div class="table-wrap" tabindex="0" role="region" aria-label="Before and after">
            <table class="pb-table">
              <thead>
                <tr>
                  <th scope="col">KPI</th>
                  <th scope="col" class="num">
                    Before
                  </th>
                  <th scope="col" class="num">
                    After
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={preview()!.beforeAfter}>
                  {(row) => (
                    <tr>
                      <th scope="row">{row.label}</th>
                      <td class="num">{row.before}</td>
                      <td class="num">{row.after}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </div>
      </Show>
      <Show when={props.view.error()}>
        <p class="error" role="alert">
          {props.view.error()}
        </p>
      </Show>
      <div class="pb-dialog-actions">
        <button type="submit" class="button" data-testid="complete-confirm" disabled={!measured()}>
          Complete run
        </button>
        <button type="button" class="button secondary" onClick={() => props.onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function RunActions(props: { view: RunView }): JSX.Element {
  const [dialog, setDialog] = createSignal<'complete' | 'abandon' | null>(null);
  const state = (): string | undefined => props.view.run()?.state;
  const start = (): void => {
    void props.view.apply(
      { type: 'start', baseline: props.view.baselineNow() },
      'Run started: the baseline is taken and due dates count from today.',
    );
  };
  const abandon = async (): Promise<void> => {
    if (await props.view.apply({ type: 'abandon' }, 'Run abandoned.')) setDialog(null);
  };
  return (
    <Show when={props.view.canEdit() && (state() === 'planned' || state() === 'active')}>
      <div class="pb-actions">
        <Show when={state() === 'planned'}>
          <button type="button" class="button" data-testid="run-start" onClick={start}>
            Start run
          </button>
        </Show>
        <Show when={state() === 'active'}>
          <button
            type="button"
            class="button"
            data-testid="run-complete"
            onClick={() => setDialog('complete')}
          >
            Complete run…
          </button>
        </Show>
        <button
          type="button"
          class="button secondary"
          data-testid="run-abandon"
          onClick={() => setDialog('abandon')}
        >
          Abandon…
        </button>
      </div>
      <Dialog
        open={dialog() === 'complete'}
        title="Complete this run?"
        subtitle="The outcome is measured now and recorded with the run. This cannot be undone."
        onClose={() => setDialog(null)}
      >
        <CompleteForm view={props.view} onDone={() => setDialog(null)} />
      </Dialog>
      <Dialog
        open={dialog() === 'abandon'}
        title="Abandon this run?"
        subtitle="It stays in the history as abandoned, without an outcome. This cannot be undone."
        onClose={() => setDialog(null)}
      >
        <p>You can start the playbook on this account again later, as a new run with a new baseline.</p>
        <Show when={props.view.error()}>
          <p class="error" role="alert">
            {props.view.error()}
          </p>
        </Show>
        <div class="pb-dialog-actions">
          <button
            type="button"
            class="button danger"
            data-testid="abandon-confirm"
            onClick={() => void abandon()}
          >
            Abandon run
          </button>
          <button type="button" class="button secondary" onClick={() => setDialog(null)}>
            Keep it going
          </button>
        </div>
      </Dialog>
    </Show>
  );
}
