/**
 * One run (`/playbooks/runs/:id`): its account and state, the steps as a checklist with notes, RACI, the
 * evidence that started it, before/after values and, once completed, the outcome; and its report as
 * Markdown or PDF. Every change is written to the device database first, so all of it works offline and
 * shows "Waiting to sync" until the server has it.
 */
import { A, useParams } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import { SyncIndicator } from '../../components/SyncIndicator';
import { formatMonth } from '../../format';
import { OutcomeBadge, PendingBadge, RunStateBadge, StepProgress } from './badges';
import { formatDay } from './format';
import { RaciEditor } from './RaciEditor';
import { runReportFile } from './report-files';
import { ReportDownloads } from './ReportDownloads';
import { RunActions } from './RunActions';
import { createRunView, type RunView } from './run-view';
import { StepList } from './StepList';
import './playbooks.css';

type Report = NonNullable<ReturnType<RunView['report']>>;

function Title(props: { view: RunView; report: Report }): JSX.Element {
  return (
    <header class="topbar pb-run-topbar">
      <div class="pb-run-title">
        <A href="/playbooks" class="acct-back">
          <span aria-hidden="true">←</span> Playbooks
        </A>
        <h1>{props.report.playbookName}</h1>
        <p class="pb-run-subtitle">
          <Show when={props.view.account()} fallback={<span>{props.report.accountName}</span>}>
            <A href={`/accounts/${props.view.account()!.id}`} data-testid="run-account">
              {props.report.accountName}
            </A>
          </Show>
          <RunStateBadge state={props.report.state} />
          <Show when={props.report.outcome}>{(o) => <OutcomeBadge met={o().met} />}</Show>
          <Show when={props.view.pending()}>
            <PendingBadge />
          </Show>
        </p>
      </div>
      <SyncIndicator />
    </header>
  );
}

function Summary(props: { view: RunView; report: Report }): JSX.Element {
  const finishedWord = (): string => (props.report.state === 'abandoned' ? 'Abandoned' : 'Completed');
  return (
    <section class="card pb-summary" aria-label="Progress">
      <StepProgress done={props.report.progress.done} total={props.report.progress.total} />
      <dl class="pb-facts">
        <div>
          <dt>Started</dt>
          <dd>{props.report.startedAt ? formatDay(props.report.startedAt) : 'Not yet'}</dd>
        </div>
        <div>
          <dt>{props.report.finishedAt ? finishedWord() : 'Plan ends'}</dt>
          <dd>
            {props.report.finishedAt
              ? formatDay(props.report.finishedAt)
              : props.report.timeline.at(-1)?.due
                ? formatDay(props.report.timeline.at(-1)!.due!)
                : '—'}
          </dd>
        </div>
      </dl>
      <RunActions view={props.view} />
      <Show when={props.view.error()}>
        <p class="error" role="alert" data-testid="run-error">
          {props.view.error()}
        </p>
      </Show>
    </section>
  );
}

function Evidence(props: { report: Report }): JSX.Element {
  return (
    <section class="card pb-why" aria-labelledby="pb-why-title">
      <h2 id="pb-why-title" class="pb-heading">
        Why this run
      </h2>
      <p class="muted pb-why-month">Trigger evidence, {formatMonth(props.report.trigger.month)}</p>
      <Show
        when={props.report.trigger.evidence.length > 0}
        fallback={<p>Started by hand, without a trigger firing.</p>}
      >
        <ul class="pb-evidence pb-evidence-large">
          <For each={props.report.trigger.evidence}>{(line) => <li>{line}</li>}</For>
        </ul>
      </Show>
      <p class="pb-criterion">
        <strong>Success:</strong> {props.report.criterion}.
      </p>
    </section>
  );
}

function BeforeAfter(props: { report: Report }): JSX.Element {
  const after = (): string => (props.report.outcome ? 'After' : 'Now');
  const explanation = (): string => {
    const before = props.report.baselineMonth
      ? `the baseline taken at the start (${formatMonth(props.report.baselineMonth)})`
      : 'no baseline yet';
    const now = props.report.outcome
      ? `the values when it was completed (${formatDay(props.report.outcome.measuredAt)})`
      : 'the latest values';
    return `Before: ${before}. ${after()}: ${now}.`;
  };
  return (
    <section class="card pb-before-after" aria-labelledby="pb-ba-title">
      <h2 id="pb-ba-title" class="pb-heading">
        {props.report.outcome ? 'Outcome' : 'Before and now'}
      </h2>
      <Show when={props.report.outcome}>
        {(o) => (
          <p class="pb-outcome-text" data-testid="outcome-text">
            <OutcomeBadge met={o().met} /> {o().text}
          </p>
        )}
      </Show>
      {/* Focusable: on a phone the table scrolls sideways, and keyboards must reach that too. */}
      <div class="table-wrap" tabindex="0" role="region" aria-label="Before and after values">
        <table class="pb-table" data-testid="before-after">
          <caption class="pb-table-caption">{explanation()}</caption>
          <thead>
            <tr>
              <th scope="col">KPI</th>
              <th scope="col" class="num">
                Before
              </th>
              <th scope="col" class="num">
                {after()}
              </th>
              <th scope="col" class="num">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.report.beforeAfter}>
              {(row) => (
                <tr>
                  <th scope="row">{row.label}</th>
                  <td class="num">{row.before}</td>
                  <td class="num">{row.after}</td>
                  <td
                    class="num"
                    classList={{ 'pb-better': row.better === true, 'pb-worse': row.better === false }}
                  >
                    {row.change}
                    <Show when={row.better !== null}>
                      <span class="pb-change-word"> {row.better ? '▲ better' : '▼ worse'}</span>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={!props.report.outcome && props.report.state !== 'abandoned'}>
        <p class="muted pb-note-small">
          The outcome is measured against the baseline when the run is completed.
        </p>
      </Show>
    </section>
  );
}

function NotFound(props: { ready: boolean }): JSX.Element {
  return (
    <>
      <header class="topbar">
        <div>
          <A href="/playbooks" class="acct-back">
            <span aria-hidden="true">←</span> Playbooks
          </A>
          <h1>{props.ready ? 'Run not found' : 'Opening run…'}</h1>
        </div>
        <SyncIndicator />
      </header>
      <Show when={props.ready} fallback={<p class="card empty">Waiting for this workspace’s data.</p>}>
        <div class="card empty">
          <p>
            There is no run with this link in this workspace. It may have been deleted, or the link belongs to
            another workspace.
          </p>
          <A class="button" href="/playbooks">
            Back to playbooks
          </A>
        </div>
      </Show>
    </>
  );
}

export function RunPage(): JSX.Element {
  const params = useParams<{ id: string }>();
  const view = createRunView(() => params.id);
  return (
    <Show when={view.report()} fallback={<NotFound ready={view.data.ready()} />}>
      {(report) => (
        <>
          <Title view={view} report={report()} />
          <p class="visually-hidden" role="status" aria-live="polite">
            {view.announcement()}
          </p>
          <div class="pb-run-grid">
            <div class="pb-run-main">
              <Summary view={view} report={report()} />
              <StepList view={view} />
            </div>
            <div class="pb-run-side">
              <Evidence report={report()} />
              <BeforeAfter report={report()} />
              <RaciEditor view={view} />
              <section class="card pb-report" aria-labelledby="pb-report-title">
                <h2 id="pb-report-title" class="pb-heading">
                  Run report
                </h2>
                <p class="muted">
                  Account, evidence, RACI, timeline, before and after, and the outcome, made on this device.
                </p>
                <ReportDownloads
                  noun="Report"
                  testId="run-report"
                  make={(format) =>
                    runReportFile({ ...view.reportInput()!, generatedAt: new Date().toISOString() }, format)
                  }
                />
              </section>
            </div>
          </div>
        </>
      )}
    </Show>
  );
}
