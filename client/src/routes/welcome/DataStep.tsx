/**
 * Step 2 (`/welcome/data`): a spreadsheet (the Import page itself, committing into this device's database,
 * which syncs), the sample data (written on the server, arriving through sync), or nothing yet. Below the
 * choices, what the workspace holds now, counted from the local database.
 */
import { useNavigate } from '@solidjs/router';
import { createSignal, lazy, Match, Show, Switch, type JSX } from 'solid-js';
import { addSampleData } from '../../api/tenants';
import { session } from '../../session/session';
import { useTenantData } from '../../state/tenant-data';
import { BILLING_LINK } from '../settings/billing-model';
import { OutcomeLine } from '../sign-up/AuthCard';
import {
  accountsText,
  nextPath,
  sampleError,
  sampleText,
  type DataChoice,
  type StepError,
} from './welcome-model';

// The import page with its checks and preview: loaded when chosen (its spreadsheet reader loads in a worker).
const Upload = lazy(() => import('../upload/Upload').then((m) => ({ default: m.Upload })));

type SampleState =
  | { readonly state: 'working' }
  | { readonly state: 'done'; readonly text: string }
  | { readonly state: 'failed'; readonly error: StepError };

const CHOICES: readonly { readonly id: DataChoice; readonly label: string; readonly hint: string }[] = [
  {
    id: 'upload',
    label: 'Upload a spreadsheet',
    hint: 'Your KPIs from Excel or CSV, checked on this device before anything is saved.',
  },
  { id: 'sample', label: 'Start with sample data', hint: 'A made-up portfolio to look around with first.' },
  { id: 'empty', label: 'Start empty', hint: 'Add accounts and import later, from Import.' },
];

/** One state of the sample's request (remounted for each: `keyed` above). */
function SampleOutcome(props: { state: SampleState }): JSX.Element {
  const s = props.state;
  if (s.state === 'working') {
    return (
      <p role="status" aria-busy="true">
        Adding the sample data…
      </p>
    );
  }
  if (s.state === 'done') return <OutcomeLine outcome={{ kind: 'done', text: s.text }} />;
  return (
    <p class="error" role="alert">
      <span aria-hidden="true">⚠ </span>
      {s.error.message}
      <Show when={s.error.upgrade}>
        {' '}
        <a href={BILLING_LINK}>See plans and usage</a>
      </Show>
    </p>
  );
}

export function DataStep(): JSX.Element {
  const data = useTenantData();
  const navigate = useNavigate();
  const [choice, setChoice] = createSignal<DataChoice | null>(null);
  const [sample, setSample] = createSignal<SampleState | null>(null);

  const addSample = async (): Promise<void> => {
    const tenantId = session()?.tenantId;
    if (!tenantId || sample()?.state === 'working' || sample()?.state === 'done') return;
    setSample({ state: 'working' });
    try {
      setSample({ state: 'done', text: sampleText(await addSampleData(tenantId)) });
    } catch (error) {
      setSample({ state: 'failed', error: sampleError(error) });
    }
  };

  const choose = (id: DataChoice): void => {
    setChoice(id);
    if (id === 'sample') void addSample();
  };

  return (
    <>
      <p class="muted">
        Vitals scores each customer's health from their KPIs. Bring yours in now, or look around first.
      </p>
      <div class="welcome-choices" role="group" aria-label="How to start">
        {CHOICES.map((c) => (
          <div class="welcome-choice">
            <button
              type="button"
              class="button secondary"
              aria-pressed={choice() === c.id}
              aria-describedby={`choice-${c.id}-hint`}
              onClick={() => choose(c.id)}
            >
              {c.label}
            </button>
            <span class="muted" id={`choice-${c.id}-hint`}>
              {c.hint}
            </span>
          </div>
        ))}
      </div>

      <Switch>
        <Match when={choice() === 'upload'}>
          <div class="welcome-upload">
            <Upload />
          </div>
        </Match>
        <Match when={choice() === 'sample' ? sample() : null} keyed>
          {(state) => <SampleOutcome state={state} />}
        </Match>
      </Switch>

      <Show when={data.ready()}>
        <p class="welcome-summary" role="status" data-testid="welcome-accounts">
          {accountsText(data.accounts().length, choice())}
        </p>
      </Show>

      <div class="welcome-actions">
        <button type="button" class="button" onClick={() => navigate(nextPath('data'))}>
          Continue
        </button>
      </div>
    </>
  );
}
