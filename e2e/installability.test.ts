import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LAUNCH_OPTIONS, serviceWorkerReady } from './browser';

// Chromium reports installability only for a persistent profile; an incognito-like context always has errors.
describe('installing the app', () => {
  const baseUrl = inject('baseUrl');
  let profile: string;
  let context: BrowserContext;

  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'vitals-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      ...LAUNCH_OPTIONS,
      baseURL: baseUrl,
      viewport: { width: 1440, height: 900 },
    });
  });
  afterAll(async () => {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
  });

  it('has a manifest and a service worker that make it installable', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await serviceWorkerReady(page);
    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as {
      url: string;
      errors: { message: string }[];
    };
    expect(manifest.url).toBe(`${baseUrl}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors).toEqual([]);
  });
});
