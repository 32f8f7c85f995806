import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_DRIFT_MS, formatHlc } from '@vitals/shared';
import { findFutureStamp } from './clock-skew';

const NOW = Date.parse('2025-10-01T09:00:00Z');
const at = (offsetMs: number): string => formatHlc({ wallMs: NOW + offsetMs, counter: 0, nodeId: 'dev' });
const ahead = at(DEFAULT_MAX_DRIFT_MS + 1);
const fine = at(DEFAULT_MAX_DRIFT_MS);

describe('findFutureStamp', () => {
  it.each<[string, unknown, string | null]>([
    ['a document of present stamps', { clocks: { name: fine }, values: { nps: { hlc: fine } } }, null],
    ['a field clock', { clocks: { name: fine, ownerId: ahead } }, 'clocks.ownerId'],
    ['a KPI value', { values: { nps: { value: 1, hlc: ahead } } }, 'values.nps.hlc'],
    [
      'a playbook step',
      {
        steps: [
          { stepId: 'a', hlc: fine },
          { stepId: 'b', hlc: ahead },
        ],
      },
      'steps.1.hlc',
    ],
    [
      'a history entry',
      { history: [{ field: 'name', hlc: fine, replacedBy: ahead }] },
      'history.0.replacedBy',
    ],
    // Free text that happens to look like a stamp is the user's, not a clock.
    ['text that looks like a stamp', { title: ahead, note: { text: ahead } }, null],
  ])('finds %s', (_name, doc, path) => {
    expect(findFutureStamp(doc, NOW)).toBe(path);
  });
});
