/**
 * Words for a failure of the device database. A full disk (QuotaExceededError, which browsers also
 * report wrapped inside Dexie and RxDB errors) gets its own advice; nothing already stored is lost.
 */
function isQuotaError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /quota/i.test(text);
}

export function storageErrorMessage(error: unknown): string {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  if (isQuotaError(error)) {
    return 'This device is out of storage space for Vitals. Free some space (or remove other sites’ data) and reload; nothing already saved here is lost.';
  }
  return `Vitals could not open its data on this device (${error instanceof Error ? error.message : text}). Reload to try again; if it persists, sign out and in again.`;
}

/**
 * Words for a failed local write (an edit, an import). A full disk says so and what to do; the value typed is
 * still on screen to retry, and what was stored before is untouched (IndexedDB writes are all-or-nothing).
 */
export function writeErrorMessage(error: unknown): string {
  if (isQuotaError(error)) {
    return 'This device is out of storage space, so the change was not saved. Free some space and save again; nothing saved before is lost.';
  }
  return error instanceof Error ? error.message : String(error);
}
