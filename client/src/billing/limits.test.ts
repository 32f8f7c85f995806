import type { LimitExceeded, Role } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import { limitErrorText, limitUpgradeTarget, seesPlans } from './limits';

const details: LimitExceeded = {
  kind: 'storage',
  plan: 'free',
  limit: 100,
  current: 100,
  requested: 10,
  message: 'The Free plan holds up to 100 bytes of data. Upgrade to Professional for more.',
  upgradeTo: 'professional',
};

describe('plan-limit refusals', () => {
  it('reads the sentence and the way up from a refusal, and nothing from anything else', () => {
    expect(limitErrorText(details)).toBe(details.message);
    expect(limitUpgradeTarget(details)).toBe('professional');
    expect(limitErrorText({ issues: [] })).toBeNull();
    expect(limitUpgradeTarget(undefined)).toBeNull();
  });

  it.each<[Role | null, boolean]>([
    ['owner', true],
    ['admin', true],
    ['manager', false],
    ['csm', false],
    ['viewer', false],
    [null, false],
  ])('offers "Upgrade" to %s: %s', (role, expected) => {
    expect(seesPlans(role)).toBe(expected);
  });
});
