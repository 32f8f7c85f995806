/**
 * Screenshots of every screen at phone, tablet and desktop sizes in both themes, to look at:
 *   npx tsx e2e/screenshots.ts [output-dir] [--url http://localhost:8787] [--only welcome]
 * Without --url it builds the client if needed and starts its own server with the sample tenants.
 * Files are named <screen>-<width>x<height>-<theme>.png (what fits the screen) and …-full.png (the whole
 * page); the default folder is /tmp/vitals-screens.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  expectPortfolio,
  ACME_ACCOUNTS,
  launchChromium,
  newDevice,
  signIn,
  VIEWPORTS,
  type ViewportName,
} from './browser';
import { ALL_SCREENS } from './all-screens';
import { applyTheme, THEMES } from './screens';
import { startAppUnderTest, type AppUnderTest } from './server';


const { values, positionals } = parseArgs({
  options: {
    url: { type: 'string' },
    email: { type: 'string', default: 'owner@acme.example' },
    // Only screens whose name contains this, e.g. `--only welcome`.
    only: { type: 'string' },
  },
  allowPositionals: true,
});
const SCREENS = ALL_SCREENS.filter((screen) => !values.only || screen.name.includes(values.only));
const outDir = resolve(positionals[0] ?? '/tmp/vitals-screens');
await mkdir(outDir, { recursive: true });

const app: AppUnderTest | null = values.url ? null : await startAppUnderTest();
const baseUrl = values.url ?? app!.url;
const browser = await launchChromium();
let failures = 0;
try {
  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    const { width, height } = VIEWPORTS[viewport];
    const { context, page } = await newDevice(browser, baseUrl, viewport);
    await signIn(page, values.email!);
    await expectPortfolio(page, ACME_ACCOUNTS);
    for (const screen of SCREENS) {
      try {
        await page.goto(screen.path);
        await screen.ready(page);
        const pathname = new URL(page.url()).pathname;
        if (screen.landsOn ? !screen.landsOn.test(pathname) : pathname !== screen.path) {
          console.log(`no ${screen.name} screen yet: ${screen.path} redirects to ${pathname}`);
          continue;
        }
      } catch (error) {
        failures += 1;
        console.warn(
          `skipped ${screen.name} at ${width}x${height}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        );
        continue;
      }
      for (const theme of THEMES) {
        await applyTheme(page, theme);
        const name = `${screen.name}-${width}x${height}-${theme}`;
        await page.screenshot({ path: join(outDir, `${name}.png`) });
        // The whole page with the viewport stretched to it, so fixed and sticky navigation sit where they
        // would on a long screen (a plain full-page capture leaves them at the first screen's position).
        const fullHeight = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.setViewportSize({ width, height: Math.max(height, fullHeight) });
        await page.evaluate(
          () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
        );
        await page.screenshot({ path: join(outDir, `${name}-full.png`) });
        await page.setViewportSize({ width, height });
        console.log(join(outDir, name));
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  await app?.stop();
}
if (failures > 0) process.exitCode = 1;
