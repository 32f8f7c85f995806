/**
 * Alerts end to end: a CS manager's change that turns an account red reaches the account owner twice — as an
 * alert in the inbox of the owner's phone (synced like every document), and as a Web Push message that the
 * server encrypts and sends to the owner's push service. Here the push service is a local receiver that
 * decrypts the message as a real one would hand it to the browser; the test then delivers that message to the
 * phone's service worker through the DevTools protocol, as the browser's push client would, and taps the
 * notification it shows.
 */
import { generateSampleTenants, parsePushPayload } from '@vitals/shared';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPushReceiver, type PushReceiver } from '../sync-server/src/testing/push-receiver';
import { accountsToTurnRed } from '../sync-server/src/testing/turn-red';
import {
  ACME_ACCOUNTS,
  editKpi,
  expectPortfolio,
  launchChromium,
  newDevice,
  openAccountFromPortfolio,
  signIn,
  testIdText,
  type Device,
} from './browser';
import { startAppUnderTest, type AppUnderTest } from './server';

const OWNER_EMAIL = 'csm@acme.example';

/** Subscribes the device's user to push through the server's API, with the receiver playing the push service. */
async function subscribeThroughReceiver(page: Page, baseUrl: string, receiver: PushReceiver): Promise<void> {
  const { subscription } = receiver.newSubscription();
  const response = await page.request.post('/api/push/subscriptions', {
    data: { subscription },
    headers: { origin: baseUrl },
  });
  expect(response.status()).toBe(201);
}

/**
 * The DevTools protocol's view of the page's service worker: a session with the ServiceWorker domain enabled
 * (deliverPushMessage needs it) and the registration id it names the worker by.
 */
async function serviceWorkerSession(
  context: BrowserContext,
  page: Page,
): Promise<{ cdp: CDPSession; registrationId: string }> {
  const cdp = await context.newCDPSession(page);
  const registered = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  return { cdp, registrationId: await registered };
}

describe('an account turning red', () => {
  let app: AppUnderTest;
  let receiver: PushReceiver;
  let browser: Browser;
  let owner: Device;
  let manager: Device;

  beforeAll(async () => {
    receiver = await startPushReceiver();
    // The receiver is on this machine: the operator setting that lets push and webhooks reach it.
    app = await startAppUnderTest({ env: { OUTBOUND_ALLOW_PRIVATE: 'true' } });
    browser = await launchChromium();
    owner = await newDevice(browser, app.url, 'phone');
    manager = await newDevice(browser, app.url, 'desktop');
    await owner.context.grantPermissions(['notifications'], { origin: app.url });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await receiver?.close();
  });

  it('reaches the owner: in the inbox of their phone, and as a push notification that opens the account', async () => {
    const acme = generateSampleTenants().find((t) => t.slug === 'acme')!;
    const [target] = accountsToTurnRed(acme, OWNER_EMAIL);
    if (!target) throw new Error(`No account of ${OWNER_EMAIL} can be turned red by editing its KPIs`);

    // The owner's phone: signed in, push subscribed, on the alert inbox.
    await signIn(owner.page, OWNER_EMAIL);
    await expectPortfolio(owner.page, ACME_ACCOUNTS);
    await subscribeThroughReceiver(owner.page, app.url, receiver);
    await owner.page
      .getByRole('link', { name: /^Alerts/ })
      .first()
      .click();
    await owner.page.waitForURL((url) => url.pathname === '/alerts');
    // The change raises other alerts too (score drop, NPS, playbooks); this one says the account turned red.
    const alertFor = owner.page
      .locator(`[data-testid=alert-item][data-account="${target.name}"]`)
      .filter({ hasText: `${target.name} turned red` });
    expect(await alertFor.count()).toBe(0);

    // The manager's desktop turns the account red.
    await signIn(manager.page, 'manager@acme.example');
    await expectPortfolio(manager.page, ACME_ACCOUNTS);
    await openAccountFromPortfolio(manager.page, target.id);
    for (const [kpi, value] of target.edits) await editKpi(manager.page, kpi, value);
    await expect
      .poll(() => testIdText(manager.page, 'pending-count'), { timeout: 15_000 })
      .toBe('All changes synced');

    // The alert arrives in the owner's inbox, from the server, through sync.
    await expect.poll(() => alertFor.count(), { timeout: 15_000 }).toBe(1);
    expect(await alertFor.getByTestId('alert-title').textContent()).toBe(`${target.name} turned red`);

    // The push service got one encrypted message for it, which decrypts to the alert.
    const turnedRed = () =>
      receiver
        .received()
        .filter((r) => parsePushPayload(r.payload)?.title.endsWith(`${target.name} turned red`));
    await expect.poll(() => turnedRed().length, { timeout: 15_000 }).toBe(1);
    const push = turnedRed()[0];
    const payload = parsePushPayload(push!.payload);
    expect(payload).toMatchObject({ type: 'alert', accountId: target.id, url: `/accounts/${target.id}` });
    expect(payload!.title).toContain(`${target.name} turned red`);

    // Delivered to the phone's service worker, the message becomes a notification…
    await owner.page.goto('/alerts');
    const { cdp, registrationId } = await serviceWorkerSession(owner.context, owner.page);
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: app.url,
      registrationId,
      data: push!.payload,
    });
    const notifications = (): Promise<{ title: string; url: string }[]> =>
      owner.page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return (await registration.getNotifications()).map((n) => ({
          title: n.title,
          url: (n.data as { url: string }).url,
        }));
      });
    await expect
      .poll(notifications, { timeout: 10_000 })
      .toEqual([{ title: payload!.title, url: `/accounts/${target.id}` }]);

    // …and tapping it opens the account on the phone.
    const [worker] = owner.context.serviceWorkers();
    expect(worker).toBeDefined();
    await worker!.evaluate(async () => {
      // Inside the service worker (this file is typed for pages, not workers).
      const scope = self as unknown as {
        registration: ServiceWorkerRegistration;
        NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
        dispatchEvent(event: Event): boolean;
      };
      const [notification] = await scope.registration.getNotifications();
      scope.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification: notification! }));
    });
    await owner.page.waitForURL((url) => url.pathname === `/accounts/${target.id}`, { timeout: 10_000 });
    await expect
      .poll(() => owner.page.getByRole('heading', { level: 1 }).first().textContent(), { timeout: 10_000 })
      .toBe(target.name);
  });
});
