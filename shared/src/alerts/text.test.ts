import { describe, expect, it } from 'vitest';
import { clipText, utf8ByteLength } from './text';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('clipText', () => {
  it('leaves a text that fits alone and ends a cut one with "…" within the limit', () => {
    expect(clipText('Cobalt Robotics', 15)).toBe('Cobalt Robotics');
    expect(clipText('Cobalt Robotics', 10)).toBe('Cobalt Ro…');
    expect(clipText('Cobalt Robotics', 8)).toBe('Cobalt…');
  });

  it('never splits a surrogate pair', () => {
    for (let max = 1; max <= 8; max++) {
      const clipped = clipText('😀😀😀😀😀', max);
      expect(clipped.length).toBeLessThanOrEqual(max);
      expect(clipped).not.toMatch(LONE_SURROGATE);
    }
  });
});

describe('utf8ByteLength', () => {
  it.each([
    ['abc', 3],
    ['é', 2],
    ['−', 3],
    ['😀', 4],
    ['\uD800', 3],
  ])('%s is %i bytes', (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
  });
});
