/** axe-core run on the page as it is: one line per failing element, empty when the page passes. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';

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

let source: Promise<string> | null = null;
function axeSource(): Promise<string> {
  const require = createRequire(import.meta.url);
  source ??= readFile(join(dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');
  return source;
}

/** One line per failing element: rule id, impact, CSS target and axe's own summary of what to fix. */
function describeViolations(violations: AxeViolation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact ?? 'n/a'}) at ${n.target.join(' ')}: ${v.help}. ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`,
    ),
  );
}

export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, not as a <script>: the app's Content-Security-Policy rightly
  // refuses inline scripts, and the check must not weaken it.
  await page.evaluate(await axeSource());
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } })
      .axe;
    return (await axe.run(document)).violations;
  });
  return describeViolations(violations as AxeViolation[]);
}
