/**
 * The browser wrapper's plain logic: the size check before any worker, the started/result protocol, the
 * time limit and what a failing worker becomes. Client tests run in Node, which has no Web Workers, so a
 * fake port stands in for the worker; the real worker and Vite's bundling of it are covered only by the
 * build and the end-to-end tests.
 */
import type { SpreadsheetWorkerResult } from '@vitals/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FILE_READ_TIMEOUT_MS, readSpreadsheetFile, runSpreadsheetWorker, type SpreadsheetWorkerPort } from './read-file';
import type { SpreadsheetWorkerReply, SpreadsheetWorkerRequest } from './spreadsheet-worker-protocol';

class FakePort implements SpreadsheetWorkerPort {
  readonly posted: SpreadsheetWorkerRequest[] = [];
  terminated = 0;
  private onReply: (reply: SpreadsheetWorkerReply) => void = () => undefined;
  private onError: (message: string) => void = () => undefined;
  post(message: SpreadsheetWorkerRequest): void {
    this.posted.push(message);
  }
  listen(onReply: (reply: SpreadsheetWorkerReply) => void, onError: (message: string) => void): void {
    this.onReply = onReply;
    this.onError = onError;
  }
  terminate(): void {
    this.terminated++;
  }
  reply(reply: SpreadsheetWorkerReply): void {
    this.onReply(reply);
  }
  fail(message: string): void {
    this.onError(message);
  }
}

const file = new File(['Account,KPI\nInitech,nps\n'], 'kpis.csv', { type: 'text/csv' });
const success: SpreadsheetWorkerResult = { ok: true, kind: 'csv', sheets: [{ name: 'kpis.csv', rows: [['Account', 'KPI']] }], issues: [] };

describe('readSpreadsheetFile', () => {
  // Node has no Worker: reaching `new Worker` would throw, so these prove that no worker is started.
  it.each([
    ['too large', new File([new Uint8Array(2048)], 'big.xlsx'), { maxFileBytes: 1024 }, 'too-large', 'big.xlsx is 2 KB; the limit is 1 KB. Split it into smaller files.'],
    ['empty', new File([], 'empty.csv'), undefined, 'empty-file', 'empty.csv is empty (0 bytes).'],
  ] as const)('refuses a file that is %s before starting a worker', async (_, input, limits, code, message) => {
    expect(await readSpreadsheetFile(input, { limits })).toEqual({ ok: false, error: { code, message } });
  });
});

describe('runSpreadsheetWorker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('posts the file, resolves with the worker’s result and terminates the worker', async () => {
    const port = new FakePort();
    const result = runSpreadsheetWorker(port, file, 'kpis.csv', { limits: { maxRowsPerSheet: 5 } });
    expect(port.posted).toEqual([{ file, fileName: 'kpis.csv', limits: { maxRowsPerSheet: 5 } }]);
    port.reply({ type: 'started' });
    port.reply({ type: 'result', result: success });
    expect(await result).toBe(success);
    expect(port.terminated).toBe(1);
  });

  it('times the read from "started": a slow start is not a timeout, a slow read is', async () => {
    const port = new FakePort();
    const result = runSpreadsheetWorker(port, file, 'kpis.csv', { timeoutMs: 1000 });
    await vi.advanceTimersByTimeAsync(5000); // loading the worker's chunk
    port.reply({ type: 'started' });
    await vi.advanceTimersByTimeAsync(999);
    expect(port.terminated).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toEqual({
      ok: false,
      error: { code: 'timeout', message: 'Reading kpis.csv took longer than the limit of 1 s and was stopped. The file may be damaged or very large: save it again from Excel, split it, or save it as CSV.' },
    });
    expect(port.terminated).toBe(1);
    port.reply({ type: 'result', result: success }); // too late: ignored
    expect(port.terminated).toBe(1);
  });

  it('gives the read 30 s by default', async () => {
    const port = new FakePort();
    const result = runSpreadsheetWorker(port, file, 'kpis.csv');
    port.reply({ type: 'started' });
    await vi.advanceTimersByTimeAsync(DEFAULT_FILE_READ_TIMEOUT_MS);
    expect(await result).toMatchObject({ ok: false, error: { code: 'timeout', message: expect.stringMatching(/limit of 30 s/) } });
  });

  it('rejects when the worker never starts', async () => {
    const port = new FakePort();
    const result = runSpreadsheetWorker(port, file, 'kpis.csv');
    const assertion = expect(result).rejects.toThrow('The spreadsheet worker did not start within 30 s.');
    await vi.advanceTimersByTimeAsync(30_000);
    await assertion;
    expect(port.terminated).toBe(1);
  });

  it('turns a worker that ran out of memory into too-large', async () => {
    const port = new FakePort();
    const result = runSpreadsheetWorker(port, file, 'kpis.csv');
    port.reply({ type: 'started' });
    port.fail('Uncaught RangeError: Array buffer allocation failed');
    expect(await result).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(port.terminated).toBe(1);
  });

  it('rejects on any other worker failure, naming the file', async () => {
    const port = new FakePort();
    const result = runSpreadsheetWorker(port, file, 'kpis.csv');
    port.fail('Failed to fetch dynamically imported module');
    await expect(result).rejects.toThrow('Reading kpis.csv failed: Failed to fetch dynamically imported module');
    expect(port.terminated).toBe(1);
  });
});
