/**
 * Reads an uploaded spreadsheet in a Web Worker with a time limit: `readSpreadsheetFile(file)` gives the
 * same `SpreadsheetWorkerResult` as the server's `readSpreadsheetInWorker`. SheetJS lives only in the
 * worker's chunk. A read that outlives its limit is stopped by terminating the worker.
 */
import { SPREADSHEET_ERRORS, checkSpreadsheetSize, spreadsheetFailure, spreadsheetTimeout, type SpreadsheetLimits, type SpreadsheetWorkerResult } from '@vitals/shared';
import type { SpreadsheetWorkerReply, SpreadsheetWorkerRequest } from './spreadsheet-worker-protocol';

/** Longer than the server's 10 s: phones parse several times slower, and the person is watching a progress bar. */
export const DEFAULT_FILE_READ_TIMEOUT_MS = 30_000;
/** Loading the worker's chunk (from the service worker's precache when offline) is not the file's fault, but must end. */
const START_TIMEOUT_MS = 30_000;

export interface ReadFileOptions {
  /** How long the parse may take once the worker has the file's bytes. */
  readonly timeoutMs?: number;
  readonly limits?: Partial<SpreadsheetLimits>;
}

/** What `runSpreadsheetWorker` needs of a worker: a seam for tests, which run in Node without Web Workers. */
export interface SpreadsheetWorkerPort {
  post(message: SpreadsheetWorkerRequest): void;
  listen(onReply: (reply: SpreadsheetWorkerReply) => void, onError: (message: string) => void): void;
  terminate(): void;
}

export function readSpreadsheetFile(file: File, options: ReadFileOptions = {}): Promise<SpreadsheetWorkerResult> {
  // Refuse before starting a worker or reading the bytes.
  const refusal = checkSpreadsheetSize(file.size, file.name, options.limits);
  if (refusal) return Promise.resolve(refusal);
  // Written exactly like this so that Vite bundles the worker as its own chunk.
  const worker = new Worker(new URL('../workers/spreadsheet.worker.ts', import.meta.url), { type: 'module' });
  const port: SpreadsheetWorkerPort = {
    post: (message) => worker.postMessage(message),
    listen: (onReply, onError) => {
      worker.onmessage = (event: MessageEvent<SpreadsheetWorkerReply>) => onReply(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        onError(event.message || 'the spreadsheet worker failed to load');
      };
      worker.onmessageerror = () => onError('the spreadsheet worker sent a message that could not be read');
    },
    terminate: () => worker.terminate(),
  };
  return runSpreadsheetWorker(port, file, file.name, options);
}

/** Browsers report a worker that ran out of memory through its error event, in words like these. */
const OUT_OF_MEMORY = /out of memory|allocation failed|invalid array length/i;

/** The protocol and the time limit, apart from the real `Worker` so that Node tests can drive them. */
export function runSpreadsheetWorker(port: SpreadsheetWorkerPort, file: Blob, fileName: string, options: ReadFileOptions = {}): Promise<SpreadsheetWorkerResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FILE_READ_TIMEOUT_MS;
  return new Promise<SpreadsheetWorkerResult>((resolve, reject) => {
    let settled = false;
    let timer = setTimeout(() => finish(() => reject(new Error(`The spreadsheet worker did not start within ${START_TIMEOUT_MS / 1000} s.`))), START_TIMEOUT_MS);

    function finish(settle: () => void): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      port.terminate();
      settle();
    }

    port.listen(
      (reply) => {
        if (reply.type === 'started') {
          clearTimeout(timer);
          timer = setTimeout(() => finish(() => resolve(spreadsheetTimeout(fileName, timeoutMs))), timeoutMs);
        } else {
          finish(() => resolve(reply.result));
        }
      },
      (message) => {
        if (OUT_OF_MEMORY.test(message)) {
          finish(() =>
            resolve(spreadsheetFailure(SPREADSHEET_ERRORS.tooLarge, `Reading ${fileName} needed more memory than this device could give it. Split the workbook into smaller files.`)),
          );
        } else {
          finish(() => reject(new Error(`Reading ${fileName} failed: ${message}`)));
        }
      },
    );
    port.post({ file, fileName, limits: options.limits });
  });
}
