/**
 * `readSpreadsheet` in a worker thread, with a time limit and a heap limit. Spreadsheets are untrusted:
 * the zip-bomb check bounds what SheetJS unpacks, but only a separate isolate that can be stopped bounds
 * the CPU time and heap of a file that is merely pathological. A stopped worker becomes a typed result
 * (`timeout`, or `too-large` when it ran out of heap), never a crashed server.
 */
import { Worker } from 'node:worker_threads';
import {
  spreadsheetOutOfMemory,
  spreadsheetTimeout,
  type SpreadsheetLimits,
  type SpreadsheetSuccess,
  type SpreadsheetWorkerResult,
} from '@vitals/shared';

export const DEFAULT_READ_TIMEOUT_MS = 10_000;
/**
 * Heap of the worker: a file at the default limits (1,000,000 cells) reads within 256 MB, so this is
 * twice that. Unpacked zip contents are Buffers outside the heap, bounded by the zip check instead.
 */
export const DEFAULT_READ_MEMORY_MB = 512;
/** Starting a worker (tsx compiling the shared code on a cold cache) is not the file's fault, but must end. */
const START_TIMEOUT_MS = 60_000;

export interface ReadInWorkerOptions {
  /** How long the read itself may take, from the moment the worker has started. */
  readonly timeoutMs?: number;
  readonly limits?: Partial<SpreadsheetLimits>;
  /** The worker's old-generation heap; running out stops the read with `too-large`. */
  readonly maxMemoryMb?: number;
}

/** workerData of spreadsheet-worker.ts. */
export interface WorkerRequest {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly limits?: Partial<SpreadsheetLimits>;
}

/** What spreadsheet-worker.ts posts back. */
export type WorkerMessage = { readonly type: 'started' } | { readonly type: 'result'; readonly result: SpreadsheetSuccess | Extract<SpreadsheetWorkerResult, { ok: false }> };

const WORKER_URL = new URL('./spreadsheet-worker.mjs', import.meta.url);

export function readSpreadsheetInWorker(bytes: Uint8Array, fileName: string, options: ReadInWorkerOptions = {}): Promise<SpreadsheetWorkerResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  const maxMemoryMb = options.maxMemoryMb ?? DEFAULT_READ_MEMORY_MB;
  const request: WorkerRequest = { bytes, fileName, limits: options.limits };

  return new Promise<SpreadsheetWorkerResult>((resolve, reject) => {
    const worker = new Worker(WORKER_URL, {
      workerData: request,
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
    });
    let settled = false;
    let timer = setTimeout(() => finish(() => reject(new Error(`The spreadsheet worker did not start within ${START_TIMEOUT_MS / 1000} s.`))), START_TIMEOUT_MS);

    function finish(settle: () => void): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Stopping a worker interrupts even a synchronous loop inside SheetJS.
      void worker.terminate();
      settle();
    }

    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'started') {
        clearTimeout(timer);
        timer = setTimeout(() => finish(() => resolve(spreadsheetTimeout(fileName, timeoutMs))), timeoutMs);
      } else {
        finish(() => resolve(message.result));
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') finish(() => resolve(spreadsheetOutOfMemory(fileName, maxMemoryMb)));
      else finish(() => reject(error));
    });
    worker.on('exit', (code) => finish(() => reject(new Error(`The spreadsheet worker stopped (exit code ${code}) before answering.`))));
  });
}
