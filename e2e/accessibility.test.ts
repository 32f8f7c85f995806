import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ACME_ACCOUNTS,
  expectPortfolio,
  launchChromium,
  newDevice,
  signIn,
  type Device,
  type ViewportName,
} from './browser';
import { ALL_SCREENS } from './all-screens';
import { applyTheme, THEMES } from './screens';

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

const SCREENS = ALL_SCREENS;
const SIZES: ViewportName[] = ['phone', 'desktop'];

const CASES = SIZES.flatMap((size) =>
  SCREENS.flatMap((screen) => THEMES.map((theme) => ({ size, screen, theme }))),
);

/** One line per failing element: rule id, impact, CSS target and axe's own summary of what to fix. */
function describeViolations(violations: AxeViolation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact ?? 'n/a'}) at ${n.target.join(' ')}: ${v.help}. ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`,
    ),
  );
}

describe('accessibility (axe-core)', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let axeSource: string;
  const devices = new Map<ViewportName, Device>();

  beforeAll(async () => {
    const require = createRequire(import.meta.url);
    axeSource = await readFile(join(dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');
    browser = await launchChromium();
    for (const size of SIZES) {
      const device = await newDevice(browser, baseUrl, size);
      await signIn(device.page, 'owner@acme.example');
      await expectPortfolio(device.page, ACME_ACCOUNTS);
      devices.set(size, device);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(CASES)('$screen.name at $size in $theme has no violations', async ({ size, screen, theme }) => {
    const { page } = devices.get(size)!;
    await page.goto(screen.path);
    await screen.ready(page);
    await applyTheme(page, theme);
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } }
      ).axe;
      return (await axe.run(document)).violations;
    });
    expect(describeViolations(violations as AxeViolation[])).toEqual([]);
  });
});
