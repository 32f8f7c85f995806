/**
 * The browser's offer to install the app (`beforeinstallprompt`, Chromium only). It fires once, early, often
 * before the welcome wizard's code has loaded, so `captureInstallPrompt` runs at start-up (main.tsx) and
 * keeps the event for the "Install" button. Where it never fires (Safari, Firefox), the wizard explains the
 * browser's own menu instead.
 */
import { createRoot, createSignal } from 'solid-js';

/** Not in TypeScript's DOM library: the part of the event used here. */
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ readonly outcome: 'accepted' | 'dismissed' }>;
}

const store = createRoot(() => {
  const [offer, setOffer] = createSignal<InstallPromptEvent | null>(null);
  const [installed, setInstalled] = createSignal(false);
  return { offer, setOffer, installed, setInstalled };
});

/** True while the browser offers to install the app (the Install button can be shown). */
export const installOffered = (): boolean => store.offer() !== null;
/** True once the app was installed from this page. */
export const appInstalled = store.installed;

/** Listens for the offer and for the install itself; returns the cleanup. Call once, at start-up. */
export function captureInstallPrompt(): () => void {
  if (typeof window === 'undefined') return () => undefined;
  const onOffer = (event: Event): void => {
    // Keeps the browser's own mini-infobar away: the wizard offers the install when it is relevant.
    event.preventDefault();
    store.setOffer(event as InstallPromptEvent);
  };
  const onInstalled = (): void => {
    store.setOffer(null);
    store.setInstalled(true);
  };
  window.addEventListener('beforeinstallprompt', onOffer);
  window.addEventListener('appinstalled', onInstalled);
  return () => {
    window.removeEventListener('beforeinstallprompt', onOffer);
    window.removeEventListener('appinstalled', onInstalled);
  };
}

/** Shows the browser's install dialog; an offer can be used once, so it is dropped either way. */
export async function promptInstall(): Promise<'accepted' | 'dismissed' | 'unavailable'> {
  const offer = store.offer();
  if (!offer) return 'unavailable';
  store.setOffer(null);
  await offer.prompt();
  const { outcome } = await offer.userChoice;
  if (outcome === 'accepted') store.setInstalled(true);
  return outcome;
}
