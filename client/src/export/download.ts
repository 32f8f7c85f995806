/**
 * Saving a file the device made: a Blob behind a temporary link, clicked. Works offline (no request is
 * made) and in an installed PWA. The object URL is released later, not at once: some browsers (Safari)
 * still read it after `click()` returns.
 */
import type { ExportFile } from './create';

const RELEASE_AFTER_MS = 60_000;

export function saveFile(file: ExportFile): void {
  const blob = new Blob([file.contents], { type: file.mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), RELEASE_AFTER_MS);
  }
}
