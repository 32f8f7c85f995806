/**
 * This device's hybrid logical clock (shared/sync/hlc.ts): every local edit gets a timestamp that never runs
 * backwards, even across reloads or when the phone's clock is set back, so "last writer wins" stays honest.
 * The node id is random per device and kept, so two devices never issue the same timestamp; all tabs of the
 * device share one clock through localStorage (reads and writes of it are synchronous, so tabs do not race).
 */
import { createClock, receive, tick, type ClockState, type Hlc } from '@vitals/shared';

const NODE_KEY = 'vitals.hlc.node.v1';
const STATE_KEY = 'vitals.hlc.state.v1';
const NODE_ID_LENGTH = 16;
const NODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

function randomNodeId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(NODE_ID_LENGTH));
  // 64 symbols: each byte maps without bias.
  return Array.from(bytes, (b) => NODE_ALPHABET[b % NODE_ALPHABET.length]).join('');
}

/** The device's node id, created on first use. */
export function deviceNodeId(): string {
  const stored = localStorage.getItem(NODE_KEY);
  if (stored && /^[A-Za-z0-9_-]{1,32}$/.test(stored)) return stored;
  const id = randomNodeId();
  localStorage.setItem(NODE_KEY, id);
  return id;
}

function loadState(): ClockState {
  const fresh = createClock(deviceNodeId());
  try {
    const raw = localStorage.getItem(STATE_KEY);
    if (!raw) return fresh;
    const parsed = JSON.parse(raw) as Partial<ClockState>;
    // A state from another node id (storage copied between devices) must not be continued under ours.
    if (
      parsed.nodeId !== fresh.nodeId ||
      !Number.isSafeInteger(parsed.wallMs) ||
      !Number.isSafeInteger(parsed.counter)
    )
      return fresh;
    return { nodeId: fresh.nodeId, wallMs: parsed.wallMs!, counter: parsed.counter! };
  } catch {
    // Unreadable state: starting from the wall clock is still monotonic unless the clock went back meanwhile.
    return fresh;
  }
}

function saveState(state: ClockState): void {
  localStorage.setItem(STATE_KEY, JSON.stringify(state));
}

/** A timestamp for a local edit. */
export function nextHlc(nowMs: number = Date.now()): Hlc {
  const { state, hlc } = tick(loadState(), nowMs);
  saveState(state);
  return hlc;
}

/**
 * Moves the clock past a timestamp this device has seen (the value being edited), so the edit sorts after
 * it. The edit is made by a person looking at that value, so it is causally later even when the other
 * device's clock runs ahead of ours by more than the usual drift allowance: refusing would make the
 * user's own edit lose silently to the value they meant to replace.
 */
export function observeHlc(remote: string, nowMs: number = Date.now()): void {
  const state = loadState();
  const result = receive(state, remote, nowMs);
  if (result.ok) {
    saveState(result.state);
    return;
  }
  if (result.error.code === 'clock-drift') {
    const forced = receive(state, remote, nowMs, { maxDriftMs: Number.POSITIVE_INFINITY });
    if (forced.ok) saveState(forced.state);
  }
  // A malformed timestamp says nothing about time; the local clock stays as it is.
}
