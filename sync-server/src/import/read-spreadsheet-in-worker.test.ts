import { readFile } from 'node:fs/promises';
import { readSpreadsheet } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import { readSpreadsheetInWorker } from './read-spreadsheet-in-worker';

const fixture = async (name: string): Promise<Uint8Array> =>
  new Uint8Array(await readFile(new URL(`../../../shared/src/import/fixtures/${name}`, import.meta.url)));

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

/** 100,000 rows × 10 cells: about 9 MB of CSV that needs far more than 24 MB of heap to parse. */
const bigCsv = (): Uint8Array => text(Array.from({ length: 100_000 }, (_, r) => Array.from({ length: 10 }, (_, c) => `r${r}c${c}`).join(',')).join('\n'));

describe('readSpreadsheetInWorker', () => {
  it.each(['long.xlsx', 'legacy.xls', 'semicolon.csv', 'formulas.xlsx', 'proto-keys.xlsx', 'bomb.xlsx', 'truncated.xlsx'])(
    'gives the same result as the direct call for %s',
    async (name) => {
      const bytes = await fixture(name);
      expect(await readSpreadsheetInWorker(bytes, name)).toEqual(readSpreadsheet(bytes, name));
    },
  );

  it('passes the limits to the worker', async () => {
    const bytes = await fixture('long.xlsx');
    expect(await readSpreadsheetInWorker(bytes, 'long.xlsx', { limits: { maxRowsPerSheet: 10 } })).toMatchObject({
      ok: false,
      error: { code: 'too-many-rows', message: expect.stringMatching(/the limit is 10 rows per sheet/) },
    });
  });

  it('stops a read that would never end and says so', async () => {
    // Honest, in-bounds sizes (the zip check passes), but the last deflate stream is cut mid-block at the
    // very end of the file: SheetJS's inflater reads zeros past the end and spins forever. A direct call
    // would never return.
    const bytes = await fixture('endless-stream.xlsx');
    const started = performance.now();
    const result = await readSpreadsheetInWorker(bytes, 'endless-stream.xlsx', { timeoutMs: 300 });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'timeout',
        message: 'Reading endless-stream.xlsx took longer than the limit of 300 ms and was stopped. The file may be damaged or very large: save it again from Excel, split it, or save it as CSV.',
      },
    });
    // The worker's start-up is not counted; the read is cut at its limit.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('stops a merely slow read at a tiny limit', async () => {
    // Inflating 64 MB into the 64 KB buffer its sizes declare costs SheetJS hundreds of milliseconds.
    const result = await readSpreadsheetInWorker(await fixture('bomb-lying-size.xlsx'), 'bomb-lying-size.xlsx', { timeoutMs: 20 });
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout', message: expect.stringMatching(/limit of 20 ms/) } });
  });

  it('turns a worker that runs out of heap into too-large, and a small file still reads under the same limit', async () => {
    expect(await readSpreadsheetInWorker(text('a,b\n1,2\n'), 'small.csv', { maxMemoryMb: 24 })).toMatchObject({ ok: true });
    expect(await readSpreadsheetInWorker(bigCsv(), 'big.csv', { maxMemoryMb: 24, timeoutMs: 60_000 })).toEqual({
      ok: false,
      error: {
        code: 'too-large',
        message: 'Reading big.csv needed more than the 24 MB of memory an import may use and was stopped. Split the workbook into smaller files.',
      },
    });
  });

  it('runs reads side by side, each in its own worker', async () => {
    const [long, csv] = await Promise.all([
      readSpreadsheetInWorker(await fixture('long.xlsx'), 'long.xlsx'),
      readSpreadsheetInWorker(await fixture('long.csv'), 'long.csv'),
    ]);
    expect(long).toMatchObject({ ok: true, kind: 'xlsx' });
    expect(csv).toMatchObject({ ok: true, kind: 'csv' });
  });
});
