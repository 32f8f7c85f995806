/// <reference lib="dom" />
/**
 * The browser figures of `npm run bench` (DESIGN.md "Performance budgets"), measured from the outside on
 * the real app: the built client served by the real sync server, driven in the system Chromium through
 * playwright-core. Nothing here reaches into the app's code; the baselines come from the bench's own pages.
 *
 * Functions handed to `page.evaluate` run in the page, so they must not close over anything and must not
 * declare named inner functions (tsx would wrap those in a helper that the page does not have).
 */
import { fileURLToPath } from 'node:url';
import {
  MERGERS,
  SYNC_PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  formatHlc,
  syncRoutes,
  validateAccount,
} from '@vitals/shared';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startApp, seedBenchTenant, type BenchTenant } from './app-server';
import { ensureClientBuild } from '../ensure-client-build';
import {
  initialScripts,
  minimalSolidGzipBytes,
  startBenchPage,
  type BulkInsertResult,
  type InitialScript,
} from './bench-page';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { BENCH_ACCOUNTS, BENCH_MEASUREMENTS } from './documents';
import type { Measurement } from './measurement';

const CLIENT_DIST = fileURLToPath(new URL('../../client/dist', import.meta.url));
const VIEWPORT = { width: 1440, height: 900 };
const SYNC_BUDGET_MS = 15_000;
const SYNC_RATIO_MAX = 3;
const LATENCY_BUDGET_MS = 1000;
const COLD_START_BUDGET_MS = 1000;
const INITIAL_JS_BUDGET_KB = 200;
const EDITS = 20;
const COLD_STARTS = 5;
/** Generous: a figure far over budget is still a figure, and is printed as such. */
const SYNC_TIMEOUT_MS = 180_000;

interface Device {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** What the bench sets on the pages' `window`. */
interface BenchWindow {
  benchBulkInsert?: () => Promise<BulkInsertResult>;
  __benchSeen?: Promise<number>;
  __benchFirstRow?: { readonly row: number; readonly visible: number; readonly rows: number };
}

interface LocalProbe {
  readonly at: number;
  readonly present: Record<string, boolean>;
  readonly counts: Record<string, number>;
  readonly rows: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const median = (samples: readonly number[]): number => quantile(samples, 0.5);

// ------------------------------------------------------------------------------------------ in the page

/**
 * Looks into the app's device database straight through IndexedDB (RxDB's Dexie storage keeps each
 * collection in `rxdb-dexie-<database>--<schema version>--<collection>`, object store `docs`, keyed by
 * `id`): whether the last document of each collection is there (cheap, so it can be asked often), and on
 * request how many documents each holds (a count walks the whole store, so it is asked only to confirm).
 * Also how many account rows the dashboard lists. Never creates a database that does not exist yet.
 */
async function probeLocalDocuments(input: {
  last: Record<string, string>;
  count: boolean;
}): Promise<LocalProbe> {
  const present: Record<string, boolean> = {};
  const counts: Record<string, number> = {};
  for (const collection of Object.keys(input.last)) {
    present[collection] = false;
    counts[collection] = 0;
  }
  for (const { name } of await indexedDB.databases()) {
    if (!name || !name.startsWith('rxdb-dexie-vitals_')) continue;
    const collection = name.slice(name.lastIndexOf('--') + 2);
    const lastId = input.last[collection];
    if (lastId === undefined) continue;
    const found = await new Promise<{ present: boolean; count: number }>((resolve) => {
      const request = indexedDB.open(name);
      request.onupgradeneeded = () => request.transaction?.abort();
      request.onerror = () => resolve({ present: false, count: 0 });
      request.onblocked = () => resolve({ present: false, count: 0 });
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => db.close();
        if (!db.objectStoreNames.contains('docs')) {
          db.close();
          resolve({ present: false, count: 0 });
          return;
        }
        const tx = db.transaction('docs', 'readonly');
        const get = tx.objectStore('docs').get(lastId);
        const count = input.count ? tx.objectStore('docs').count() : null;
        tx.oncomplete = () => {
          db.close();
          resolve({ present: get.result !== undefined, count: count?.result ?? 0 });
        };
        tx.onabort = () => {
          db.close();
          resolve({ present: false, count: 0 });
        };
      };
    });
    present[collection] = present[collection]! || found.present;
    counts[collection]! += found.count;
  }
  return {
    at: Date.now(),
    present,
    counts,
    rows: document.querySelectorAll('[data-testid="account-row"]').length,
  };
}

/** Resolves `window.__benchSeen` with the wall-clock time at which `expected` first appears in the page. */
function watchForText(expected: string): void {
  (window as unknown as BenchWindow).__benchSeen = new Promise<number>((resolve) => {
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const nodes = record.type === 'characterData' ? [record.target] : Array.from(record.addedNodes);
        if (nodes.some((node) => node.textContent?.includes(expected))) {
          observer.disconnect();
          resolve(Date.now());
          return;
        }
      }
    });
    observer.observe(document.body, { childList: true, characterData: true, subtree: true });
  });
}

function seenAt(timeoutMs: number): Promise<number> {
  const seen = (window as unknown as BenchWindow).__benchSeen ?? Promise.resolve(-1);
  return Promise.race([seen, new Promise<number>((resolve) => setTimeout(() => resolve(-1), timeoutMs))]);
}

/** A push through the sync endpoint, from the page (its session cookie, its Origin), as the app's replication sends it. */
async function pushFromPage(input: {
  url: string;
  body: string;
  header: string;
  version: string;
}): Promise<{ sentAt: number; status: number; text: string }> {
  const sentAt = Date.now();
  const response = await fetch(input.url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      [input.header]: input.version,
    },
    body: input.body,
  });
  return { sentAt, status: response.status, text: await response.text() };
}

async function healthRoundTrip(): Promise<number> {
  const start = performance.now();
  const response = await fetch('/api/health', { credentials: 'same-origin', cache: 'no-store' });
  await response.text();
  if (!response.ok) throw new Error(`GET /api/health answered ${response.status}`);
  return performance.now() - start;
}

/**
 * An init script: records when the first account row shows a health status (a row that still says
 * "No data" is not a usable dashboard: every bench account has data), and the next frame (it is on screen).
 */
function markFirstAccountRow(): void {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-testid="account-row"] .status:not(.unknown)')) return;
    const row = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      const rows = document.querySelectorAll('[data-testid="account-row"]').length;
      (window as unknown as BenchWindow).__benchFirstRow = { row, visible: performance.now(), rows };
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

// ----------------------------------------------------------------------------------------------- steps

export async function newDevice(browser: Browser, baseURL: string): Promise<Device> {
  const context = await browser.newContext({ baseURL, viewport: VIEWPORT });
  return { context, page: await context.newPage() };
}

/** The baseline of the sync figure: the same documents written straight into RxDB in a fresh context. */
async function directBulkInsert(browser: Browser, url: string): Promise<BulkInsertResult> {
  const device = await newDevice(browser, url);
  try {
    await device.page.goto(url);
    await device.page.waitForFunction(
      () => typeof (window as unknown as BenchWindow).benchBulkInsert === 'function',
    );
    const result = await device.page.evaluate(() => (window as unknown as BenchWindow).benchBulkInsert!());
    const expected = BENCH_ACCOUNTS + BENCH_MEASUREMENTS;
    if (result.errors > 0 || result.stored !== expected) {
      throw new Error(
        `direct bulk insert stored ${result.stored} of ${expected} documents (${result.errors} errors)`,
      );
    }
    return result;
  } finally {
    await device.context.close();
  }
}

interface SyncTiming {
  /** Sign-in submitted → every document in the device database. */
  readonly ms: number;
  /** Sign-in submitted → the dashboard lists every account (null if it did not by then). */
  readonly dashboardMs: number | null;
}

/** Signs in through the form and times until the device database holds every document of the tenant. */
export async function signInAndSync(page: Page, tenant: BenchTenant): Promise<SyncTiming> {
  await page.goto('/sign-in');
  await page.locator('#email').fill(tenant.email);
  await page.locator('#password').fill(tenant.password);
  const submittedAt = await page.evaluate(() => {
    const at = Date.now();
    document.querySelector('form')!.requestSubmit();
    return at;
  });
  // Pulls arrive in server order and each page is written in one transaction, so once the last document of
  // each collection is there, all are; a full count then confirms it.
  const last = {
    accounts: tenant.documents.accounts.at(-1)!.id,
    measurements: tenant.documents.measurements.at(-1)!.id,
  };
  const complete = (probe: LocalProbe): boolean =>
    probe.counts.accounts! >= tenant.documents.accounts.length &&
    probe.counts.measurements! >= tenant.documents.measurements.length;
  let dashboardAt: number | null = null;
  let allPresentAt: number | null = null;
  let confirmations = 0;
  for (;;) {
    const probe: LocalProbe | null = await page
      .evaluate(probeLocalDocuments, { last, count: allPresentAt !== null })
      .catch(() => null);
    if (probe) {
      if (dashboardAt === null && probe.rows >= BENCH_ACCOUNTS) dashboardAt = probe.at;
      if (allPresentAt !== null) {
        confirmations += 1;
        if (complete(probe)) {
          // Should the first count not confirm it, the time is when a count did.
          const doneAt = confirmations === 1 ? allPresentAt : probe.at;
          return {
            ms: doneAt - submittedAt,
            dashboardMs: dashboardAt === null ? null : dashboardAt - submittedAt,
          };
        }
      } else if (Object.values(probe.present).every(Boolean)) {
        allPresentAt = probe.at;
      }
      if (Date.now() - submittedAt > SYNC_TIMEOUT_MS) {
        throw new Error(`initial sync incomplete after ${SYNC_TIMEOUT_MS} ms: ${JSON.stringify(probe)}`);
      }
    }
    await sleep(allPresentAt === null ? 100 : 500);
  }
}

async function waitForAccountRows(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="account-row"]').length >= n,
    count,
    {
      timeout: SYNC_TIMEOUT_MS,
      polling: 200,
    },
  );
}

interface Latency {
  readonly samples: number[];
  readonly health: number[];
}

/**
 * Renames an account on device A through the push endpoint (a different account each time, so each push
 * is one plain edit) and times until device B's page shows the new name: A's clock at sending, B's clock
 * when the text appears (one machine, one clock). Beside each edit, one authenticated GET /api/health from A.
 */
async function changeLatency(a: Page, b: Page, tenant: BenchTenant): Promise<Latency> {
  const samples: number[] = [];
  const health: number[] = [];
  const url = syncRoutes(tenant.tenantId, 'accounts').push;
  for (let i = 0; i < EDITS; i++) {
    const index = (17 + i * 97) % BENCH_ACCOUNTS;
    const before = validateAccount(tenant.documents.accounts[index]);
    if (!before.ok) throw new Error(`bench account invalid: ${JSON.stringify(before.issues)}`);
    const name = `Renamed ${String(i + 1).padStart(2, '0')} ${Date.now().toString(36)}`;
    const after = MERGERS.accounts(before.value, {
      ...before.value,
      name,
      clocks: {
        ...before.value.clocks,
        name: formatHlc({ wallMs: Date.now(), counter: 0, nodeId: 'bench' }),
      },
    });
    await b.evaluate(watchForText, name);
    const body = JSON.stringify([{ assumedMasterState: before.value, newDocumentState: after }]);
    const pushed = await a.evaluate(pushFromPage, {
      url,
      body,
      header: SYNC_PROTOCOL_HEADER,
      version: String(SYNC_PROTOCOL_VERSION),
    });
    if (pushed.status !== 200 || pushed.text.trim() !== '[]') {
      throw new Error(`bench push failed: ${pushed.status} ${pushed.text.slice(0, 300)}`);
    }
    const seen = await b.evaluate(seenAt, 15_000);
    if (seen < 0) throw new Error(`device B never showed "${name}" within 15 s`);
    samples.push(seen - pushed.sentAt);
    // Let both devices settle before the health probe and the next edit.
    await sleep(300);
    health.push(await a.evaluate(healthRoundTrip));
  }
  return { samples, health };
}

interface ColdStart {
  /** Navigation start → the first account row is on screen (the frame after it is in the DOM). */
  readonly visible: number[];
  /** Navigation start → DOMContentLoaded of the same reload. */
  readonly domContentLoaded: number[];
  /** Account rows listed in that first frame. */
  readonly rows: number[];
}

/** Offline reloads of the installed app (service worker active, data synced); the first one warms up. */
async function coldStartOffline(device: Device): Promise<ColdStart> {
  const { context, page } = device;
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await context.addInitScript(markFirstAccountRow);
  await context.setOffline(true);
  const visible: number[] = [];
  const domContentLoaded: number[] = [];
  const rows: number[] = [];
  try {
    for (let run = 0; run <= COLD_STARTS; run++) {
      await page.reload({ waitUntil: 'domcontentloaded' });
      const handle = await page.waitForFunction(
        () => (window as unknown as BenchWindow).__benchFirstRow ?? false,
        undefined,
        {
          timeout: 60_000,
          polling: 50,
        },
      );
      const first = (await handle.jsonValue()) as { row: number; visible: number; rows: number };
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return {
          dcl: nav?.domContentLoadedEventEnd ?? -1,
          online: navigator.onLine,
          controlled: navigator.serviceWorker.controller !== null,
        };
      });
      if (timing.online || !timing.controlled) {
        throw new Error(
          `cold start was not an offline start from the service worker: ${JSON.stringify(timing)}`,
        );
      }
      if (run === 0) continue;
      visible.push(first.visible);
      domContentLoaded.push(timing.dcl);
      rows.push(first.rows);
    }
  } finally {
    await context.setOffline(false);
  }
  return { visible, domContentLoaded, rows };
}

// ------------------------------------------------------------------------------------------ the figures

const ms = (value: number): string => `${Math.round(value).toLocaleString('en')} ms`;

/** Initial JS of the built client beside a minimal Solid app. Read first: client/dist may be rebuilt later on. */
async function initialJs(): Promise<Measurement> {
  let scripts: InitialScript[];
  try {
    scripts = await initialScripts(CLIENT_DIST);
  } catch {
    // Someone rebuilt client/dist just now (the build empties it first): build once more and read again.
    await ensureClientBuild((line) => process.stderr.write(`${line}\n`));
    scripts = await initialScripts(CLIENT_DIST);
  }
  const gzip = scripts.reduce((sum, s) => sum + s.gzipBytes, 0);
  const raw = scripts.reduce((sum, s) => sum + s.bytes, 0);
  const floor = await minimalSolidGzipBytes();
  return {
    name: `initial JS of the app, gzipped (zlib level 9): what client/dist/index.html loads before anything runs (${scripts.length} file${scripts.length === 1 ? '' : 's'}, entry and static imports)`,
    value: gzip / 1024,
    unit: 'KB',
    budget: INITIAL_JS_BUDGET_KB,
    baseline: floor / 1024,
    baselineName:
      'a minimal Solid app (solid-js/web rendering one reactive element), built with Vite the same way',
    note: `${(raw / 1024).toFixed(0)} KB before gzip: ${scripts.map((s) => `${s.file} ${(s.gzipBytes / 1024).toFixed(1)} KB`).join(', ')}`,
  };
}

export async function browserBench(log: (line: string) => void): Promise<Measurement[]> {
  const results: Measurement[] = [];
  const app = await startApp({ demoData: false });
  let js: Measurement;
  try {
    log('browser bench: initial JS…');
    js = await initialJs();
    log('browser bench: seeding the bench tenant…');
    const tenant = await seedBenchTenant(app);
    const total = tenant.documents.accounts.length + tenant.documents.measurements.length;
    const benchPage = await startBenchPage();
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    try {
      log('browser bench: direct bulk insert into RxDB (baseline)…');
      const direct = await directBulkInsert(browser, benchPage.url);
      log(`  ${ms(direct.ms)}`);

      log('browser bench: initial sync, device A…');
      const a = await newDevice(browser, app.url);
      const syncA = await signInAndSync(a.page, tenant);
      log(`  ${ms(syncA.ms)}`);
      log('browser bench: initial sync, device B…');
      const b = await newDevice(browser, app.url);
      const syncB = await signInAndSync(b.page, tenant);
      log(`  ${ms(syncB.ms)}`);
      await waitForAccountRows(a.page, BENCH_ACCOUNTS);
      await waitForAccountRows(b.page, BENCH_ACCOUNTS);
      const ratio = syncA.ms / direct.ms;
      results.push({
        name: `initial sync of ${total.toLocaleString('en')} documents (${BENCH_MEASUREMENTS.toLocaleString('en')} measurements + ${BENCH_ACCOUNTS.toLocaleString('en')} accounts) into the browser database: sign-in submitted → all in IndexedDB (headless Chromium, the app's own replication)`,
        value: syncA.ms,
        unit: 'ms',
        budget: SYNC_BUDGET_MS,
        baseline: direct.ms,
        baselineName: `RxDB bulkInsert of the same documents into the same collections (Dexie storage, shared COLLECTIONS schemas, the app's database options) on the bench's own page, same browser, no replication or UI`,
        note:
          `${ratio.toFixed(2)}× the direct insert, DESIGN.md allows ${SYNC_RATIO_MAX}× (${ratio <= SYNC_RATIO_MAX ? 'within' : 'OVER'}); ` +
          `dashboard listed all ${BENCH_ACCOUNTS.toLocaleString('en')} accounts after ${syncA.dashboardMs === null ? '—' : ms(syncA.dashboardMs)}; ` +
          `second device: ${ms(syncB.ms)}`,
      });

      log(`browser bench: change-to-visible latency, ${EDITS} edits…`);
      const latency = await changeLatency(a.page, b.page, tenant);
      await b.context.close();
      const samples = `${EDITS} edits, min ${ms(Math.min(...latency.samples))}, max ${ms(Math.max(...latency.samples))}`;
      for (const [label, q] of [
        ['p50', 0.5],
        ['p95', 0.95],
      ] as const) {
        results.push({
          name: `change on device A visible on device B (${label}): push of an account rename from A's page → the new name in B's dashboard${label === 'p50' ? ' (the budget is for p95)' : ''}`,
          value: quantile(latency.samples, q),
          unit: 'ms',
          budget: LATENCY_BUDGET_MS,
          baseline: quantile(latency.health, q),
          baselineName: `${label} of an authenticated GET /api/health round trip from the same page (${EDITS} requests)`,
          note: samples,
        });
      }

      log(`browser bench: cold start offline, ${COLD_STARTS} reloads…`);
      const cold = await coldStartOffline(a);
      await a.context.close();
      results.push({
        name: `cold start of the installed app offline to a usable dashboard: navigation start → first account row on screen with its health status (${BENCH_ACCOUNTS.toLocaleString('en')} accounts, ${BENCH_MEASUREMENTS.toLocaleString('en')} measurements on the device; median of ${COLD_STARTS} reloads)`,
        value: median(cold.visible),
        unit: 'ms',
        budget: COLD_START_BUDGET_MS,
        baseline: median(cold.domContentLoaded),
        baselineName:
          'DOMContentLoaded of the same offline reloads (shell from the service worker, app JS parsed and run)',
        note: `runs ${cold.visible.map((v) => Math.round(v)).join(', ')} ms; account rows in that first frame: ${[...new Set(cold.rows)].join(' / ')}`,
      });
    } finally {
      await browser.close();
      await benchPage.stop();
    }
  } finally {
    await app.stop();
  }

  return [...results, js];
}
