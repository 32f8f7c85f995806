import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  isIsoDate,
  lastDayOfMonth,
  month,
  monthRange,
  monthsBetween,
  parseMonth,
  previousMonth,
} from './months';

describe('months', () => {
  it.each(['2025-03', '1999-12', '2030-01'])('accepts %s', (text) => {
    expect(parseMonth(text)).toBe(text);
  });

  it.each(['2025-3', '2025-13', '2025-00', '25-03', '2025-03-01', ''])('rejects %j', (text) => {
    expect(parseMonth(text)).toBeNull();
    expect(() => month(text)).toThrow(/Not a month/);
  });

  it('adds across year boundaries in both directions', () => {
    expect(addMonths(month('2025-11'), 3)).toBe('2026-02');
    expect(addMonths(month('2025-02'), -3)).toBe('2024-11');
    expect(previousMonth(month('2025-01'))).toBe('2024-12');
  });

  it('counts and lists months inclusively', () => {
    expect(monthsBetween(month('2025-03'), month('2025-09'))).toBe(6);
    expect(monthRange(month('2025-11'), month('2026-02'))).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange(month('2025-05'), month('2025-04'))).toEqual([]);
  });
});

describe('dates', () => {
  it('validates real calendar days only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-04-31')).toBe(false);
  });

  it('does day arithmetic in UTC', () => {
    expect(daysBetween('2025-09-30' as never, '2026-01-28' as never)).toBe(120);
    expect(addDays('2025-12-31' as never, 1)).toBe('2026-01-01');
    expect(lastDayOfMonth(month('2024-02'))).toBe('2024-02-29');
  });
});
