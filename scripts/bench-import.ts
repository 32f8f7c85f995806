/**
 * The import budget of DESIGN.md: "import of a 10,000-row spreadsheet, parsed, validated and previewed: < 2 s".
 *
 * The file is an .xlsx in the long layout written here with SheetJS from the sample generator's data (ACME,
 * its accounts repeated under new names until there are 10,000 values; KPIs by catalog name, ARR in currency
 * units, as a customer's export would be). It is previewed against a realistic existing tenant: the same
 * accounts as the seed writes them, holding every month but the latest, so the file brings one new month and
 * repeats six. Measured: `readSpreadsheet` + `readWorkbook` + `previewImport`, in process (the CLI and server
 * run the first step in a worker thread, whose ~0.5 s start-up is not the file's cost). Baseline: SheetJS's
 * bare `XLSX.read` of the same bytes with the options `readSpreadsheet` passes it, in the same run (its time
 * with SheetJS's default options is printed beside it).
 *
 * Memory: the peak is the process's resident-set high-water mark (`process.resourceUsage().maxRSS`), read
 * before and after one run of the pipeline in a fresh child process (`--expose-gc`, collected first; the
 * file and the tenant are written by the parent and only read by the child, since generating them would
 * set a higher mark than the import), so nothing else the bench did counts. The growth of V8's reserved
 * heap over the run is printed beside it. The baseline is the same for a bare `XLSX.read` in its own child.
 *
 * `npx tsx scripts/bench-import.ts` runs only this part.
 */
import { medianTime } from './timing';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as XLSX from 'xlsx';
import {
  DEFAULT_CATALOG,
  SAMPLE_LATEST_MONTH,
  generateSampleTenants,
  hasBlockingErrors,
  previewImport,
  readSpreadsheet,
  readWorkbook,
  sampleDocuments,
  type ExistingData,
  type SampleTenant,
} from '@vitals/shared';
import { DEFAULT_READ_MEMORY_MB } from '../sync-server/src/import/read-spreadsheet-in-worker';
import type { Measurement } from './bench-browser/measurement';

export const IMPORT_ROWS = 10_000;
/** DESIGN.md: parsed, validated and previewed in under 2 s. */
const IMPORT_BUDGET_MS = 2_000;
const FILE_NAME = 'kpis-10000.xlsx';

/** ACME with its accounts repeated ("Acme Widgets", "Acme Widgets 2", …) until it holds `rows` values. */
function largeTenant(rows: number): SampleTenant {
  const acme = generateSampleTenants().find((t) => t.slug === 'acme')!;
  const copies = Math.ceil(rows / acme.values.length);
  const suffix = (copy: number): string => (copy === 0 ? '' : ` ${copy + 1}`);
  return {
    ...acme,
    accounts: Array.from({ length: copies }, (_, copy) => acme.accounts.map((a) => ({ ...a, id: `${a.id}${suffix(copy).replace(' ', '-')}`, name: `${a.name}${suffix(copy)}` }))).flat(),
    values: Array.from({ length: copies }, (_, copy) => acme.values.map((v) => ({ ...v, accountId: `${v.accountId}${suffix(copy).replace(' ', '-')}` }))).flat(),
  };
}

export interface ImportBenchData {
  readonly bytes: Uint8Array;
  readonly existing: ExistingData;
}

/** The file and the tenant it is previewed against; deterministic, so the child processes build the same. */
export function importBenchData(): ImportBenchData {
  const tenant = largeTenant(IMPORT_ROWS);
  const names = new Map(tenant.accounts.map((a) => [a.id, a.name]));
  const rows: (string | number)[][] = [['Account', 'KPI', 'Month', 'Value']];
  for (const v of tenant.values.slice(0, IMPORT_ROWS)) {
    rows.push([names.get(v.accountId)!, DEFAULT_CATALOG.byId[v.kpi].name, v.month, v.kpi === 'arr' ? v.value / 100 : v.value]);
  }
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'KPI values');
  const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true, bookSST: true }) as ArrayBuffer);

  let next = 0;
  const docs = sampleDocuments(tenant, {
    userIds: new Map(tenant.users.filter((u) => u.login).map((u) => [u.id, `user-${u.id}`])),
    newId: () => `id-${++next}`,
    seededAt: '2025-09-01T08:00:00.000Z',
    fileHash: '0'.repeat(64),
  });
  const existing: ExistingData = {
    accounts: docs.accounts,
    // The tenant as it stood before this month's upload.
    measurements: docs.measurements.filter((m) => m.month !== SAMPLE_LATEST_MONTH),
    members: docs.members,
  };
  return { bytes, existing };
}

/** parse + validate + preview: what a person waits for between choosing the file and seeing the preview. */
function pipeline(data: ImportBenchData): { read: number; workbook: number; preview: number; changed: number; values: number } {
  const t0 = performance.now();
  const file = readSpreadsheet(data.bytes, FILE_NAME);
  if (!file.ok) throw new Error(`bench file refused: ${file.error.message}`);
  const t1 = performance.now();
  const table = readWorkbook(file.sheets, { fileIssues: file.issues });
  if (hasBlockingErrors(table)) throw new Error(`bench file has errors: ${table.issues[0]!.message}`);
  const t2 = performance.now();
  const preview = previewImport(table, data.existing);
  const t3 = performance.now();
  return { read: t1 - t0, workbook: t2 - t1, preview: t3 - t2, changed: preview.changed.length, values: preview.values };
}

/** SheetJS alone, with the options `readSpreadsheet` passes it (values only, dense rows): the floor of any read. */
const READ_OPTIONS: XLSX.ParsingOptions = { type: 'array', dense: true, cellFormula: false, cellHTML: false, cellText: false, cellDates: false, cellNF: false, cellStyles: false };
const bareRead = (bytes: Uint8Array): number => XLSX.read(bytes, READ_OPTIONS).SheetNames.length;
const defaultRead = (bytes: Uint8Array): number => XLSX.read(bytes, { type: 'array' }).SheetNames.length;


// ------------------------------------------------------------------------------------------ memory probe

type Probe = 'pipeline' | 'xlsx-read';

interface ProbeResult {
  /** Growth of the resident-set high-water mark during the run, KB. */
  readonly peakRssKb: number;
  /** Growth of V8's reserved heap during the run (no collection forced in between), KB. */
  readonly heapKb: number;
}

/**
 * In the child: read the data the parent wrote (generating it here would raise the high-water mark above
 * anything the import needs), collect, then one run between two readings of the high-water mark.
 */
async function probe(which: Probe, dir: string): Promise<ProbeResult> {
  const data: ImportBenchData = {
    bytes: new Uint8Array(await readFile(join(dir, FILE_NAME))),
    existing: JSON.parse(await readFile(join(dir, 'existing.json'), 'utf8')) as ExistingData,
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const rssBefore = process.resourceUsage().maxRSS;
  const heapBefore = process.memoryUsage().heapTotal;
  if (which === 'pipeline') pipeline(data);
  else bareRead(data.bytes);
  return {
    peakRssKb: process.resourceUsage().maxRSS - rssBefore,
    heapKb: (process.memoryUsage().heapTotal - heapBefore) / 1024,
  };
}

const here = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

async function probeInChild(which: Probe, dir: string): Promise<ProbeResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', here, '--memory-probe', which, dir], {
    cwd: root,
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout) as ProbeResult;
}

// ------------------------------------------------------------------------------------------ the figures

const mb = (kb: number): string => `${(kb / 1024).toFixed(1)} MB`;

export async function importBenches(): Promise<Measurement[]> {
  const data = importBenchData();
  const once = pipeline(data);
  if (once.values !== IMPORT_ROWS) throw new Error(`bench file read ${once.values} values, not ${IMPORT_ROWS}`);
  let sink = 0;
  const value = medianTime(() => void (sink += pipeline(data).changed), 5, 1);
  const baseline = medianTime(() => void (sink += bareRead(data.bytes)), 5, 1);
  const defaults = medianTime(() => void (sink += defaultRead(data.bytes)), 3, 1);
  // One more warm run, for where the time goes.
  const stages = pipeline(data);
  const dir = await mkdtemp(join(tmpdir(), 'vitals-bench-import-'));
  let memory: ProbeResult;
  let memoryBaseline: ProbeResult;
  try {
    await writeFile(join(dir, FILE_NAME), data.bytes);
    await writeFile(join(dir, 'existing.json'), JSON.stringify(data.existing));
    memory = await probeInChild('pipeline', dir);
    memoryBaseline = await probeInChild('xlsx-read', dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (sink === Number.NEGATIVE_INFINITY) process.stdout.write('');
  return [
    {
      name: `import of a ${IMPORT_ROWS.toLocaleString('en')}-row spreadsheet (.xlsx, long layout, ${(data.bytes.length / 1024).toFixed(0)} KB): parse + validate + preview against a tenant of ${data.existing.accounts.length} accounts`,
      value,
      unit: 'ms',
      budget: IMPORT_BUDGET_MS,
      baseline,
      baselineName: `bare XLSX.read of the same bytes with readSpreadsheet's options (with SheetJS's default options: ${defaults.toFixed(0)} ms)`,
      note: `readSpreadsheet ${stages.read.toFixed(0)} ms, readWorkbook ${stages.workbook.toFixed(0)} ms, previewImport ${stages.preview.toFixed(0)} ms; ${once.changed.toLocaleString('en')} new values, ${(once.values - once.changed).toLocaleString('en')} unchanged`,
    },
    {
      name: `peak memory of that import (growth of the process's maxRSS over one run in a fresh child process; budget: the import worker's ${DEFAULT_READ_MEMORY_MB} MB heap limit, DESIGN.md sets none)`,
      value: memory.peakRssKb,
      unit: 'KB',
      budget: DEFAULT_READ_MEMORY_MB * 1024,
      baseline: memoryBaseline.peakRssKb,
      baselineName: `the same for a bare XLSX.read of the same bytes in its own child (${mb(memoryBaseline.peakRssKb)})`,
      note: `${mb(memory.peakRssKb)}; V8 heap grew by ${mb(memory.heapKb)} (XLSX.read alone: ${mb(memoryBaseline.heapKb)})`,
    },
  ];
}

const entry = process.argv[1] ? pathToFileURL(process.argv[1]).href : '';
if (entry === import.meta.url) {
  const at = process.argv.indexOf('--memory-probe');
  if (at !== -1) {
    process.stdout.write(JSON.stringify(await probe(process.argv[at + 1] as Probe, process.argv[at + 2]!)));
  } else {
    for (const r of await importBenches()) {
      process.stdout.write(`${r.name}\n  ${r.value.toFixed(1)} ${r.unit} (budget ${r.budget} ${r.unit})${r.note ? ` — ${r.note}` : ''}\n  baseline ${r.baseline.toFixed(1)} ${r.unit} — ${r.baselineName}; ratio ${(r.value / r.baseline).toFixed(1)}×\n`);
    }
  }
}
