/**
 * Reports (`/reports`): the tenant's data as CSV or Excel, and the portfolio health report as PDF, made
 * on this device from the local database, so they work offline and include changes still waiting to sync.
 * The spreadsheet and PDF libraries load only when their button is pressed (see export/create.ts).
 */
import { monthFromParts, type ExportKind, type Month } from '@vitals/shared';
import { createMemo, createSignal, For, from, Show, type JSX } from 'solid-js';
import { SyncIndicator } from '../../components/SyncIndicator';
import { createExport, type ExportSource } from '../../export/create';
import { saveFile } from '../../export/download';
import { formatMonth } from '../../format';
import { currentTenant } from '../../session/session';
import { useTenantData } from '../../state/tenant-data';
import './reports.css';

interface Choice {
  readonly kind: ExportKind;
  readonly title: string;
  readonly tag: string;
  readonly button: string;
  /** What the file is called in messages: "the CSV file". */
  readonly noun: string;
}

const CHOICES: readonly Choice[] = [
  { kind: 'csv', title: 'Data as CSV', tag: 'CSV', button: 'Download data (CSV)', noun: 'the CSV file' },
  { kind: 'xlsx', title: 'Data as Excel', tag: 'XLSX', button: 'Download data (Excel)', noun: 'the Excel file' },
  { kind: 'pdf', title: 'Portfolio health report', tag: 'PDF', button: 'Portfolio report (PDF)', noun: 'the PDF report' },
];

/** The month on the device's clock, for file names when no value has a month yet. */
function thisMonth(): Month {
  const now = new Date();
  return monthFromParts(now.getFullYear(), now.getMonth() + 1);
}

/** Lets the busy state paint before the (synchronous, possibly long) generation starts. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** A chunk that could not be fetched: offline before the service worker had cached it. */
function isMissingCode(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|importing a module script failed|error loading dynamically|failed to fetch/i.test(message);
}

function problem(choice: Choice, error: unknown): string {
  if (isMissingCode(error)) {
    return `Could not make ${choice.noun}: the part of Vitals that writes it is not on this device yet. Connect to the internet once (it is then kept for offline use) and try again.`;
  }
  const reason = error instanceof Error && error.message ? ` (${error.message})` : '';
  return `Could not make ${choice.noun}${reason}. Your data is unchanged; please try again.`;
}

export function Reports(): JSX.Element {
  const data = useTenantData();
  const [busy, setBusy] = createSignal<ExportKind | null>(null);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<{ kind: ExportKind; message: string } | null>(null);

  const accounts = createMemo(() => data.accounts().filter((a) => !a._deleted));
  // Accounts can arrive before their measurements: until those are in too, a file would miss values and
  // be named for the wrong month. The stored count says whether any are still to come.
  const storedMeasurements = from(data.db.measurements.count().$);
  const loading = (): boolean => {
    const stored = storedMeasurements();
    return !data.ready() || stored === undefined || (stored > 0 && data.latest() === null);
  };
  const month = createMemo(() => data.latest() ?? thisMonth());
  const valueCount = createMemo(() => {
    const live = new Set(accounts().map((a) => a.id));
    let count = 0;
    for (const s of data.series()) {
      if (!live.has(s.accountId)) continue;
      for (const values of s.months.values()) count += Object.keys(values).length;
    }
    return count;
  });

  const describe = (kind: ExportKind): string => {
    const n = accounts().length;
    const accountsText = `${n} account${n === 1 ? '' : 's'}`;
    const values = valueCount().toLocaleString();
    switch (kind) {
      case 'csv':
        return `Every KPI value of your ${accountsText} (${values} values), one row per account, KPI and month: the layout the spreadsheet upload reads back. Opens in any spreadsheet app.`;
      case 'xlsx':
        return `The same KPI values as an Excel workbook, plus an Accounts sheet with each account's segment, CSM and renewal date.`;
      case 'pdf':
        return `Portfolio health for ${formatMonth(month())}: accounts by status, the score trend, and all ${accountsText} worst first with their drivers, ARR and renewal. Ready to share or present.`;
    }
  };

  const source = (): ExportSource => {
    const tenant = currentTenant();
    return {
      tenant: { slug: tenant?.slug ?? '', name: tenant?.name ?? 'Workspace' },
      month: month(),
      accounts: accounts(),
      measurements: data.measurements(),
      members: data.members(),
      series: data.series(),
      catalog: data.catalog,
      generatedAt: new Date().toISOString(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    };
  };

  const run = async (choice: Choice): Promise<void> => {
    // aria-disabled rather than disabled keeps focus on the button while it works.
    if (busy() !== null) return;
    setBusy(choice.kind);
    setSaved(null);
    setFailure(null);
    try {
      await nextPaint();
      const file = await createExport(choice.kind, source());
      saveFile(file);
      setSaved(`${file.fileName} is ready. Your browser saves it with your other downloads.`);
    } catch (error) {
      console.error(`Export (${choice.kind}) failed`, error);
      setFailure({ kind: choice.kind, message: problem(choice, error) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <header class="topbar">
        <div>
          <h1>Reports</h1>
          <span class="muted">{data.latest() ? `Data as of ${formatMonth(data.latest()!)}` : 'Waiting for data'}</span>
        </div>
        <SyncIndicator />
      </header>

      <Show
        when={!loading() && accounts().length > 0}
        fallback={
          <section class="card empty-state reports-empty" aria-live="polite">
            <Show when={!loading()} fallback={<p>Loading your data…</p>}>
              <h2>Nothing to export yet</h2>
              <p class="muted">
                Reports and downloads are made from this workspace's accounts and KPI values. When an admin uploads a
                KPI spreadsheet, they appear here as soon as this device has synced.
              </p>
            </Show>
          </section>
        }
      >
        <p class="muted reports-intro">
          Made on this device from the data stored here, so they work offline and include changes still waiting to
          sync. Names that a spreadsheet could mistake for formulas are written with a leading ' so they open as text.
        </p>

        <div class="report-list">
          <For each={CHOICES}>
            {(choice) => {
              const id = `report-${choice.kind}`;
              return (
                <section class="card report-card" aria-labelledby={`${id}-title`}>
                  <h2 id={`${id}-title`}>
                    <span class="format-tag" aria-hidden="true">
                      {choice.tag}
                    </span>
                    {choice.title}
                  </h2>
                  <p id={`${id}-description`} class="muted">
                    {describe(choice.kind)}
                  </p>
                  <button
                    class="button"
                    type="button"
                    data-testid={`export-${choice.kind}`}
                    aria-describedby={`${id}-description`}
                    aria-disabled={busy() !== null}
                    aria-busy={busy() === choice.kind}
                    onClick={() => void run(choice)}
                  >
                    {busy() === choice.kind ? 'Preparing…' : choice.button}
                  </button>
                  <Show when={failure()?.kind === choice.kind}>
                    <p class="error report-error" role="alert">
                      {failure()!.message}
                    </p>
                  </Show>
                </section>
              );
            }}
          </For>
        </div>

        <p class="report-status" role="status" aria-live="polite">
          {busy() !== null ? 'Preparing your file…' : (saved() ?? '')}
        </p>
      </Show>
    </>
  );
}
