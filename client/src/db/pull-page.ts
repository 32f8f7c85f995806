/** One page of a collection from the sync server's pull endpoint (DESIGN.md "Sync"), through the one fetch wrapper. */
import { serializeCheckpoint, type Checkpoint } from '@vitals/shared';
import { requestWithText } from '../api/http';
import type { Doc, PullPage } from './first-download-pages';

export function pullOverHttp(pullPath: string): PullPage {
  return async (checkpoint, limit) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (checkpoint) query.set('checkpoint', serializeCheckpoint(checkpoint));
    const { body, text } = await requestWithText<{ documents: Doc[]; checkpoint: Checkpoint | null }>(`${pullPath}?${query}`);
    return { ...body, text };
  };
}
