/**
 * Import (`/import`): a KPI spreadsheet dropped or picked, read in a Web Worker with a time limit, checked
 * (detected layout, every problem with its Excel location, rows with errors excluded on request), previewed
 * against the data on this device, and committed as a version into the local database, so it works offline
 * and syncs like any edit. Below it, or beside it on wide screens, every version, each restorable.
 */
import { A, useLocation } from '@solidjs/router';
import {
  ROLE_NAMES,
  can,
  excludeRows,
  hasBlockingErrors,
  previewImport,
  readWorkbook,
  type ImportedTable,
  type RowRef,
  type SpreadsheetKind,
  type VersionDoc,
} from '@vitals/shared';
import { createEffect, createMemo, createSignal, from, on, Show, type JSX } from 'solid-js';
import { map } from 'rxjs';
import { PlanLimitNotice } from '../../components/PlanLimitNotice';
import { SyncIndicator } from '../../components/SyncIndicator';
import { commitImport, planDeviceImport, planDeviceRestore, sha256Hex } from '../../db/imports';
import { writeErrorMessage } from '../../db/storage-errors';
import { syncStatus } from '../../db/sync-status';
import { formatMonth } from '../../format';
import { readSpreadsheetFile } from '../../import/read-file';
import { currentTenant, session } from '../../session/session';
import { useTenantData } from '../../state/tenant-data';
import { Dropzone } from './Dropzone';
import { IssueList } from './IssueList';
import { LayoutGuide } from './LayoutGuide';
import { describeSheet, formatSize, formatWhen, LAYOUTS, plural } from './model';
import { PreviewSection } from './PreviewSection';
import { VersionHistory } from './VersionHistory';
import './upload.css';

interface Checked {
  readonly fileName: string;
  readonly size: number;
  readonly kind: SpreadsheetKind;
  readonly table: ImportedTable;
  /** SHA-256 of the bytes, computed while the worker reads them. */
  readonly hash: Promise<string>;
}

type Stage = 'reading' | 'checking';

interface Done {
  readonly kind: 'import' | 'restore';
  readonly version: VersionDoc;
  /** For a restore: the version it restored. */
  readonly from?: VersionDoc;
  readonly skipped?: number;
}

/** Lets a busy state paint before synchronous work (checking a large table) starts. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** A chunk (the worker's) that could not be fetched: offline before the service worker had cached it. */
function isMissingCode(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|importing a module script failed|failed to fetch|failed to load/i.test(
    message,
  );
}

function readProblem(fileName: string, error: unknown): string {
  if (isMissingCode(error)) {
    return `Could not read ${fileName}: the part of Vitals that reads spreadsheets is not on this device yet. Connect to the internet once (it is then kept for offline use) and try again.`;
  }
  return error instanceof Error ? error.message : `Could not read ${fileName}: ${String(error)}`;
}

export function Upload(): JSX.Element {
  const data = useTenantData();
  const location = useLocation();
  const [stage, setStage] = createSignal<{ fileName: string; size: number; stage: Stage } | null>(null);
  const [readFailure, setReadFailure] = createSignal<{ fileName: string; message: string } | null>(null);
  const [checked, setChecked] = createSignal<Checked | null>(null);
  const [excluded, setExcluded] = createSignal<readonly RowRef[]>([]);
  const [committing, setCommitting] = createSignal(false);
  const [commitError, setCommitError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<Done | null>(null);
  let attempt = 0;
  let doneHeading: HTMLHeadingElement | undefined;
  let summaryHeading: HTMLHeadingElement | undefined;

  const role = (): NonNullable<ReturnType<typeof currentTenant>>['role'] | null =>
    currentTenant()?.role ?? null;
  const canCommit = (): boolean => {
    const r = role();
    return r !== null && can(r, 'imports.commit');
  };

  const versionsQuery = from(
    data.db.versions
      .find({ sort: [{ createdAt: 'desc' }] })
      .$.pipe(map((docs) => docs.map((d) => d.toJSON(true) as unknown as VersionDoc))),
  );
  const versions = (): VersionDoc[] => versionsQuery() ?? [];

  const table = createMemo(() => {
    const c = checked();
    if (!c) return null;
    return excluded().length > 0 ? excludeRows(c.table, excluded(), { catalog: data.catalog }) : c.table;
  });
  const blocked = createMemo(() => {
    const t = table();
    return t !== null && hasBlockingErrors(t);
  });
  const preview = createMemo(() => {
    const t = table();
    // Compared with every month on the device, so not before all of them have been read.
    if (!t || t.values.length === 0 || !data.ready()) return null;
    return previewImport(t, {
      accounts: data.accounts(),
      measurements: data.measurements(),
      members: data.members(),
    });
  });
  const errorCount = (): number => table()?.issues.filter((i) => i.severity === 'error').length ?? 0;

  // A link to one version (a source badge's): scroll to it and mark it, once the list has it.
  const linkedVersion = createMemo(() => {
    const match = /^#version-([A-Za-z0-9_-]+)$/.exec(location.hash);
    return match ? match[1]! : null;
  });
  let scrolledTo: string | null = null;
  createEffect(
    on([linkedVersion, () => versions().length], ([id]) => {
      // Once per link: a version committed later must not pull the page back to it.
      if (!id || id === scrolledTo || !versions().some((v) => v.id === id)) return;
      scrolledTo = id;
      requestAnimationFrame(() => {
        const element = document.getElementById(`version-${id}`);
        element?.scrollIntoView({ block: 'center' });
        element?.focus({ preventScroll: true });
      });
    }),
  );

  const startOver = (): void => {
    attempt++;
    setStage(null);
    setChecked(null);
    setExcluded([]);
    setCommitError(null);
    setReadFailure(null);
  };

  const read = async (file: File): Promise<void> => {
    const mine = ++attempt;
    setDone(null);
    setChecked(null);
    setExcluded([]);
    setCommitError(null);
    setReadFailure(null);
    setStage({ fileName: file.name, size: file.size, stage: 'reading' });
    const hash = file.arrayBuffer().then((bytes) => sha256Hex(bytes));
    // Never an unhandled rejection: a failed hash is reported when the import is committed.
    hash.catch(() => undefined);
    try {
      const result = await readSpreadsheetFile(file);
      if (mine !== attempt) return;
      if (!result.ok) {
        setStage(null);
        setReadFailure({ fileName: file.name, message: result.error.message });
        return;
      }
      setStage({ fileName: file.name, size: file.size, stage: 'checking' });
      await nextPaint();
      if (mine !== attempt) return;
      const workbook = readWorkbook(result.sheets, { catalog: data.catalog, fileIssues: result.issues });
      setStage(null);
      setChecked({ fileName: file.name, size: file.size, kind: result.kind, table: workbook, hash });
      queueMicrotask(() => summaryHeading?.focus());
    } catch (error) {
      if (mine !== attempt) return;
      console.error('Reading a spreadsheet failed', error);
      setStage(null);
      setReadFailure({ fileName: file.name, message: readProblem(file.name, error) });
    }
  };

  const showDone = (result: Done): void => {
    setDone(result);
    queueMicrotask(() => {
      doneHeading?.focus({ preventScroll: true });
      doneHeading?.scrollIntoView({ block: 'center' });
    });
  };

  const commit = async (): Promise<void> => {
    const c = checked();
    const t = table();
    const userId = session()?.user.id;
    if (!c || !t || blocked() || committing()) return;
    setCommitError(null);
    if (!userId) {
      setCommitError('Sign in again to import: this device no longer knows who you are.');
      return;
    }
    setCommitting(true);
    try {
      await nextPaint();
      const plan = await planDeviceImport(data.db, {
        table: t,
        accounts: data.accounts(),
        measurements: data.measurements(),
        members: data.members(),
        fileName: c.fileName,
        fileHash: await c.hash,
        userId,
      });
      const result = await commitImport(data.db, plan);
      attempt++;
      setChecked(null);
      setExcluded([]);
      showDone({ kind: 'import', version: result.version });
    } catch (error) {
      console.error('Committing an import failed', error);
      setCommitError(writeErrorMessage(error));
    } finally {
      setCommitting(false);
    }
  };

  const restore = async (version: VersionDoc): Promise<void> => {
    const userId = session()?.user.id;
    if (!userId) throw new Error('Sign in again to restore: this device no longer knows who you are.');
    try {
      const plan = await planDeviceRestore(data.db, { version, userId });
      const result = await commitImport(data.db, plan);
      showDone({ kind: 'restore', version: result.version, from: version, skipped: plan.skipped });
    } catch (error) {
      console.error('Restoring a version failed', error);
      throw new Error(writeErrorMessage(error), { cause: error });
    }
  };

  const nothingToDo = (): boolean => {
    const p = preview();
    return (
      p !== null && p.changed.length === 0 && p.newAccounts.length === 0 && p.accountChanges.length === 0
    );
  };
  const commitReason = (): string => {
    if (blocked()) {
      return `Commit is unavailable while ${plural(errorCount(), 'error blocks', 'errors block')} this import: fix the file, or exclude the rows with errors above.`;
    }
    const p = preview();
    if (!p) return 'There are no KPI values to import in this file.';
    if (nothingToDo())
      return 'Nothing to commit: every value in this file is already stored and no account is new.';
    const parts = [`writes ${plural(p.changed.length, 'value')}`];
    if (p.newAccounts.length > 0) parts.push(`creates ${plural(p.newAccounts.length, 'account')}`);
    if (p.accountChanges.length > 0)
      parts.push(`updates ${plural(p.accountChanges.length, 'account detail')}`);
    return `Committing ${parts.join(', ')} as a new version. You can go back to the previous data from Versions at any time.`;
  };

  const months = (t: ImportedTable): string => {
    if (t.months.length === 0) return '—';
    const first = formatMonth(t.months[0]!);
    return t.months.length === 1 ? first : `${first} – ${formatMonth(t.months.at(-1)!)}`;
  };

  return (
    <>
      <header class="topbar">
        <div>
          <h1>Import</h1>
          <span class="muted">KPI spreadsheets, checked on this device before anything changes</span>
        </div>
        <SyncIndicator />
      </header>

      <div class="import-layout">
        <div class="import-flow">
          <Show when={done()}>
            {(d) => {
              const c = (): VersionDoc['counts'] => d().version.counts;
              return (
                <section class="card import-done" aria-labelledby="done-title" data-testid="import-done">
                  <span class="done-mark" aria-hidden="true">
                    ✓
                  </span>
                  <div class="done-body">
                    <h2 id="done-title" ref={doneHeading} tabindex="-1">
                      {d().kind === 'import' ? 'Import committed' : 'Version restored'}
                    </h2>
                    <p data-testid="done-summary">
                      <Show
                        when={d().kind === 'restore'}
                        fallback={
                          <>
                            {d().version.fileName} is the latest version: {plural(c().changed, 'value')}{' '}
                            changed
                            {c().newAccounts > 0 ? `, ${plural(c().newAccounts, 'new account')} created` : ''}
                            , {c().unchanged.toLocaleString('en-US')} unchanged.
                          </>
                        }
                      >
                        {d().from!.fileName} of {formatWhen(d().from!.createdAt)} is restored as a new
                        version: {plural(c().changed, 'value')} changed back,{' '}
                        {c().unchanged.toLocaleString('en-US')} already matched
                        {(d().skipped ?? 0) > 0
                          ? `, ${plural(d().skipped!, 'value')} of deleted accounts skipped`
                          : ''}
                        .
                      </Show>
                    </p>
                    {/* The refusal arrives with the first push, after this card is up: a live region says it. */}
                    <div role="status" aria-live="polite">
                      <Show
                        when={syncStatus.limitRefusal()}
                        fallback={
                          <p class="muted">
                            {syncStatus.online()
                              ? 'Saved on this device and syncing to your team now.'
                              : 'Saved on this device; it syncs to your team when you are back online.'}
                          </p>
                        }
                      >
                        {(refusal) => <PlanLimitNotice refusal={refusal()} testId="import-limit" />}
                      </Show>
                    </div>
                    <div class="done-actions">
                      <A class="button" href="/" data-testid="open-portfolio">
                        Open the portfolio
                      </A>
                      <a class="button secondary" href={`#version-${d().version.id}`}>
                        See the version
                      </a>
                      <button type="button" class="link-button" onClick={() => setDone(null)}>
                        Dismiss
                      </button>
                    </div>
                  </div>
                </section>
              );
            }}
          </Show>

          <Show when={readFailure()}>
            {(f) => (
              <section class="card read-failure" role="alert" data-testid="read-error">
                <h2>Could not read {f().fileName}</h2>
                <p>{f().message}</p>
                <p class="muted">
                  Nothing was imported. Choose another file, or fix this one and choose it again.
                </p>
              </section>
            )}
          </Show>

          <Show when={!checked() && !stage()}>
            <Dropzone
              onFile={(file) => void read(file)}
              onRefused={(message) => setReadFailure({ fileName: 'these files', message })}
            />
            <LayoutGuide />
          </Show>

          <Show when={stage()}>
            {(s) => (
              <section
                class="card reading"
                aria-labelledby="reading-title"
                aria-busy="true"
                data-testid="import-reading"
              >
                <div class="reading-head">
                  <h2 id="reading-title">
                    {s().stage === 'reading' ? 'Reading' : 'Checking'} {s().fileName}
                  </h2>
                  <span class="muted">{formatSize(s().size)}</span>
                </div>
                <div class="reading-bar" role="progressbar" aria-label={`Reading ${s().fileName}`} />
                <ol class="reading-steps">
                  <li classList={{ current: s().stage === 'reading', complete: s().stage === 'checking' }}>
                    Reading the file on this device
                  </li>
                  <li classList={{ current: s().stage === 'checking' }}>
                    Finding the layout and checking every value
                  </li>
                  <li>Preview</li>
                </ol>
                <p class="visually-hidden" role="status">
                  {s().stage === 'reading'
                    ? `Reading ${s().fileName}`
                    : `Checking the values of ${s().fileName}`}
                </p>
                <button type="button" class="button secondary" onClick={startOver}>
                  Cancel
                </button>
              </section>
            )}
          </Show>

          <Show when={checked() && table()}>
            {(() => {
              const c = (): Checked => checked()!;
              const t = (): ImportedTable => table()!;
              const hasData = (): boolean => (t().sheets ?? []).some((s) => s.role === 'values');
              return (
                <>
                  <section
                    class="card import-summary"
                    aria-labelledby="summary-title"
                    data-testid="import-summary"
                  >
                    <div class="file-line">
                      <span class="imp-tag" aria-hidden="true">
                        {c().kind.toUpperCase()}
                      </span>
                      <h2 id="summary-title" ref={summaryHeading} tabindex="-1">
                        {c().fileName}
                      </h2>
                      <span class="muted">{formatSize(c().size)}</span>
                      <button type="button" class="link-button file-again" onClick={startOver}>
                        Choose another file
                      </button>
                    </div>
                    <dl class="facts">
                      <div class="fact-layout">
                        <dt>Detected layout</dt>
                        <dd data-testid="detected-layout">
                          <Show when={hasData()} fallback="Not recognised">
                            <strong>{LAYOUTS[t().layout].name}</strong>
                            <span class="muted"> — {LAYOUTS[t().layout].description}</span>
                          </Show>
                        </dd>
                      </div>
                      <div>
                        <dt>Accounts</dt>
                        <dd>{t().accounts.length.toLocaleString('en-US')}</dd>
                      </div>
                      <div>
                        <dt>Months</dt>
                        <dd>{months(t())}</dd>
                      </div>
                      <div>
                        <dt>KPIs</dt>
                        <dd>{t().kpis.length}</dd>
                      </div>
                      <div>
                        <dt>Values</dt>
                        <dd>{t().values.length.toLocaleString('en-US')}</dd>
                      </div>
                    </dl>
                    <Show when={(t().sheets ?? []).length > 0}>
                      <ul class="sheet-list" aria-label="Sheets">
                        {(t().sheets ?? []).map((sheet) => (
                          <li classList={{ skipped: sheet.role === 'skipped' }}>
                            <span class="sheet-name">{sheet.name}</span>
                            <span class="muted">{describeSheet(sheet)}</span>
                          </li>
                        ))}
                      </ul>
                    </Show>
                  </section>

                  <IssueList
                    issues={t().issues}
                    excluded={excluded()}
                    onExclude={(rows) => setExcluded([...excluded(), ...rows])}
                    onRestoreRows={() => setExcluded([])}
                  />

                  <Show when={preview()}>
                    {(p) => <PreviewSection preview={p()} catalog={data.catalog} members={data.members()} />}
                  </Show>

                  <section class="card commit-card" aria-labelledby="commit-title" data-testid="commit-card">
                    <h2 id="commit-title">Commit</h2>
                    <Show
                      when={canCommit()}
                      fallback={
                        <p class="commit-reason" data-testid="commit-not-allowed">
                          Your role{role() ? ` (${ROLE_NAMES[role()!]})` : ''} can check a spreadsheet here
                          but not import it. Ask an owner, admin or CS manager to commit it.
                        </p>
                      }
                    >
                      <p
                        id="commit-reason"
                        class="commit-reason"
                        classList={{ blocked: blocked() }}
                        data-testid="commit-reason"
                      >
                        {commitReason()}
                      </p>
                      <Show when={syncStatus.online() ? syncStatus.limitRefusal() : null}>
                        {(refusal) => (
                          <p class="offline-note">
                            <PlanLimitNotice refusal={refusal()} testId="commit-limit" />
                          </p>
                        )}
                      </Show>
                      <Show when={!syncStatus.online()}>
                        <p class="muted offline-note">
                          You are offline: the import is saved on this device and syncs when you are back
                          online.
                        </p>
                      </Show>
                      <div class="commit-actions">
                        <button
                          type="button"
                          class="button"
                          data-testid="commit-import"
                          aria-describedby="commit-reason"
                          aria-busy={committing()}
                          disabled={blocked() || !preview() || nothingToDo() || committing()}
                          onClick={() => void commit()}
                        >
                          {committing() ? 'Committing…' : 'Commit import'}
                        </button>
                        <button
                          type="button"
                          class="button secondary"
                          disabled={committing()}
                          onClick={startOver}
                        >
                          Cancel
                        </button>
                      </div>
                      <Show when={commitError()}>
                        <p class="error" role="alert" data-testid="commit-error">
                          {commitError()}
                        </p>
                      </Show>
                    </Show>
                  </section>
                </>
              );
            })()}
          </Show>
        </div>

        <div class="import-side">
          <VersionHistory
            versions={versions()}
            loaded={versionsQuery() !== undefined}
            data={data}
            canRestore={canCommit()}
            highlighted={linkedVersion()}
            onRestore={restore}
          />
        </div>
      </div>
    </>
  );
}
