/**
 * Hybrid logical clock (Kulkarni et al., 2014): a timestamp that stays close to the wall clock but never runs
 * backwards and always moves past anything this node has seen, so "last writer wins" means the same thing on
 * every device even when their clocks disagree.
 *
 * A timestamp is a string `WWWWWWWWWWWWWWW-CCCCCC-node`: wall time in ms as 15 zero-padded decimal digits
 * (readable, and good until the year 33658), a 6-digit counter for events within one millisecond, and the
 * node (device) id. Everything before the node id is fixed width, so plain string comparison orders
 * timestamps by (wall time, counter, node id): the node id is the deterministic tie-break, and the strings
 * can be compared, sorted and indexed by any database without parsing.
 *
 * Pure: the wall time is always a parameter.
 */
import type { Brand } from '../units';

export type Hlc = Brand<string, 'Hlc'>;

export interface HlcParts {
  readonly wallMs: number;
  readonly counter: number;
  readonly nodeId: string;
}

/** A node's clock: the last timestamp it issued or received. */
export type ClockState = HlcParts;

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_WALL_MS = 10 ** WALL_DIGITS - 1;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
const NODE_ID_MAX_LENGTH = 32;

/** Device ids come from nanoid-style generators; the separator may appear because parsing is positional. */
export const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const HLC_PATTERN = /^\d{15}-\d{6}-[A-Za-z0-9_-]{1,32}$/;
export const HLC_MAX_LENGTH = WALL_DIGITS + 1 + COUNTER_DIGITS + 1 + NODE_ID_MAX_LENGTH;

/**
 * How far ahead of our own wall clock a remote timestamp may be. Phones set their clocks from the network,
 * so honest skew is seconds; a clock minutes ahead is a misconfigured device, and accepting it would drag
 * every device's clock (and the winner of every later conflict) into its future.
 */
export const DEFAULT_MAX_DRIFT_MS = 5 * 60_000;

export type HlcError =
  | { readonly code: 'invalid-hlc'; readonly input: string }
  | { readonly code: 'clock-drift'; readonly driftMs: number; readonly maxDriftMs: number };

export type ReceiveResult =
  | { readonly ok: true; readonly state: ClockState; readonly hlc: Hlc }
  | { readonly ok: false; readonly error: HlcError };

export interface ReceiveOptions {
  readonly maxDriftMs?: number;
}

export function isHlc(value: unknown): value is Hlc {
  return typeof value === 'string' && HLC_PATTERN.test(value);
}

/** Returns the parts, or `null` when the text is not a timestamp. */
export function parseHlc(text: string): HlcParts | null {
  if (!isHlc(text)) return null;
  return {
    wallMs: Number(text.slice(0, WALL_DIGITS)),
    counter: Number(text.slice(WALL_DIGITS + 1, WALL_DIGITS + 1 + COUNTER_DIGITS)),
    nodeId: text.slice(WALL_DIGITS + COUNTER_DIGITS + 2),
  };
}

/** Asserts a timestamp; for literals and trusted data. */
export function hlc(text: string): Hlc {
  if (!isHlc(text)) throw new RangeError(`Not a hybrid logical clock timestamp: ${JSON.stringify(text)}`);
  return text;
}

export function formatHlc(parts: HlcParts): Hlc {
  const wall = String(parts.wallMs).padStart(WALL_DIGITS, '0');
  const counter = String(parts.counter).padStart(COUNTER_DIGITS, '0');
  return hlc(`${wall}-${counter}-${parts.nodeId}`);
}

export function compareHlc(a: Hlc, b: Hlc): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxHlc(a: Hlc, b: Hlc): Hlc {
  return a < b ? b : a;
}

/** The wall time (ms since the epoch) a timestamp was issued at, for "changed at" displays. */
export function hlcWallTime(stamp: Hlc): number {
  return Number(stamp.slice(0, WALL_DIGITS));
}

export function createClock(nodeId: string): ClockState {
  if (!NODE_ID_PATTERN.test(nodeId)) {
    throw new RangeError(
      `A clock's node id must match ${NODE_ID_PATTERN.source}, got ${JSON.stringify(nodeId)}`,
    );
  }
  return { nodeId, wallMs: 0, counter: 0 };
}

function assertWallTime(nowMs: number): void {
  if (!Number.isSafeInteger(nowMs) || nowMs < 0 || nowMs > MAX_WALL_MS) {
    throw new RangeError(`The wall time must be whole milliseconds since 1970, got ${nowMs}`);
  }
}

/**
 * Running out of counter values within one millisecond borrows the next millisecond instead of failing: a bulk
 * import stamps hundreds of thousands of values at once, and the clock gets ahead by 1 ms per million events.
 */
function settle(nodeId: string, wallMs: number, counter: number): { state: ClockState; hlc: Hlc } {
  const state =
    counter > MAX_COUNTER ? { nodeId, wallMs: wallMs + 1, counter: 0 } : { nodeId, wallMs, counter };
  return { state, hlc: formatHlc(state) };
}

/**
 * Stamps a local event (an edit on this device). Never refuses: a user's write must always get a timestamp,
 * even on a device whose clock has gone backwards (the logical part keeps it moving forward).
 */
export function tick(state: ClockState, nowMs: number): { state: ClockState; hlc: Hlc } {
  assertWallTime(nowMs);
  if (nowMs > state.wallMs) return settle(state.nodeId, nowMs, 0);
  return settle(state.nodeId, state.wallMs, state.counter + 1);
}

/**
 * Merges a timestamp seen on a remote document into this node's clock, so everything this node stamps next
 * sorts after it. Refuses (with a typed error, never a throw) timestamps that are malformed or further ahead
 * of our wall clock than `maxDriftMs`.
 */
export function receive(
  state: ClockState,
  remote: string,
  nowMs: number,
  options: ReceiveOptions = {},
): ReceiveResult {
  assertWallTime(nowMs);
  const parsed = parseHlc(remote);
  if (!parsed) return { ok: false, error: { code: 'invalid-hlc', input: remote } };
  const maxDriftMs = options.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
  const driftMs = parsed.wallMs - nowMs;
  if (driftMs > maxDriftMs) return { ok: false, error: { code: 'clock-drift', driftMs, maxDriftMs } };

  const wallMs = Math.max(state.wallMs, parsed.wallMs, nowMs);
  let counter: number;
  if (wallMs === state.wallMs && wallMs === parsed.wallMs)
    counter = Math.max(state.counter, parsed.counter) + 1;
  else if (wallMs === state.wallMs) counter = state.counter + 1;
  else if (wallMs === parsed.wallMs) counter = parsed.counter + 1;
  else counter = 0;
  return { ok: true, ...settle(state.nodeId, wallMs, counter) };
}
