/**
 * Playbooks (`/playbooks`): the five playbooks with their results, the runs under way, and for each playbook
 * the accounts past its trigger, most pressing first, with the evidence and a "Start run" button. All from
 * the local database, so it works offline; a run started here syncs when the device is online.
 */
import { A } from '@solidjs/router';
import {
  PLAYBOOKS,
  criterionText,
  evidenceText,
  triggerText,
  type PlaybookDefinition,
  type PlaybookResult,
  type Recommendation,
} from '@vitals/shared';
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { SyncIndicator } from '../../components/SyncIndicator';
import { formatCents, formatMonth } from '../../format';
import { currentTenant } from '../../session/session';
import { RunStateBadge, StepProgress } from './badges';
import {
  formatDay,
  improvementNote,
  improvementText,
  plural,
  successRateNote,
  successRateText,
} from './format';
import { createPlaybooksData, type PlaybooksData } from './playbooks-data';
import { playbookSummaryFile } from './report-files';
import { ReportDownloads } from './ReportDownloads';
import { StartRunButton } from './StartRunButton';
import './playbooks.css';

const SHOWN_RECOMMENDATIONS = 5;

function PlaybookTiles(props: { pb: PlaybooksData }): JSX.Element {
  return (
    <ul class="pb-tiles" aria-label="Results by playbook">
      <For each={props.pb.results()}>
        {(result) => {
          const open = (): number => result.counts.active + result.counts.planned;
          return (
            <li class="card pb-tile" data-testid={`tile-${result.playbookId}`}>
              <a class="pb-tile-name" href={`#pb-${result.playbookId}`}>
                {result.name}
              </a>
              <dl>
                <div>
                  <dt>Success rate</dt>
                  <dd class="pb-tile-figure">{successRateText(result)}</dd>
                  <dd class="pb-tile-note">{successRateNote(result)}</dd>
                </div>
                <div>
                  <dt>Median improvement</dt>
                  <dd class="pb-tile-figure">{improvementText(result.metrics[0])}</dd>
                  <dd class="pb-tile-note">{improvementNote(result.metrics[0])}</dd>
                </div>
                <div>
                  <dt>Under way</dt>
                  <dd class="pb-tile-figure" data-testid={`open-count-${result.playbookId}`}>
                    {open()}
                  </dd>
                  <dd class="pb-tile-note">{plural(result.counts.completed, 'completed run')}</dd>
                </div>
              </dl>
            </li>
          );
        }}
      </For>
    </ul>
  );
}

function OpenRuns(props: { pb: PlaybooksData }): JSX.Element {
  const open = createMemo(() =>
    props.pb
      .runs()
      .filter((r) => r.state === 'active' || r.state === 'planned')
      .sort((a, b) => ((a.startedAt ?? a.createdAt) < (b.startedAt ?? b.createdAt) ? 1 : -1)),
  );
  return (
    <section class="card pb-open" aria-labelledby="pb-open-title">
      <h2 id="pb-open-title" class="pb-heading">
        Runs under way <span class="pb-count">{open().length}</span>
      </h2>
      <Show
        when={open().length > 0}
        fallback={<p class="muted">No runs under way. Start one from a recommendation below.</p>}
      >
        <ul class="pb-run-list">
          <For each={open()}>
            {(run) => (
              <li class="pb-run-item" data-testid="open-run">
                <A class="pb-run-link" href={`/playbooks/runs/${run.id}`}>
                  <span class="pb-run-account">{props.pb.accountName(run.accountId)}</span>
                  <span class="pb-run-playbook">{PLAYBOOKS.find((p) => p.id === run.playbookId)!.name}</span>
                </A>
                <RunStateBadge state={run.state} />
                <StepProgress done={run.steps.filter((s) => s.done).length} total={run.steps.length} />
                <span class="muted pb-run-started">
                  {run.startedAt ? `Started ${formatDay(run.startedAt)}` : 'Not started'}
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function RecommendationItem(props: { pb: PlaybooksData; rec: Recommendation }): JSX.Element {
  const account = (): ReturnType<PlaybooksData['account']> => props.pb.account(props.rec.accountId);
  return (
    <li
      class="pb-rec"
      data-testid="recommendation"
      data-account={props.rec.name}
      data-playbook={props.rec.playbookId}
    >
      <span class="pb-rank" aria-label={`Rank ${props.rec.rank}`}>
        {props.rec.rank}
      </span>
      <div class="pb-rec-body">
        <div class="pb-rec-head">
          <A class="pb-rec-account" href={`/accounts/${props.rec.accountId}`}>
            {props.rec.name}
          </A>
          <span class="muted pb-rec-arr">
            {props.rec.arr === null ? 'No ARR' : `${formatCents(props.rec.arr, true)} ARR`}
          </span>
        </div>
        <ul class="pb-evidence">
          <For each={props.rec.evidence}>{(e) => <li>{evidenceText(e)}</li>}</For>
        </ul>
      </div>
      <Show
        when={props.pb.canChangeRuns(account())}
        fallback={<span class="muted pb-rec-readonly">View only</span>}
      >
        <StartRunButton
          accountName={props.rec.name}
          playbookId={props.rec.playbookId}
          start={() => props.pb.startRun(props.rec.accountId, props.rec.playbookId)}
        />
      </Show>
    </li>
  );
}

function PlaybookSection(props: { pb: PlaybooksData; playbook: PlaybookDefinition }): JSX.Element {
  const [showAll, setShowAll] = createSignal(false);
  const id = props.playbook.id;
  const rules = (): ReturnType<PlaybooksData['settings']['rules']>[typeof id] =>
    props.pb.settings.rules()[id];
  const recs = (): readonly Recommendation[] =>
    props.pb.recommendations()?.lists.find((l) => l.playbookId === id)?.accounts ?? [];
  const shown = (): readonly Recommendation[] =>
    showAll() ? recs() : recs().slice(0, SHOWN_RECOMMENDATIONS);
  const result = (): PlaybookResult | undefined => props.pb.results().find((r) => r.playbookId === id);
  const month = (): string => {
    const m = props.pb.recommendations()?.month;
    return m ? formatMonth(m) : 'the latest month';
  };
  return (
    <section
      class="card pb-section"
      id={`pb-${id}`}
      aria-labelledby={`pb-${id}-title`}
      data-testid={`playbook-${id}`}
    >
      <header class="pb-section-head">
        <div>
          <h2 id={`pb-${id}-title`}>{props.playbook.name}</h2>
          <p class="muted pb-description">{props.playbook.description}</p>
        </div>
      </header>
      <dl class="pb-rules">
        <div>
          <dt>Trigger</dt>
          <dd>{triggerText(rules())}</dd>
        </div>
        <div>
          <dt>Success</dt>
          <dd>{criterionText(rules())}</dd>
        </div>
        <div>
          <dt>Plan</dt>
          <dd>
            {plural(props.playbook.steps.length, 'step')} over {props.playbook.totalDurationDays} days
          </dd>
        </div>
      </dl>
      <h3 class="pb-subheading">
        Recommended accounts <span class="pb-count">{recs().length}</span>
      </h3>
      <Show
        when={recs().length > 0}
        fallback={
          <p class="muted">
            No account is past this trigger in {month()}, or it is already under way where it is.
          </p>
        }
      >
        <ol class="pb-recs">
          <For each={shown()}>{(rec) => <RecommendationItem pb={props.pb} rec={rec} />}</For>
        </ol>
        <Show when={recs().length > SHOWN_RECOMMENDATIONS}>
          <button
            type="button"
            class="link-button"
            aria-expanded={showAll()}
            onClick={() => setShowAll(!showAll())}
          >
            {showAll() ? 'Show fewer' : `Show all ${recs().length}`}
          </button>
        </Show>
      </Show>
      <footer class="pb-section-foot">
        <Show when={result()}>
          {(r) => (
            <ReportDownloads
              noun="Results"
              testId={`summary-${id}`}
              make={(format) =>
                playbookSummaryFile(
                  {
                    result: r(),
                    rules: rules(),
                    accountName: props.pb.accountName,
                    tenantName: currentTenant()?.name ?? 'Workspace',
                    generatedAt: new Date().toISOString(),
                  },
                  format,
                )
              }
            />
          )}
        </Show>
      </footer>
    </section>
  );
}

export function PlaybooksOverview(): JSX.Element {
  const pb = createPlaybooksData();
  return (
    <>
      <header class="topbar">
        <div>
          <h1>Playbooks</h1>
          <span class="muted">
            {pb.data.latest() ? `Recommendations for ${formatMonth(pb.data.latest()!)}` : 'Waiting for data'}{' '}
            · {pb.settings.customised() ? 'your thresholds' : 'default thresholds'}
          </span>
        </div>
        <div class="pb-topbar-actions">
          <Show when={pb.canConfigure()}>
            <A class="button secondary" href="/playbooks/configure" data-testid="configure-playbooks">
              <span aria-hidden="true">⚙</span> Configure thresholds
            </A>
          </Show>
          <SyncIndicator />
        </div>
      </header>
      <Show when={pb.canConfigure() && pb.settings.problems().length > 0}>
        <div class="banner" role="status">
          <span>Some saved thresholds are not used: {pb.settings.problems().join(' ')}</span>
          <A class="button secondary" href="/playbooks/configure">
            Fix
          </A>
        </div>
      </Show>
      <div class="pb-overview-top">
        <PlaybookTiles pb={pb} />
        <OpenRuns pb={pb} />
      </div>
      <div class="pb-sections">
        <For each={PLAYBOOKS}>{(playbook) => <PlaybookSection pb={pb} playbook={playbook} />}</For>
      </div>
    </>
  );
}
