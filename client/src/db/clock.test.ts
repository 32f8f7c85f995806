import { compareHlc, hlcWallTime } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import { nextHlc, observeHlc } from './clock';

describe('the device clock', () => {
  it('never runs backwards, even when the wall clock does', () => {
    const first = nextHlc(Date.UTC(2025, 9, 1, 12));
    const second = nextHlc(Date.UTC(2025, 9, 1, 11)); // the phone's clock was set back an hour
    const third = nextHlc(Date.UTC(2025, 9, 1, 11));
    expect(compareHlc(second, first)).toBeGreaterThan(0);
    expect(compareHlc(third, second)).toBeGreaterThan(0);
  });

  it('keeps its state in storage, so a reload continues after the last timestamp', async () => {
    const before = nextHlc(Date.UTC(2025, 9, 2));
    const { vi } = await import('vitest');
    vi.resetModules();
    const reloaded = await import('./clock');
    expect(compareHlc(reloaded.nextHlc(Date.UTC(2025, 9, 1)), before)).toBeGreaterThan(0);
  });

  it('moves past a timestamp seen from a device whose clock runs ahead', () => {
    const now = Date.UTC(2025, 9, 3);
    const remote = `${String(now + 60_000).padStart(15, '0')}-000000-otherDevice`;
    observeHlc(remote, now);
    const local = nextHlc(now);
    expect(compareHlc(local, remote as never)).toBeGreaterThan(0);
    expect(hlcWallTime(local)).toBeGreaterThanOrEqual(now + 60_000);
  });
});
