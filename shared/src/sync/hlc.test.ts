import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_DRIFT_MS,
  HLC_MAX_LENGTH,
  HLC_PATTERN,
  compareHlc,
  createClock,
  formatHlc,
  hlc,
  hlcWallTime,
  isHlc,
  maxHlc,
  parseHlc,
  receive,
  tick,
} from './hlc';

const T0 = 1_735_689_600_000; // 2025-01-01T00:00:00Z

describe('hlc format', () => {
  it('is fixed width up to the node id, so string order is (wall, counter, node) order', () => {
    expect(formatHlc({ wallMs: T0, counter: 7, nodeId: 'devA' })).toBe('001735689600000-000007-devA');
    expect(formatHlc({ wallMs: 0, counter: 0, nodeId: 'n' })).toBe('000000000000000-000000-n');
  });

  it.each([
    ['000001735689600-000000-devA', { wallMs: 1_735_689_600, counter: 0, nodeId: 'devA' }],
    ['001735689600000-000042-server_1', { wallMs: T0, counter: 42, nodeId: 'server_1' }],
    ['001735689600000-999999-a-b', { wallMs: T0, counter: 999_999, nodeId: 'a-b' }],
  ])('parses %s', (text, parts) => {
    expect(parseHlc(text)).toEqual(parts);
    expect(isHlc(text)).toBe(true);
    expect(formatHlc(parts)).toBe(text);
  });

  it.each([
    ['empty', ''],
    ['short wall', '1735689600000-000000-devA'],
    ['short counter', '001735689600000-00-devA'],
    ['no node', '001735689600000-000000-'],
    ['node with a dot', '001735689600000-000000-dev.A'],
    ['node too long', `001735689600000-000000-${'n'.repeat(33)}`],
    ['letters in the wall time', 'x01735689600000-000000-devA'],
    ['separator out of place', '0017356896000000-00000-devA'],
  ])('rejects %s', (_label, text) => {
    expect(parseHlc(text)).toBeNull();
    expect(isHlc(text)).toBe(false);
    expect(() => hlc(text)).toThrow(/Not a hybrid logical clock/);
  });

  it('the pattern and the max length agree with the parser', () => {
    const longest = formatHlc({ wallMs: 10 ** 15 - 1, counter: 999_999, nodeId: 'n'.repeat(32) });
    expect(longest).toHaveLength(HLC_MAX_LENGTH);
    expect(HLC_PATTERN.test(longest)).toBe(true);
  });

  it.each([
    [
      'earlier wall time',
      { wallMs: T0, counter: 9, nodeId: 'z' },
      { wallMs: T0 + 1, counter: 0, nodeId: 'a' },
    ],
    ['lower counter', { wallMs: T0, counter: 1, nodeId: 'z' }, { wallMs: T0, counter: 2, nodeId: 'a' }],
    [
      'node id breaks the tie',
      { wallMs: T0, counter: 1, nodeId: 'devA' },
      { wallMs: T0, counter: 1, nodeId: 'devB' },
    ],
    [
      'shorter node id sorts first',
      { wallMs: T0, counter: 1, nodeId: 'dev' },
      { wallMs: T0, counter: 1, nodeId: 'devA' },
    ],
  ])('orders by %s', (_label, low, high) => {
    const a = hlc(formatHlc(low));
    const b = hlc(formatHlc(high));
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, a)).toBe(1);
    expect(compareHlc(a, a)).toBe(0);
    expect(maxHlc(a, b)).toBe(b);
    expect(maxHlc(b, a)).toBe(b);
  });

  it('string order equals tuple order for any two timestamps', () => {
    const parts = fc.record({
      wallMs: fc.integer({ min: 0, max: 10 ** 15 - 1 }),
      counter: fc.integer({ min: 0, max: 999_999 }),
      nodeId: fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/),
    });
    fc.assert(
      fc.property(parts, parts, (p, q) => {
        const tuple =
          Math.sign(p.wallMs - q.wallMs) ||
          Math.sign(p.counter - q.counter) ||
          (p.nodeId < q.nodeId ? -1 : p.nodeId > q.nodeId ? 1 : 0);
        expect(compareHlc(hlc(formatHlc(p)), hlc(formatHlc(q)))).toBe(tuple);
      }),
    );
  });

  it('exposes the wall time for "replaced at" displays', () => {
    expect(hlcWallTime(hlc('001735689600000-000003-devA'))).toBe(T0);
  });
});

describe('createClock', () => {
  it.each(['', 'has space', 'dot.ted', 'x'.repeat(33)])('rejects node id %j', (nodeId) => {
    expect(() => createClock(nodeId)).toThrow(/node id/);
  });

  it('starts before any real time', () => {
    expect(createClock('devA')).toEqual({ nodeId: 'devA', wallMs: 0, counter: 0 });
  });
});

describe('tick', () => {
  it.each([
    ['the wall clock moved on: counter resets', { wallMs: T0, counter: 5 }, T0 + 10, T0 + 10, 0],
    ['same millisecond: counter increments', { wallMs: T0, counter: 5 }, T0, T0, 6],
    ['wall clock went backwards: keep the logical time', { wallMs: T0, counter: 5 }, T0 - 60_000, T0, 6],
    ['counter exhausted: borrow the next millisecond', { wallMs: T0, counter: 999_999 }, T0, T0 + 1, 0],
  ])('%s', (_label, start, now, wallMs, counter) => {
    const { state, hlc: stamp } = tick({ nodeId: 'devA', ...start }, now);
    expect(state).toEqual({ nodeId: 'devA', wallMs, counter });
    expect(parseHlc(stamp)).toEqual({ nodeId: 'devA', wallMs, counter });
  });

  it('never goes backwards, whatever the wall clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 * T0 }), { minLength: 1, maxLength: 50 }), (times) => {
        let state = createClock('devA');
        let previous = '';
        for (const now of times) {
          const next = tick(state, now);
          expect(next.hlc > previous).toBe(true);
          previous = next.hlc;
          state = next.state;
        }
      }),
    );
  });

  it.each([Number.NaN, -1, 1.5, 10 ** 15])('refuses a wall time of %s', (now) => {
    expect(() => tick(createClock('devA'), now)).toThrow(RangeError);
  });
});

describe('receive', () => {
  const local = { nodeId: 'devA', wallMs: T0, counter: 3 };

  it.each([
    ['remote ahead (within drift)', T0 + 1000, 7, T0, T0 + 1000, 8],
    ['remote behind, wall clock ahead', T0 - 1000, 7, T0 + 5, T0 + 5, 0],
    ['remote at the same logical time', T0, 7, T0, T0, 8],
    ['local counter higher at the same time', T0, 1, T0, T0, 4],
    ['both behind the wall clock', T0 - 5, 99, T0 + 1, T0 + 1, 0],
  ])('%s', (_label, remoteWall, remoteCounter, now, wallMs, counter) => {
    const remote = formatHlc({ wallMs: remoteWall, counter: remoteCounter, nodeId: 'devB' });
    const result = receive(local, remote, now);
    expect(result).toEqual({
      ok: true,
      state: { nodeId: 'devA', wallMs, counter },
      hlc: formatHlc({ nodeId: 'devA', wallMs, counter }),
    });
  });

  it('the merged timestamp is after both the local and the remote one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: -DEFAULT_MAX_DRIFT_MS, max: DEFAULT_MAX_DRIFT_MS - 10_000 }),
        fc.integer({ min: 0, max: 999_998 }),
        fc.integer({ min: -10_000, max: 10_000 }),
        (localCounter, remoteOffset, remoteCounter, nowOffset) => {
          const state = { nodeId: 'devA', wallMs: T0, counter: localCounter };
          const remote = hlc(
            formatHlc({ wallMs: T0 + remoteOffset, counter: remoteCounter, nodeId: 'devB' }),
          );
          const result = receive(state, remote, T0 + nowOffset);
          if (!result.ok) throw new Error(result.error.code);
          expect(compareHlc(result.hlc, remote)).toBe(1);
          expect(compareHlc(result.hlc, hlc(formatHlc(state)))).toBe(1);
        },
      ),
    );
  });

  it('refuses a remote clock too far ahead, so one bad clock cannot drag every device into the future', () => {
    const remote = formatHlc({ wallMs: T0 + DEFAULT_MAX_DRIFT_MS + 1, counter: 0, nodeId: 'devB' });
    expect(receive(local, remote, T0)).toEqual({
      ok: false,
      error: { code: 'clock-drift', driftMs: DEFAULT_MAX_DRIFT_MS + 1, maxDriftMs: DEFAULT_MAX_DRIFT_MS },
    });
    expect(receive(local, remote, T0 + 1).ok).toBe(true);
  });

  it('takes the drift limit as an option', () => {
    const remote = formatHlc({ wallMs: T0 + 2000, counter: 0, nodeId: 'devB' });
    expect(receive(local, remote, T0, { maxDriftMs: 1000 })).toMatchObject({
      ok: false,
      error: { code: 'clock-drift' },
    });
    expect(receive(local, remote, T0, { maxDriftMs: 2000 }).ok).toBe(true);
  });

  it('reports a malformed remote timestamp instead of throwing', () => {
    expect(receive(local, 'yesterday', T0)).toEqual({
      ok: false,
      error: { code: 'invalid-hlc', input: 'yesterday' },
    });
  });

  it('accepts its own timestamps echoed back by the server', () => {
    const own = formatHlc({ wallMs: T0, counter: 3, nodeId: 'devA' });
    expect(receive(local, own, T0)).toMatchObject({ ok: true, state: { wallMs: T0, counter: 4 } });
  });
});
