/**
 * Where a spreadsheet comes in: dropped on the card or picked with the file dialog. The real file input stays
 * in the page (visually hidden, still focusable), so the keyboard, screen readers and tests use it as is.
 */
import { DEFAULT_SPREADSHEET_LIMITS } from '@vitals/shared';
import { createSignal, type JSX } from 'solid-js';
import { ACCEPTED_FILES, formatSize } from './model';

export function Dropzone(props: {
  onFile: (file: File) => void;
  onRefused: (message: string) => void;
  compact?: boolean;
}): JSX.Element {
  const [dragging, setDragging] = createSignal(false);
  // dragenter/dragleave fire for every child the pointer crosses: count them so the highlight does not flicker.
  let depth = 0;

  const take = (files: FileList | null | undefined): void => {
    if (!files || files.length === 0) return;
    if (files.length > 1) {
      props.onRefused('Drop one file at a time: each import is one spreadsheet and becomes one version.');
      return;
    }
    props.onFile(files[0]!);
  };

  return (
    <section
      class="card dropzone"
      classList={{ dragging: dragging(), compact: props.compact === true }}
      aria-labelledby="dropzone-title"
      onDragEnter={(e) => {
        e.preventDefault();
        depth++;
        setDragging(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth = Math.max(0, depth - 1);
        if (depth === 0) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        depth = 0;
        setDragging(false);
        take(e.dataTransfer?.files);
      }}
    >
      <span class="dropzone-icon" aria-hidden="true">
        ⇪
      </span>
      <div class="dropzone-text">
        <h2 id="dropzone-title">{dragging() ? 'Drop to read this file' : 'Import a KPI spreadsheet'}</h2>
        <p class="muted" id="dropzone-hint">
          Drag an Excel (.xlsx, .xls) or CSV file here, up to{' '}
          {formatSize(DEFAULT_SPREADSHEET_LIMITS.maxFileBytes)}. Wide, long and one-sheet-per-month layouts
          are recognised; an Accounts sheet with segment, CSM and renewal date is optional.
        </p>
      </div>
      <input
        id="import-file"
        class="file-input visually-hidden"
        type="file"
        accept={ACCEPTED_FILES}
        aria-describedby="dropzone-hint"
        data-testid="import-file"
        onChange={(e) => {
          take(e.currentTarget.files);
          // The same file chosen again (after fixing it) must fire change again.
          e.currentTarget.value = '';
        }}
      />
      <label class="button" for="import-file">
        Choose a file
      </label>
    </section>
  );
}
