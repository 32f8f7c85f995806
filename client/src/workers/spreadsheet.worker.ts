/**
 * The browser's spreadsheet reader: a module Web Worker, so SheetJS is loaded only here (never in the
 * app's initial bundle) and a pathological file blocks this thread, which `read-file.ts` can terminate,
 * rather than the UI.
 */
import { readSpreadsheet } from '@vitals/shared';
import type { SpreadsheetWorkerReply, SpreadsheetWorkerRequest } from '../import/spreadsheet-worker-protocol';

/** The worker's global scope, typed for what it uses (the client compiles against the DOM library). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SpreadsheetWorkerRequest>) => void) | null;
  postMessage(message: SpreadsheetWorkerReply): void;
};

scope.onmessage = async (event) => {
  const { file, fileName, limits } = event.data;
  const bytes = new Uint8Array(await file.arrayBuffer());
  scope.postMessage({ type: 'started' });
  scope.postMessage({ type: 'result', result: readSpreadsheet(bytes, fileName, limits) });
};
