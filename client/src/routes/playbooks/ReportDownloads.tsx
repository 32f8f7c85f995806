/**
 * "Download report" as Markdown and PDF. The file is made on this device (offline too); PDF code loads on
 * first use, so a device that never had it (offline since installing) is told how to get it.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { ExportFile } from '../../export/create';
import { saveFile } from '../../export/download';
import type { ReportFormat } from './report-files';

const FORMATS: readonly { readonly format: ReportFormat; readonly label: string }[] = [
  { format: 'md', label: 'Markdown' },
  { format: 'pdf', label: 'PDF' },
];

/** A chunk that could not be fetched: offline before the service worker had cached it. */
function isMissingCode(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|importing a module script failed|error loading dynamically|failed to fetch/i.test(
    message,
  );
}

function problem(error: unknown): string {
  if (isMissingCode(error)) {
    return 'Could not make the file: the part of Vitals that writes it is not on this device yet. Connect to the internet once and try again.';
  }
  const reason = error instanceof Error && error.message ? ` (${error.message})` : '';
  return `Could not make the file${reason}. Nothing was changed; please try again.`;
}

export function ReportDownloads(props: {
  /** "Report", "Results": the button reads "<noun> (PDF)". */
  noun: string;
  testId: string;
  make: (format: ReportFormat) => Promise<ExportFile>;
}): JSX.Element {
  const [busy, setBusy] = createSignal<ReportFormat | null>(null);
  const [message, setMessage] = createSignal<{ text: string; error: boolean } | null>(null);
  const download = async (format: ReportFormat): Promise<void> => {
    if (busy()) return;
    setBusy(format);
    setMessage(null);
    try {
      const file = await props.make(format);
      saveFile(file);
      setMessage({ text: `${file.fileName} is ready in your downloads.`, error: false });
    } catch (error) {
      console.error('Playbook report failed', error);
      setMessage({ text: problem(error), error: true });
    } finally {
      setBusy(null);
    }
  };
  return (
    <div class="pb-downloads">
      <div class="pb-download-buttons">
        <For each={FORMATS}>
          {(f) => (
            <button
              type="button"
              class="button secondary"
              data-testid={`${props.testId}-${f.format}`}
              aria-disabled={busy() !== null}
              aria-busy={busy() === f.format}
              onClick={() => void download(f.format)}
            >
              <span aria-hidden="true">⤓</span>
              {busy() === f.format ? 'Preparing…' : `${props.noun} (${f.label})`}
            </button>
          )}
        </For>
      </div>
      <p
        class={message()?.error ? 'error pb-download-message' : 'muted pb-download-message'}
        role={message()?.error ? 'alert' : 'status'}
      >
        <Show when={message()}>{message()!.text}</Show>
      </p>
    </div>
  );
}
