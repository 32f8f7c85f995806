/**
 * One account: who it is, its health and the "why", churn risk, trends with forecasts, and every KPI by
 * category against its reference range, editable inline. Reads only the local database, so it renders
 * offline and recomputes the moment a value is saved.
 */
import { A, useParams } from '@solidjs/router';
import { CATEGORIES, type KpiId } from '@vitals/shared';
import { createSignal, For, lazy, Show, Suspense, type JSX } from 'solid-js';
import { SyncIndicator } from '../../components/SyncIndicator';
import { editKpiValue } from '../../db/writes';
import { formatKpiValue, formatMonth } from '../../format';
import { AccountAlertsCard } from '../alerts/AccountAlertsCard';
import { createAccountView, type AccountView } from './account-view';
import { CategoryCard } from './CategoryCard';
import { DataNotice } from './DataNotice';
import { HealthCard } from './HealthCard';
import { RiskCard } from './RiskCard';
import { TrendsSection } from './TrendsSection';
import './account.css';

// The playbook code loads with the card, after the account itself has drawn (and is precached for offline).
const PlaybooksCard = lazy(() =>
  import('../playbooks/routes').then((m) => ({ default: m.AccountPlaybooksCard })),
);

function formatDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, {
    dateStyle: 'medium',
    timeZone: 'UTC',
  });
}

function AccountTitle(props: { view: AccountView }): JSX.Element {
  const a = (): NonNullable<ReturnType<AccountView['account']>> => props.view.account()!;
  return (
    <header class="topbar acct-topbar">
      <div class="acct-title">
        <A href="/" class="acct-back">
          <span aria-hidden="true">←</span> Portfolio
        </A>
        <h1>{a().name}</h1>
        <dl class="acct-meta">
          <div>
            <dt>Segment</dt>
            <dd>{a().segment || '—'}</dd>
          </div>
          <div>
            <dt>Owner</dt>
            <dd>{props.view.ownerName() ?? 'Unassigned'}</dd>
          </div>
          <div>
            <dt>Renewal</dt>
            <dd>{a().renewalDate ? formatDate(a().renewalDate!) : 'Not set'}</dd>
          </div>
        </dl>
      </div>
      <SyncIndicator />
    </header>
  );
}

function NotFound(props: { ready: boolean }): JSX.Element {
  return (
    <>
      <header class="topbar">
        <div>
          <A href="/" class="acct-back">
            <span aria-hidden="true">←</span> Portfolio
          </A>
          <h1>{props.ready ? 'Account not found' : 'Opening account…'}</h1>
        </div>
        <SyncIndicator />
      </header>
      <Show
        when={props.ready}
        fallback={
          <p class="card empty">
            Waiting for this workspace’s data. It arrives as soon as the device is online; if this takes long,
            the account may not exist.
          </p>
        }
      >
        <div class="card empty acct-empty">
          <p>
            There is no account with this link in this workspace. It may have been deleted, or the link
            belongs to another workspace.
          </p>
          <A class="button" href="/">
            Back to the portfolio
          </A>
        </div>
      </Show>
    </>
  );
}

export function Account(): JSX.Element {
  const params = useParams<{ id: string }>();
  const view = createAccountView(() => params.id);
  const [announcement, setAnnouncement] = createSignal('');

  const save = async (kpi: KpiId, value: number | null): Promise<void> => {
    const month = view.latest();
    const userId = view.userId();
    if (!month || !userId) throw new Error('Sign in again to edit values.');
    await editKpiValue(view.data.db, { accountId: params.id, month, kpi, value, userId });
    const def = view.data.catalog.byId[kpi];
    setAnnouncement(
      `${def.name} ${value === null ? 'cleared' : `set to ${formatKpiValue(def, value)}`}. Health updated.`,
    );
  };

  return (
    <Show
      when={view.account()}
      fallback={<NotFound ready={view.data.ready() && view.data.accounts().length > 0} />}
    >
      <AccountTitle view={view} />
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement()}
      </p>
      <Show
        when={view.data.ready()}
        fallback={
          <p class="card muted" role="status">
            Reading this account's history on this device…
          </p>
        }
      >
        <DataNotice view={view} />
        <div class="acct-grid acct-top">
          <HealthCard view={view} />
          <RiskCard view={view} />
        </div>
        <AccountAlertsCard accountId={params.id} />
        <Suspense>
          <PlaybooksCard accountId={params.id} />
        </Suspense>
        <TrendsSection view={view} />
        <div class="acct-section-head">
          <h2 class="acct-heading">KPIs by category</h2>
          <span class="muted">
            {view.latest() ? `Values for ${formatMonth(view.latest()!)}` : 'No data yet'}
            {view.canEdit() ? '' : ' · view only'}
          </span>
        </div>
        <div class="acct-categories">
          <For each={CATEGORIES}>
            {(category) => <CategoryCard view={view} category={category} onSave={save} />}
          </For>
        </div>
      </Show>
    </Show>
  );
}
