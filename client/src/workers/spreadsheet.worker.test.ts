import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SpreadsheetWorkerReply, SpreadsheetWorkerRequest } from '../import/spreadsheet-worker-protocol';

// The worker module sets `self.onmessage`; here `self` is a stand-in that records what it posts.
const scope: {
  onmessage: ((event: MessageEvent<SpreadsheetWorkerRequest>) => Promise<void>) | null;
  postMessage(message: SpreadsheetWorkerReply): void;
  posted: SpreadsheetWorkerReply[];
} = { onmessage: null, posted: [], postMessage: (m) => scope.posted.push(m) };

async function send(file: Pick<Blob, 'arrayBuffer'>, fileName: string): Promise<SpreadsheetWorkerReply[]> {
  scope.posted = [];
  vi.stubGlobal('self', scope);
  await import('./spreadsheet.worker');
  await scope.onmessage!({ data: { file, fileName } } as unknown as MessageEvent<SpreadsheetWorkerRequest>);
  return scope.posted;
}

describe('the spreadsheet worker', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('answers a file it cannot read with a failure that says so, not silence until the time limit', async () => {
    const unreadable = { arrayBuffer: () => Promise.reject(new Error('The file changed after it was picked')) };
    const replies = await send(unreadable, 'q3.xlsx');
    expect(replies).toEqual([
      {
        type: 'result',
        result: {
          ok: false,
          error: { code: 'malformed-file', message: expect.stringMatching(/^q3\.xlsx could not be read \(The file changed/) },
        },
      },
    ]);
  });

  it('reads a CSV and reports that it started first', async () => {
    const csv = new Blob(['Account,KPI,Month,Value\nAcme,nps,2025-09,40\n']);
    const replies = await send(csv, 'values.csv');
    expect(replies.map((r) => r.type)).toEqual(['started', 'result']);
    const result = replies[1]!.type === 'result' ? replies[1]!.result : null;
    expect(result?.ok).toBe(true);
  });
});
