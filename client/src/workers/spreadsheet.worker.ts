/**
 * The browser's spreadsheet reader: a module Web Worker, so SheetJS is loaded only here (never in the
 * app's initial bundle) and a pathological file blocks this thread, which `read-file.ts` can terminate,
 * rather than the UI.
 */
import { readSpreadsheet, SPREADSHEET_ERRORS, spreadsheetFailure } from '@vitals/shared';
import type { SpreadsheetWorkerReply, SpreadsheetWorkerRequest } from '../import/spreadsheet-worker-protocol';

/** The worker's global scope, typed for what it uses (the client compiles against the DOM library). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SpreadsheetWorkerRequest>) => void) | null;
  postMessage(message: SpreadsheetWorkerReply): void;
};

scope.onmessage = async (event) => {
  const { file, fileName, limits } = event.data;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    scope.postMessage({ type: 'started' });
    scope.postMessage({ type: 'result', result: readSpreadsheet(bytes, fileName, limits) });
  } catch (error) {
    // A failure inside an async handler fires no `error` event in the page: without this answer the person
    // would wait for the time limit. (E.g. the file changed on disk after it was picked.)
    const reason = error instanceof Error ? error.message : String(error);
    scope.postMessage({
      type: 'result',
      result: spreadsheetFailure(SPREADSHEET_ERRORS.malformedFile, `${fileName} could not be read (${reason}). Pick the file again.`),
    });
  }
};
