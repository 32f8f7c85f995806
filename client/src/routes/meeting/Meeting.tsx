/**
 * Meeting mode (`/meeting`, `/meeting/:accountId`): a read-only, large-type view of the portfolio and of
 * one account for tablets in QBRs. It reads the same reactive tenant data as every screen, so a change
 * synced from any device shows here within a second, and the tiles that changed say so.
 *
 * One route serves both views so the component (and full screen) survives moving between accounts.
 */
import { useNavigate, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, onCleanup, onMount, Show, type JSX } from 'solid-js';
import { SyncIndicator } from '../../components/SyncIndicator';
import { formatMonth } from '../../format';
import { currentTenant } from '../../session/session';
import { useTenantData } from '../../state/tenant-data';
import { MeetingAccount } from './MeetingAccount';
import { MeetingOverview } from './MeetingOverview';
import { createMeetingData, shortKpiName } from './model';
import { createPresentation } from './presentation';
import './meeting.css';

/** The account the presenter last opened, so returning to the overview puts focus back on its tile. */
const [lastViewed, setLastViewed] = createSignal<string | null>(null);

const CHANGE_HIGHLIGHT_MS = 8000;

export function Meeting(): JSX.Element {
  const data = useTenantData();
  const params = useParams<{ accountId?: string }>();
  const navigate = useNavigate();
  const meeting = createMeetingData(data);
  let root: HTMLElement | undefined;
  let overlay: HTMLDialogElement | undefined;
  const presentation = createPresentation(() => root);
  const surface = (): HTMLElement | undefined => (presentation.mode() === 'overlay' ? overlay : root);

  // Live: remember when the data last changed, and which accounts' status or score moved.
  const [updatedAt, setUpdatedAt] = createSignal<Date | null>(null);
  const [changed, setChanged] = createSignal<ReadonlySet<string>>(new Set());
  let previous = new Map<string, string>();
  let clearTimer: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    const next = new Map(
      meeting.entries().map((e) => [e.account.id, `${e.status}:${e.health?.score ?? ''}`]),
    );
    // Only an account that already had a score counts as "changed": the first sync is not news.
    const moved = [...next].filter(([id, key]) => {
      const before = previous.get(id);
      return before !== undefined && !before.endsWith(':') && before !== key;
    });
    previous = next;
    setUpdatedAt(new Date());
    if (moved.length === 0) return;
    setChanged(new Set(moved.map(([id]) => id)));
    clearTimeout(clearTimer);
    clearTimer = setTimeout(() => setChanged(new Set<string>()), CHANGE_HIGHLIGHT_MS);
  });
  onCleanup(() => clearTimeout(clearTimer));

  const index = createMemo(() =>
    params.accountId ? meeting.entries().findIndex((e) => e.account.id === params.accountId) : -1,
  );
  const current = createMemo(() => meeting.entries()[index()]);
  createEffect(() => {
    if (params.accountId) setLastViewed(params.accountId);
  });

  const step = (delta: number): void => {
    const list = meeting.entries();
    if (list.length === 0) return;
    const from = index() < 0 ? (delta > 0 ? -1 : 0) : index();
    const next = list[(from + delta + list.length) % list.length]!;
    navigate(`/meeting/${encodeURIComponent(next.account.id)}`, { replace: true });
  };
  const overview = (): void => navigate('/meeting');

  // Keyboard: ← → (and a presenter's clicker: PageUp/PageDown) between accounts, Home for the overview,
  // arrows between tiles on the overview, F for full screen.
  const onKey = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
    if (event.key === 'f' || event.key === 'F') {
      event.preventDefault();
      void presentation.toggle();
      return;
    }
    if (params.accountId) {
      if (event.key === 'ArrowRight' || event.key === 'PageDown') step(1);
      else if (event.key === 'ArrowLeft' || event.key === 'PageUp') step(-1);
      else if (event.key === 'Home') overview();
      else return;
      event.preventDefault();
      return;
    }
    if (moveTileFocus(surface(), event.key)) event.preventDefault();
  };
  onMount(() => document.addEventListener('keydown', onKey));
  onCleanup(() => document.removeEventListener('keydown', onKey));

  // Touch: a horizontal swipe on the account view moves to the previous or next account.
  let swipeStart: { x: number; y: number } | null = null;
  const onPointerDown = (event: PointerEvent): void => {
    swipeStart = event.pointerType === 'mouse' ? null : { x: event.clientX, y: event.clientY };
  };
  const onPointerUp = (event: PointerEvent): void => {
    if (!swipeStart || !params.accountId) return;
    const dx = event.clientX - swipeStart.x;
    const dy = event.clientY - swipeStart.y;
    swipeStart = null;
    if (Math.abs(dx) > 60 && Math.abs(dx) > 2 * Math.abs(dy)) step(dx < 0 ? 1 : -1);
  };

  const pager = (): JSX.Element => (
    <nav class="meeting-pager" aria-label="Accounts">
      <button class="meeting-button" type="button" onClick={overview} aria-keyshortcuts="Home">
        <span aria-hidden="true">▦</span> All accounts
      </button>
      <div class="meeting-pager-steps">
        <button
          class="meeting-button"
          type="button"
          onClick={() => step(-1)}
          aria-keyshortcuts="ArrowLeft"
          disabled={meeting.entries().length < 2}
        >
          <span aria-hidden="true">←</span> Previous
        </button>
        <span class="meeting-position" aria-live="polite">
          <Show when={current()} fallback="—">
            {index() + 1} of {meeting.entries().length}
            <span class="visually-hidden">: {current()!.account.name}</span>
          </Show>
        </span>
        <button
          class="meeting-button"
          type="button"
          onClick={() => step(1)}
          aria-keyshortcuts="ArrowRight"
          disabled={meeting.entries().length < 2}
        >
          Next <span aria-hidden="true">→</span>
        </button>
      </div>
    </nav>
  );

  const content = (): JSX.Element => (
    <div class="meeting-inner" onPointerDown={onPointerDown} onPointerUp={onPointerUp}>
      <header class="meeting-bar">
        <div class="meeting-title">
          <span class="meeting-brand">
            <img src="/icons/icon.svg" alt="" width="28" height="28" />
            {currentTenant()?.name ?? 'Vitals'}
            <span class="meeting-brand-sub">Customer health</span>
          </span>
          <span class="meeting-asof">
            <span>{data.latest() ? `As of ${formatMonth(data.latest()!)}` : 'Waiting for data'}</span>
            <span class="meeting-live">
              <span class="live-dot" aria-hidden="true" />
              Live
              {updatedAt()
                ? `, updated ${updatedAt()!.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`
                : ''}
            </span>
            <SyncIndicator />
          </span>
        </div>
        <div class="meeting-actions">
          <button
            class="meeting-button"
            type="button"
            aria-pressed={presentation.presenting()}
            onClick={() => void presentation.toggle()}
            aria-keyshortcuts="F"
          >
            <span aria-hidden="true">{presentation.presenting() ? '⤡' : '⤢'}</span>
            {presentation.presenting() ? 'Exit full screen' : 'Full screen'}
          </button>
          <a class="meeting-button" href="/">
            Leave meeting
          </a>
        </div>
      </header>

      <Show
        when={params.accountId}
        fallback={
          <>
            <h1 class="visually-hidden">Meeting mode: portfolio health</h1>
            <MeetingOverview
              entries={meeting.entries()}
              counts={meeting.counts()}
              changed={changed()}
              focusId={lastViewed()}
              kpiName={(kpi) => shortKpiName(data.catalog, kpi)}
            />
          </>
        }
      >
        <Show
          when={current()}
          fallback={
            <>
              {pager()}
              <p class="meeting-empty">
                {data.ready()
                  ? 'This account is not in this workspace, or has not synced to this device yet.'
                  : 'Opening the account…'}
              </p>
            </>
          }
        >
          {(entry) => (
            <MeetingAccount
              entry={entry()}
              catalog={data.catalog}
              changed={changed().has(entry().account.id)}
              pager={pager()}
            />
          )}
        </Show>
      </Show>

      <p class="meeting-hint">
        <span class="hint-keys">← → next account · Home all accounts · F full screen</span>
        <span class="hint-touch">Swipe left or right to change account</span>
      </p>
    </div>
  );

  return (
    <Show
      when={presentation.mode() === 'overlay'}
      fallback={
        <section ref={root} class="meeting" aria-label="Meeting mode">
          {content()}
        </section>
      }
    >
      <OverlayLayer ref={(el) => (overlay = el)} onClose={() => void presentation.exit()}>
        {content()}
      </OverlayLayer>
    </Show>
  );
}

/** Where full screen is unavailable: a modal layer over the whole window (the page behind becomes inert). */
function OverlayLayer(props: {
  ref: (el: HTMLDialogElement) => void;
  onClose: () => void;
  children: JSX.Element;
}): JSX.Element {
  let dialog: HTMLDialogElement | undefined;
  onMount(() => dialog?.showModal());
  return (
    <dialog
      ref={(el) => {
        dialog = el;
        props.ref(el);
      }}
      class="meeting meeting-overlay"
      aria-label="Meeting mode"
      onCancel={(event) => {
        // Escape leaves presenting; the dialog is removed by the mode change, not closed in place.
        event.preventDefault();
        props.onClose();
      }}
    >
      {props.children}
    </dialog>
  );
}

/** Arrow keys between overview tiles by their position on screen (rows wrap with the window's width). */
function moveTileFocus(container: HTMLElement | undefined, key: string): boolean {
  if (!container || !['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp'].includes(key)) return false;
  const tiles = [...container.querySelectorAll<HTMLElement>('a.meeting-tile')];
  if (tiles.length === 0) return false;
  const at = tiles.indexOf(document.activeElement as HTMLElement);
  if (at < 0) {
    tiles[0]!.focus();
    return true;
  }
  if (key === 'ArrowRight' || key === 'ArrowLeft') {
    tiles[Math.min(tiles.length - 1, Math.max(0, at + (key === 'ArrowRight' ? 1 : -1)))]!.focus();
    return true;
  }
  const rects = tiles.map((t) => t.getBoundingClientRect());
  const here = rects[at]!;
  const down = key === 'ArrowDown';
  const rows = rects
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => (down ? r.top > here.top + 4 : r.top < here.top - 4));
  if (rows.length === 0) return true;
  const rowTop = down ? Math.min(...rows.map(({ r }) => r.top)) : Math.max(...rows.map(({ r }) => r.top));
  const centre = here.left + here.width / 2;
  const best = rows
    .filter(({ r }) => Math.abs(r.top - rowTop) <= 4)
    .sort(
      (a, b) => Math.abs(a.r.left + a.r.width / 2 - centre) - Math.abs(b.r.left + b.r.width / 2 - centre),
    )[0];
  tiles[best!.i]!.focus();
  return true;
}
