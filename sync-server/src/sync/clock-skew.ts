/**
 * A pushed document whose hybrid-clock stamps are far ahead of the server's clock comes from a device with a
 * wrong date. Accepting it would make that device win every later conflict (and drag every clock that sees
 * the stamp into its future), so it is refused with `clock-skew` and the device is told to fix its clock.
 */
import { DEFAULT_MAX_DRIFT_MS, hlcWallTime, isHlc } from '@vitals/shared';

/** Keys whose values are stamps: a register's `hlc` and the `replacedBy` of history; `clocks` holds only stamps. */
const STAMP_KEYS = new Set(['hlc', 'replacedBy']);

/** The path of the first stamp more than `maxDriftMs` ahead of `nowMs`, or `null`. */
export function findFutureStamp(
  doc: unknown,
  nowMs: number,
  maxDriftMs = DEFAULT_MAX_DRIFT_MS,
): string | null {
  const tooFar = (value: unknown): boolean => isHlc(value) && hlcWallTime(value) - nowMs > maxDriftMs;
  const visit = (node: unknown, path: string): string | null => {
    if (typeof node !== 'object' || node === null) return null;
    for (const [key, value] of Object.entries(node)) {
      const at = path ? `${path}.${key}` : key;
      if (STAMP_KEYS.has(key) && tooFar(value)) return at;
      if (key === 'clocks' && typeof value === 'object' && value !== null) {
        const field = Object.keys(value).find((name) => tooFar((value as Record<string, unknown>)[name]));
        if (field !== undefined) return `${at}.${field}`;
        continue;
      }
      const found = visit(value, at);
      if (found) return found;
    }
    return null;
  };
  return visit(doc, '');
}
