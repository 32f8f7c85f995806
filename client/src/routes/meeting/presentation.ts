/**
 * Presenting meeting mode: the Fullscreen API on the meeting view where the browser has it (desktop,
 * Android, iPadOS), and otherwise a full-window modal layer (iPhone Safari, or when full screen is refused,
 * e.g. inside an iframe). While presenting, a screen wake lock keeps the tablet from dimming mid-meeting.
 */
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js';

export type PresentMode = 'inline' | 'fullscreen' | 'overlay';

/** Safari before 16.4 only has the prefixed API. */
interface PrefixedDocument {
  webkitFullscreenElement?: Element | null;
  webkitFullscreenEnabled?: boolean;
  webkitExitFullscreen?: () => void;
}
interface PrefixedElement {
  webkitRequestFullscreen?: () => void;
}

function fullscreenElement(): Element | null {
  return document.fullscreenElement ?? (document as PrefixedDocument).webkitFullscreenElement ?? null;
}

function fullscreenEnabled(): boolean {
  return Boolean(document.fullscreenEnabled ?? (document as PrefixedDocument).webkitFullscreenEnabled);
}

export interface Presentation {
  readonly mode: Accessor<PresentMode>;
  readonly presenting: Accessor<boolean>;
  enter(): Promise<void>;
  exit(): Promise<void>;
  toggle(): Promise<void>;
}

/** `create*`: reactive, and cleans up (leaves full screen, releases the wake lock) with its owner. */
export function createPresentation(target: () => HTMLElement | undefined): Presentation {
  const [mode, setMode] = createSignal<PresentMode>('inline');

  const onChange = (): void => {
    const element = fullscreenElement();
    if (element && element === target()) setMode('fullscreen');
    else if (mode() === 'fullscreen') setMode('inline');
  };
  document.addEventListener('fullscreenchange', onChange);
  document.addEventListener('webkitfullscreenchange', onChange);

  const leaveFullscreen = async (): Promise<void> => {
    if (!fullscreenElement()) return;
    if (document.exitFullscreen) await document.exitFullscreen().catch(() => undefined);
    else (document as PrefixedDocument).webkitExitFullscreen?.();
  };

  const enter = async (): Promise<void> => {
    const element = target();
    const prefixed = element as (HTMLElement & PrefixedElement) | undefined;
    if (element && fullscreenEnabled() && (element.requestFullscreen || prefixed?.webkitRequestFullscreen)) {
      try {
        if (element.requestFullscreen) await element.requestFullscreen({ navigationUI: 'hide' });
        else prefixed!.webkitRequestFullscreen!();
        return;
      } catch {
        // Refused (no user gesture, a permissions policy, an iframe): the window-filling layer below still works.
      }
    }
    setMode('overlay');
  };

  const exit = async (): Promise<void> => {
    if (mode() === 'fullscreen') await leaveFullscreen();
    setMode('inline');
  };

  // Keep the screen awake while presenting; the browser drops the lock when the page is hidden, so take it again on return.
  let lock: WakeLockSentinel | null = null;
  const acquire = async (): Promise<void> => {
    if (lock || !('wakeLock' in navigator) || document.visibilityState !== 'visible') return;
    try {
      lock = await navigator.wakeLock.request('screen');
      lock.addEventListener('release', () => (lock = null));
    } catch {
      lock = null; // Battery saver or no permission: presenting works without it.
    }
  };
  const release = (): void => {
    void lock?.release().catch(() => undefined);
    lock = null;
  };
  const onVisible = (): void => {
    if (mode() !== 'inline') void acquire();
  };
  document.addEventListener('visibilitychange', onVisible);
  createEffect(() => {
    if (mode() === 'inline') release();
    else void acquire();
  });

  onCleanup(() => {
    document.removeEventListener('fullscreenchange', onChange);
    document.removeEventListener('webkitfullscreenchange', onChange);
    document.removeEventListener('visibilitychange', onVisible);
    release();
    void leaveFullscreen();
  });

  return {
    mode,
    presenting: () => mode() !== 'inline',
    enter,
    exit,
    toggle: () => (mode() === 'inline' ? enter() : exit()),
  };
}
