import {
  DEFAULT_CATALOG,
  generateSampleTenants,
  portfolioHealth,
  SAMPLE_LATEST_MONTH,
  sampleSeries,
} from '@vitals/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../sync-server/src/testing/fake-openai';
import {
  ACME_ACCOUNTS,
  expectPortfolio,
  goOffline,
  goOnline,
  launchChromium,
  newDevice,
  signIn,
  testIdText,
  type Device,
} from './browser';
import { startAppUnderTest, type AppUnderTest } from './server';

/** ACME's red accounts in the latest sample month, by the same health rules the device uses. */
function redAcmeAccounts(): string[] {
  const acme = generateSampleTenants().find((t) => t.slug === 'acme')!;
  const names = new Map(acme.accounts.map((a) => [a.id, a.name]));
  return portfolioHealth(sampleSeries(acme), SAMPLE_LATEST_MONTH, DEFAULT_CATALOG)
    .accounts.filter((h) => h.status === 'red')
    .map((h) => names.get(h.accountId)!)
    .sort();
}

/** Not one of the 16 templates: the device sends it to the server's model. */
const ANALYTICAL = 'What should I tell the leadership team about our customer outlook this quarter?';

/** The turns of the open conversation: question, status line (without its symbol) and answer text of each. */
async function turns(page: Page): Promise<{ question: string; status: string; answer: string }[]> {
  return page.getByTestId('turn').evaluateAll((elements) =>
    elements.map((el) => {
      const text = (id: string): string =>
        el.querySelector(`[data-testid=${id}]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      // The status symbol (◷, ⚠) is there for the eye only.
      return {
        question: text('question-text'),
        status: text('turn-status').replace(/^[^\p{L}]+/u, ''),
        answer: text('answer-text'),
      };
    }),
  );
}

async function ask(page: Page, question: string): Promise<void> {
  const input = page.getByTestId('question-input');
  await input.fill(question);
  await input.press('Enter');
}

describe('the assistant', () => {
  // Its own server, configured with a fake language model that the test scripts.
  let fake: FakeOpenAI;
  let app: AppUnderTest;
  let browser: Browser;
  const opened: Device[] = [];

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    [app, browser] = await Promise.all([
      startAppUnderTest({ env: { OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.baseUrl } }),
      launchChromium(),
    ]);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((d) => d.context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await fake?.close();
  });

  it('answers a template question offline, queues an analytical one, and answers it on reconnect', async () => {
    const device = await newDevice(browser, app.url, 'phone');
    opened.push(device);
    const { context, page } = device;
    await signIn(page, 'owner@acme.example');
    await expectPortfolio(page, ACME_ACCOUNTS);
    await page.getByRole('link', { name: 'Assistant', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/assistant');
    await page.getByTestId('quick-query').first().waitFor();
    // One chip per quick-query template.
    expect(await page.getByTestId('quick-query').count()).toBe(16);

    await goOffline(context);
    await expect.poll(() => testIdText(page, 'sync-indicator')).toMatch(/^Offline/);

    // A template question: answered on the device, with the accounts behind it.
    await ask(page, 'Which accounts are red?');
    await page.waitForURL((url) => /^\/assistant\/[\w-]+$/.test(url.pathname));
    await page.getByTestId('answer-text').first().waitFor({ timeout: 15_000 });
    const red = redAcmeAccounts();
    expect(red.length).toBeGreaterThan(0);
    const rows = page.getByTestId('answer-row');
    expect((await rows.locator('a').allTextContents()).map((t) => t.trim()).sort()).toEqual(red);
    expect(await rows.first().locator('a').getAttribute('href')).toMatch(/^\/accounts\/[\w-]+$/);
    const sentence = await testIdText(page, 'answer-text');
    expect(sentence).toContain(String(red.length));
    await expect.poll(() => testIdText(page, 'assistant-announcement')).toBe(`Answer: ${sentence}`);

    // Anything else waits for the connection, and says so.
    fake.script([{ text: ['Tell them ', 'renewals are steady', ' and five accounts need a plan.'] }]);
    await ask(page, ANALYTICAL);
    await expect
      .poll(async () => (await turns(page))[1], { timeout: 15_000 })
      .toEqual({
        question: ANALYTICAL,
        status: 'Queued — will be answered when you’re back online',
        answer: '',
      });
    expect(fake.chatRequests()).toHaveLength(0);

    // Back online: the queued question is sent and its answer replaces "queued".
    await goOnline(context);
    await expect
      .poll(async () => (await turns(page))[1], { timeout: 30_000 })
      .toEqual({
        question: ANALYTICAL,
        status: '',
        answer: 'Tell them renewals are steady and five accounts need a plan.',
      });
    const requests = fake.chatRequests();
    expect(requests.length).toBeGreaterThan(0);
    expect(JSON.stringify(requests[0]!.messages)).toContain(ANALYTICAL);

    // Stored: after a reload both answers are still there, and nothing is sent twice.
    const sent = fake.chatRequests().length;
    await page.reload();
    await page.getByTestId('turn').nth(1).waitFor({ timeout: 15_000 });
    expect((await turns(page)).map((t) => t.answer)).toEqual([
      sentence,
      'Tell them renewals are steady and five accounts need a plan.',
    ]);
    expect(fake.chatRequests()).toHaveLength(sent);
  });

  it("shows the server's error with a retry that asks again", async () => {
    const device = await newDevice(browser, app.url, 'desktop');
    opened.push(device);
    const { page } = device;
    await signIn(page, 'owner@acme.example');
    await expectPortfolio(page, ACME_ACCOUNTS);
    await page.goto('/assistant');
    await page.getByTestId('question-input').waitFor();

    // The model's endpoint fails (each of the server's attempts), then works when asked again.
    fake.script(() => ({ status: 500 }));
    await ask(page, ANALYTICAL);
    await page.getByTestId('retry').waitFor({ timeout: 30_000 });
    expect((await turns(page))[0]!.status).toBe('The assistant could not answer this');
    expect(await testIdText(page, 'error-text')).toMatch(/\w/);

    fake.script(() => ({ text: ['Renewals are steady.'] }));
    await page.getByTestId('retry').click();
    await expect
      .poll(() => testIdText(page, 'answer-text'), { timeout: 30_000 })
      .toBe('Renewals are steady.');
    expect(await page.getByTestId('retry').count()).toBe(0);
  });
});
