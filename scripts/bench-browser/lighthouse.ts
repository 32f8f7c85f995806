/**
 * `npm run lighthouse`: Lighthouse 12.2.3 (13 needs Node 22) in the system Chromium (CHROME_PATH, default
 * /usr/bin/chromium) against the running app — the real server on a random port with the sample tenants —
 * on the sign-in page (a first visit) and, signed in as ACME's owner, on the portfolio dashboard. Prints
 * the performance, accessibility and best-practices scores for Lighthouse's mobile default and its desktop
 * preset, against DESIGN.md's budgets (performance ≥ 90, accessibility 100, best practices ≥ 95), and what
 * cost points. Not part of `npm test`; the exit code says only whether the runs worked.
 *
 * Each phase gets its own Chromium with nothing else attached: Lighthouse drives it alone over its
 * debugging port. The signed-in profile is made beforehand with playwright-core through the sign-in form,
 * so the run on the dashboard finds the session (cookie and device session), the service worker and the
 * synced data, as a returning user does.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSampleTenants } from '@vitals/shared';
import lighthouse, { desktopConfig, type Config, type Result } from 'lighthouse';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD } from '../../sync-server/src/seed/seed';
import { startApp } from './app-server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

process.env.CHROME_PATH ??= CHROMIUM_PATH;

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
type Category = (typeof CATEGORIES)[number];
const BUDGETS: Record<Category, number> = { performance: 90, accessibility: 100, 'best-practices': 95 };
const PRESETS: { name: string; config: Config | undefined }[] = [
  { name: 'mobile (default)', config: undefined },
  { name: 'desktop', config: desktopConfig },
];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface DebuggableChromium {
  readonly port: number;
  stop(): Promise<void>;
}

/** Chromium with a debugging port (chosen by Chromium, read from DevToolsActivePort) on this profile. */
async function startChromium(profileDir: string): Promise<DebuggableChromium> {
  const child = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_ARGS,
      '--headless',
      '--remote-debugging-port=0',
      `--user-data-dir=${profileDir}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let waited = 0; waited < 30_000; waited += 100) {
    const file = await readFile(join(profileDir, 'DevToolsActivePort'), 'utf8').catch(() => '');
    const port = Number(file.split('\n')[0]);
    if (port > 0) {
      return {
        port,
        async stop() {
          child.kill('SIGTERM');
          await Promise.race([exited, sleep(5000)]);
          if (child.exitCode === null) child.kill('SIGKILL');
        },
      };
    }
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`Chromium (${CHROMIUM_PATH}) did not open a debugging port`);
}

interface Run {
  readonly page: string;
  readonly preset: string;
  /** Where the page ended up: a signed-out dashboard would show the sign-in page instead. */
  readonly finalUrl: string;
  readonly scores: Record<Category, number | null>;
  readonly metrics: string;
  readonly failing: string[];
}

async function audit(
  page: string,
  url: string,
  port: number,
  preset: (typeof PRESETS)[number],
  keepStorage: boolean,
): Promise<Run> {
  const result = await lighthouse(
    url,
    {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      disableStorageReset: keepStorage,
    },
    preset.config,
  );
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const lhr: Result = result.lhr;
  // LIGHTHOUSE_REPORT_DIR keeps each full report (JSON) for a closer look at where the time goes.
  const reportDir = process.env.LIGHTHOUSE_REPORT_DIR;
  if (reportDir) {
    await mkdir(reportDir, { recursive: true });
    await writeFile(join(reportDir, `${page}-${preset.name}.json`), JSON.stringify(lhr));
  }
  if (lhr.runtimeError)
    throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => {
      const score = lhr.categories[c]?.score ?? null;
      return [c, score === null ? null : Math.round(score * 100)];
    }),
  ) as Record<Category, number | null>;
  if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) {
    throw new Error(
      `Lighthouse on ${url} ended up on ${lhr.finalDisplayedUrl}: not the page meant (signed out?)`,
    );
  }
  const metric = (id: string): string => lhr.audits[id]?.displayValue ?? '—';
  const failing: string[] = [];
  for (const c of CATEGORIES) {
    for (const ref of lhr.categories[c]?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      // Scored audits that cost points, and the performance opportunities that say where the time goes.
      const opportunity = c === 'performance' && a?.details?.type === 'opportunity';
      if (!a || (ref.weight === 0 && !opportunity) || a.score === null || a.score >= 0.9) continue;
      failing.push(`${c}: ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
    }
  }
  return {
    page,
    preset: preset.name,
    finalUrl: lhr.finalDisplayedUrl,
    scores,
    metrics: `FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}, SI ${metric('speed-index')}`,
    failing,
  };
}

/** Signs ACME's owner in through the form in this profile and waits for the synced dashboard and the service worker. */
async function signInProfile(profileDir: string, baseURL: string): Promise<void> {
  const acme = generateSampleTenants().find((t) => t.slug === 'acme') ?? generateSampleTenants()[0]!;
  const user = acme.users.find((u) => u.login && u.role === 'owner') ?? acme.users.find((u) => u.login)!;
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/sign-in');
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((u) => u.pathname === '/', { timeout: 30_000 });
    await page.locator('[data-testid=account-row]').first().waitFor({ timeout: 60_000 });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Let the first sync of every collection finish before Chromium closes.
    await sleep(3000);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const app = await startApp({ demoData: true });
  const dirs: string[] = [];
  const runs: Run[] = [];
  try {
    const fresh = await mkdtemp(join(tmpdir(), 'vitals-lighthouse-fresh-'));
    const signedIn = await mkdtemp(join(tmpdir(), 'vitals-lighthouse-signed-in-'));
    dirs.push(fresh, signedIn);

    process.stderr.write('lighthouse: sign-in page…\n');
    let browser = await startChromium(fresh);
    try {
      for (const preset of PRESETS)
        runs.push(await audit('sign-in', `${app.url}/sign-in`, browser.port, preset, false));
    } finally {
      await browser.stop();
    }

    process.stderr.write('lighthouse: signing in…\n');
    await signInProfile(signedIn, app.url);
    process.stderr.write('lighthouse: portfolio dashboard…\n');
    browser = await startChromium(signedIn);
    try {
      for (const preset of PRESETS)
        runs.push(await audit('portfolio', `${app.url}/`, browser.port, preset, true));
    } finally {
      await browser.stop();
    }
  } finally {
    await app.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }

  process.stdout.write(
    `\nLighthouse 12.2.3, ${CHROMIUM_PATH}, budgets: performance ≥ 90, accessibility 100, best practices ≥ 95\n`,
  );
  for (const run of runs) {
    const scores = CATEGORIES.map((c) => {
      const score = run.scores[c];
      const verdict = score === null ? 'no score' : score >= BUDGETS[c] ? 'ok' : 'UNDER BUDGET';
      return `${c} ${score ?? '—'} (${verdict})`;
    }).join(', ');
    process.stdout.write(`\n${run.page} (${run.finalUrl}), ${run.preset}: ${scores}\n  ${run.metrics}\n`);
    for (const line of run.failing) process.stdout.write(`  - ${line}\n`);
  }
}

await main();
