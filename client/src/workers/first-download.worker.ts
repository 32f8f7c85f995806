/**
 * The first download's worker: fetches, parses and stores the pages of one collection (first-download-pages.ts)
 * and tells the page of each committed write, which the page then announces to RxDB. It runs the downloads
 * of every collection of a first sync side by side.
 */
import {
  storeAllPages,
  toCrossingError,
  type DownloadMessage,
  type DownloadStart,
  type StoredPages,
} from '../db/first-download-pages';
import { pullOverHttp } from '../db/pull-page';

/** The worker's global scope, typed for what it uses (the client compiles against the DOM library). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DownloadStart>) => void) | null;
  postMessage(message: DownloadMessage): void;
};
const tell = (message: DownloadMessage): void => scope.postMessage(message);

scope.onmessage = (event) => {
  const { id, target, pullPath } = event.data;
  const onStored = (pages: StoredPages): void => {
    tell({ id, type: 'stored', pages: pages.map((page) => ({ text: page.text!, checkpoint: page.checkpoint })) });
  };
  storeAllPages(target, pullOverHttp(pullPath), onStored).then(
    () => tell({ id, type: 'done' }),
    (error: unknown) => tell({ id, type: 'failed', error: toCrossingError(error) }),
  );
};
