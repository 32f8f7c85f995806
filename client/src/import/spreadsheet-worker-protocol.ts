/**
 * Messages between `read-file.ts` and `workers/spreadsheet.worker.ts`. The worker gets the `File`
 * itself (posting a File copies a reference, not its bytes) and reads it off the main thread.
 */
import type { SpreadsheetLimits, SpreadsheetWorkerResult } from '@vitals/shared';

export interface SpreadsheetWorkerRequest {
  readonly file: Blob;
  readonly fileName: string;
  readonly limits?: Partial<SpreadsheetLimits>;
}

/** `started` once the worker has loaded and read the file's bytes, so the time limit measures the parse. */
export type SpreadsheetWorkerReply = { readonly type: 'started' } | { readonly type: 'result'; readonly result: SpreadsheetWorkerResult };
