/**
 * The production headers in a real browser: the app works under its Content-Security-Policy (no
 * `securitypolicyviolation` event, no "Refused to…" console message) through sign-in, the portfolio, an
 * account with its charts, settings, meeting mode and the assistant, and the headers arrive as promised.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openAccountFromPortfolio, serviceWorkerReady, signIn, type Device } from './browser';
import { ACCOUNT, ASSISTANT, MEETING, PORTFOLIO, SETTINGS } from './screens';

interface Violation {
  readonly directive: string;
  readonly blocked: string;
  readonly source: string;
}

/** Collects CSP violations of every page in the context, from the DOM event and from the console. */
async function watchCsp(context: BrowserContext): Promise<{ violations: Violation[]; console: string[] }> {
  const seen = { violations: [] as Violation[], console: [] as string[] };
  await context.exposeBinding(
    '__vitalsCspViolation',
    (_source, v: Violation) => void seen.violations.push(v),
  );
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __vitalsCspViolation: (v: Violation) => void })
        .__vitalsCspViolation;
      void report({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}`,
      });
    });
  });
  context.on('page', (page) =>
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) seen.console.push(message.text());
    }),
  );
  return seen;
}

describe('security headers in the browser', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let device: Device;
  let csp: Awaited<ReturnType<typeof watchCsp>>;

  beforeAll(async () => {
    browser = await launchChromium();
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
    csp = await watchCsp(context);
    device = { context, page: await context.newPage() };
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs the app without a single CSP violation', async () => {
    const { page } = device;
    await signIn(page, 'owner@acme.example');
    await PORTFOLIO.ready(page);
    await serviceWorkerReady(page);
    await openAccountFromPortfolio(page, 'acc-acme-01');
    await ACCOUNT.ready(page);
    for (const screen of [SETTINGS, MEETING, ASSISTANT]) {
      await page.goto(screen.path);
      await screen.ready(page);
    }
    await page.goto(PORTFOLIO.path);
    await PORTFOLIO.ready(page);
    expect(csp.violations).toEqual([]);
    expect(csp.console).toEqual([]);
  });

  // The watch above can fail: an inline script, which the policy forbids, is reported.
  it('notices a violation when there is one', async () => {
    const page = await device.context.newPage();
    await page.goto('/sign-in');
    const before = csp.violations.length;
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.name = "inline"';
      document.body.append(script);
    });
    await expect.poll(() => csp.violations.length).toBe(before + 1);
    expect(csp.violations.at(-1)!.directive).toBe('script-src-elem');
    await page.close();
  });

  it('gets the policy headers on the app shell, its files and the API', async () => {
    const shell = await device.page.request.get(`${baseUrl}/`);
    const headers = shell.headers();
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'cross-origin-opener-policy': 'same-origin',
      'x-frame-options': 'DENY',
      'cache-control': 'no-cache',
    });
    expect(headers['permissions-policy']).toContain('camera=()');
    // The app under test is on http://localhost: no HSTS there (it is sent only over https).
    expect(headers['strict-transport-security']).toBeUndefined();

    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await shell.text())![1]!;
    const asset = await device.page.request.get(`${baseUrl}${script}`, {
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers()['content-encoding']).toBe('br');

    const api = await device.page.request.get(`${baseUrl}/api/auth/me`);
    expect(api.headers()['cache-control']).toBe('no-store');
    expect(api.headers()['x-content-type-options']).toBe('nosniff');
  });
});
