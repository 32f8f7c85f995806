/** "Start run": creates the run on this device (offline too) and opens it; a refusal is shown beside it. */
import { useNavigate } from '@solidjs/router';
import { getPlaybook, type PlaybookId } from '@vitals/shared';
import { createSignal, Show, type JSX } from 'solid-js';
import { RunRefusedError } from '../../db/playbook-runs';

export function StartRunButton(props: {
  accountName: string;
  playbookId: PlaybookId;
  start: () => Promise<string>;
  label?: string;
  /** The one main action of its card; in a list of many, buttons are outlined so the list stays readable. */
  primary?: boolean;
}): JSX.Element {
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const start = async (): Promise<void> => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      const runId = await props.start();
      navigate(`/playbooks/runs/${runId}`);
    } catch (failure) {
      if (!(failure instanceof RunRefusedError)) console.error('Starting a run failed', failure);
      setError(
        failure instanceof Error ? failure.message : 'The run could not be started. Please try again.',
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="pb-start">
      <button
        type="button"
        class={props.primary ? 'button' : 'button secondary pb-start-button'}
        data-testid="start-run"
        aria-label={`${props.label ?? 'Start run'}: ${getPlaybook(props.playbookId).name} on ${props.accountName}`}
        aria-disabled={busy()}
        onClick={() => void start()}
      >
        {busy() ? 'Starting…' : (props.label ?? 'Start run')}
      </button>
      <Show when={error()}>
        <p class="error pb-start-error" role="alert">
          {error()}
        </p>
      </Show>
    </div>
  );
}
