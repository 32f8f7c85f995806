/**
 * The account screen's "Playbooks" card: runs under way on the account, the playbooks its latest month
 * triggers (most pressing first, with the evidence), and starting any playbook by hand. Loaded lazily by the
 * account screen, with the rest of the playbook code, so it costs the first screen nothing.
 */
import { A } from '@solidjs/router';
import {
  PLAYBOOKS,
  evidenceText,
  getPlaybook,
  recommendationsForAccount,
  type PlaybookId,
  type PlaybookRunDoc,
  type Recommendation,
} from '@vitals/shared';
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { useTenantData } from '../../state/tenant-data';
import { RunStateBadge, StepProgress } from './badges';
import { accountRecommendations, createPlaybookRules, playbookAccess, startRunOn } from './playbooks-data';
import { StartRunButton } from './StartRunButton';
import './playbooks.css';

export function AccountPlaybooksCard(props: { accountId: string }): JSX.Element {
  const data = useTenantData();
  const settings = createPlaybookRules(data);
  const access = playbookAccess();
  const account = createMemo(() => data.accounts().find((a) => a.id === props.accountId));
  const open = createMemo((): PlaybookRunDoc[] =>
    data
      .runs()
      .filter(
        (r) =>
          !r._deleted && r.accountId === props.accountId && (r.state === 'active' || r.state === 'planned'),
      ),
  );
  const recommended = createMemo((): Recommendation[] => {
    const lists = accountRecommendations(data, settings.rules(), props.accountId)?.lists ?? [];
    return recommendationsForAccount(lists, props.accountId);
  });
  const others = createMemo(() => PLAYBOOKS.filter((p) => !open().some((r) => r.playbookId === p.id)));
  const [chosen, setChosen] = createSignal<PlaybookId | ''>('');
  const start = (playbookId: PlaybookId): Promise<string> =>
    startRunOn(data, settings.rules(), props.accountId, playbookId);

  return (
    <section
      class="card pb-account-card"
      aria-labelledby="acct-playbooks-title"
      data-testid="account-playbooks"
    >
      <div class="pb-account-head">
        <h2 id="acct-playbooks-title" class="acct-section-title">
          Playbooks
        </h2>
        <A href="/playbooks" class="pb-all-link">
          All playbooks <span aria-hidden="true">→</span>
        </A>
      </div>
      <Show when={open().length > 0}>
        <h3 class="pb-subheading">Under way</h3>
        <ul class="pb-account-runs">
          <For each={open()}>
            {(run) => (
              <li>
                <A href={`/playbooks/runs/${run.id}`} class="pb-run-link">
                  {getPlaybook(run.playbookId).name}
                </A>
                <RunStateBadge state={run.state} />
                <StepProgress done={run.steps.filter((s) => s.done).length} total={run.steps.length} />
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h3 class="pb-subheading">Recommended</h3>
      <Show
        when={recommended().length > 0}
        fallback={<p class="muted">No playbook’s trigger fires on this account’s latest month.</p>}
      >
        <ul class="pb-account-recs">
          <For each={recommended()}>
            {(rec) => (
              <li class="pb-account-rec" data-testid="account-recommendation" data-playbook={rec.playbookId}>
                <div>
                  <strong>{getPlaybook(rec.playbookId).name}</strong>
                  <ul class="pb-evidence">
                    <For each={rec.evidence}>{(e) => <li>{evidenceText(e)}</li>}</For>
                  </ul>
                </div>
                <Show when={access.canChangeRuns(account())}>
                  <StartRunButton
                    accountName={rec.name}
                    playbookId={rec.playbookId}
                    start={() => start(rec.playbookId)}
                  />
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={access.canChangeRuns(account()) && others().length > 0}>
        <div class="pb-by-hand">
          <label for="pb-by-hand-select">Start a playbook by hand</label>
          <div class="pb-by-hand-row">
            <select
              id="pb-by-hand-select"
              value={chosen()}
              onChange={(e) => setChosen(e.currentTarget.value as PlaybookId | '')}
            >
              <option value="">Choose a playbook…</option>
              <For each={others()}>{(p) => <option value={p.id}>{p.name}</option>}</For>
            </select>
            <Show when={chosen()}>
              {(id) => (
                <StartRunButton
                  primary
                  accountName={account()?.name ?? ''}
                  playbookId={id() as PlaybookId}
                  label="Start"
                  start={() => start(id() as PlaybookId)}
                />
              )}
            </Show>
          </div>
        </div>
      </Show>
    </section>
  );
}
