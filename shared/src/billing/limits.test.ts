import { describe, expect, it } from 'vitest';
import {
  checkLimit,
  formatBytes,
  isLimitExceeded,
  isLimitKind,
  LIMIT_KINDS,
  limitOf,
  upgradeFor,
  usageLines,
  type LimitKind,
  type Usage,
} from './limits';
import type { PlanId } from './plans';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

const usage = (over: Partial<Usage> = {}): Usage => ({
  users: 0,
  accounts: 0,
  storageBytes: 0,
  aiQuestionsThisMonth: 0,
  ...over,
});

describe('limitOf', () => {
  it.each<[PlanId, LimitKind, number | null]>([
    ['free', 'users', 2],
    ['free', 'accounts', 5],
    ['free', 'storage', GB],
    ['free', 'ai-questions', 20],
    ['professional', 'users', 10],
    ['professional', 'accounts', 50],
    ['professional', 'storage', 10 * GB],
    ['professional', 'ai-questions', null],
    ['enterprise', 'users', null],
    ['enterprise', 'accounts', null],
    ['enterprise', 'storage', 100 * GB],
    ['enterprise', 'ai-questions', null],
  ])('%s allows %s: %s', (plan, kind, limit) => {
    expect(limitOf(plan, kind)).toBe(limit);
  });
});

describe('checkLimit', () => {
  it.each<[PlanId, LimitKind, Partial<Usage>, number]>([
    ['free', 'accounts', { accounts: 4 }, 1],
    ['free', 'accounts', { accounts: 3 }, 2],
    ['free', 'users', { users: 1 }, 1],
    ['free', 'storage', { storageBytes: GB - 10 }, 10],
    ['free', 'ai-questions', { aiQuestionsThisMonth: 19 }, 1],
    ['professional', 'accounts', { accounts: 49 }, 1],
    ['professional', 'ai-questions', { aiQuestionsThisMonth: 1_000_000 }, 1],
    ['enterprise', 'users', { users: 10_000 }, 500],
    ['enterprise', 'storage', { storageBytes: 99 * GB }, GB],
  ])('%s allows reaching exactly the %s limit (or no limit)', (plan, kind, used, requested) => {
    expect(checkLimit(plan, usage(used), kind, requested)).toEqual({ ok: true });
  });

  it.each<[PlanId, LimitKind, Partial<Usage>, number]>([
    ['free', 'accounts', { accounts: 5 }, 1],
    ['free', 'accounts', { accounts: 4 }, 2],
    ['free', 'users', { users: 2 }, 1],
    ['free', 'storage', { storageBytes: GB }, 1],
    ['free', 'ai-questions', { aiQuestionsThisMonth: 20 }, 1],
    ['professional', 'users', { users: 10 }, 1],
    ['enterprise', 'storage', { storageBytes: 100 * GB }, 1],
  ])('%s refuses one over the %s limit', (plan, kind, used, requested) => {
    expect(checkLimit(plan, usage(used), kind, requested).ok).toBe(false);
  });

  it.each([0, -1, -100, Number.NaN])('never refuses a change of %s, even over the limit', (requested) => {
    for (const kind of LIMIT_KINDS) {
      const over = usage({ users: 9, accounts: 40, storageBytes: 5 * GB, aiQuestionsThisMonth: 90 });
      expect(checkLimit('free', over, kind, requested)).toEqual({ ok: true });
    }
  });

  it('refuses any growth of a workspace already over its limit (after a downgrade)', () => {
    expect(checkLimit('free', usage({ accounts: 12 }), 'accounts', 1)).toMatchObject({
      ok: false,
      limit: 5,
      current: 12,
      requested: 1,
      upgradeTo: 'professional',
    });
  });

  it('says what happened and the way up, for accounts', () => {
    expect(checkLimit('free', usage({ accounts: 5 }), 'accounts', 2)).toEqual({
      ok: false,
      kind: 'accounts',
      plan: 'free',
      limit: 5,
      current: 5,
      requested: 2,
      upgradeTo: 'professional',
      message:
        'The Free plan allows 5 accounts and this workspace has 5: the 2 new accounts were not added. ' +
        'Upgrade to Professional for up to 50 accounts.',
    });
  });

  it.each<[PlanId, LimitKind, Partial<Usage>, number, string]>([
    [
      'free',
      'users',
      { users: 2 },
      1,
      'The Free plan allows 2 users and this workspace has 2: the new user was not added. Upgrade to Professional for up to 10 users.',
    ],
    [
      'professional',
      'users',
      { users: 10 },
      3,
      'The Professional plan allows 10 users and this workspace has 10: the 3 new users were not added. Upgrade to Enterprise for unlimited users.',
    ],
    [
      'free',
      'storage',
      { storageBytes: 1000 * MB },
      50 * MB,
      'The Free plan allows 1 GB of data and this workspace holds 1000 MB: the 50 MB of new data was not saved. Upgrade to Professional for up to 10 GB of data.',
    ],
    [
      'enterprise',
      'storage',
      { storageBytes: 100 * GB },
      MB,
      'The Enterprise plan allows 100 GB of data and this workspace holds 100 GB: the 1 MB of new data was not saved. Remove data you no longer need to make room.',
    ],
    [
      'free',
      'ai-questions',
      { aiQuestionsThisMonth: 20 },
      1,
      'The Free plan allows 20 AI questions a month and this workspace has asked 20 this month: the question was not answered. Upgrade to Professional for unlimited AI questions. Questions answered on this device are not counted.',
    ],
    [
      'free',
      'accounts',
      { accounts: 5 },
      1,
      'The Free plan allows 5 accounts and this workspace has 5: the new account was not added. Upgrade to Professional for up to 50 accounts.',
    ],
  ])('%s %s message', (plan, kind, used, requested, message) => {
    const result = checkLimit(plan, usage(used), kind, requested);
    expect(result.ok ? null : result.message).toBe(message);
  });

  it('offers the plan that fits the whole request, skipping one too small', () => {
    const result = checkLimit('free', usage({ accounts: 5 }), 'accounts', 60);
    expect(result.ok ? null : [result.upgradeTo, result.message]).toEqual([
      'enterprise',
      'The Free plan allows 5 accounts and this workspace has 5: the 60 new accounts were not added. Upgrade to Enterprise for unlimited accounts.',
    ]);
  });
});

describe('upgradeFor', () => {
  it.each<[PlanId, LimitKind, number, PlanId | null]>([
    ['free', 'accounts', 6, 'professional'],
    ['free', 'accounts', 50, 'professional'],
    ['free', 'accounts', 51, 'enterprise'],
    ['free', 'users', 11, 'enterprise'],
    ['free', 'ai-questions', 21, 'professional'],
    ['free', 'storage', 10 * GB + 1, 'enterprise'],
    ['free', 'storage', 100 * GB + 1, null],
    ['professional', 'users', 11, 'enterprise'],
    ['professional', 'accounts', 1, 'enterprise'],
    ['enterprise', 'storage', 101 * GB, null],
    ['enterprise', 'users', 1, null],
  ])('from %s for %s %s: %s', (plan, kind, needed, expected) => {
    expect(upgradeFor(plan, kind, needed)).toBe(expected);
  });
});

describe('formatBytes', () => {
  it.each<[number, string]>([
    [0, '0 B'],
    [-5, '0 B'],
    [Number.NaN, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [512 * MB, '512 MB'],
    [GB - 1, '1 GB'],
    [GB, '1 GB'],
    [1.25 * GB, '1.3 GB'],
    [10 * GB, '10 GB'],
    [100 * GB, '100 GB'],
    [2048 * GB, '2 TB'],
  ])('%s bytes is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('usageLines', () => {
  it('gives one line per limit, in order, with words beside each bar', () => {
    const lines = usageLines('free', usage({ users: 1, accounts: 5, storageBytes: 512 * MB, aiQuestionsThisMonth: 7 }));
    expect(lines).toEqual([
      { kind: 'users', label: 'Users', used: 1, limit: 2, fraction: 0.5, text: '1 of 2 users' },
      { kind: 'accounts', label: 'Accounts', used: 5, limit: 5, fraction: 1, text: '5 of 5 accounts' },
      { kind: 'storage', label: 'Data', used: 512 * MB, limit: GB, fraction: 0.5, text: '512 MB of 1 GB' },
      {
        kind: 'ai-questions',
        label: 'AI questions this month',
        used: 7,
        limit: 20,
        fraction: 0.35,
        text: '7 of 20 AI questions this month',
      },
    ]);
  });

  it('says "unlimited" with no fraction, and lets an over-limit fraction pass 1', () => {
    const lines = usageLines('enterprise', usage({ users: 1, accounts: 120, storageBytes: 0, aiQuestionsThisMonth: 3 }));
    expect(lines.map((l) => [l.kind, l.fraction, l.text])).toEqual([
      ['users', null, '1 user (unlimited)'],
      ['accounts', null, '120 accounts (unlimited)'],
      ['storage', 0, '0 B of 100 GB'],
      ['ai-questions', null, '3 AI questions this month (unlimited)'],
    ]);
    expect(usageLines('free', usage({ accounts: 12 }))[1]?.fraction).toBe(2.4);
  });
});

describe('isLimitKind', () => {
  it('knows the kinds and nothing else', () => {
    expect(LIMIT_KINDS.every(isLimitKind)).toBe(true);
    expect(isLimitKind('storageBytes')).toBe(false);
    expect(isLimitKind(null)).toBe(false);
  });
});

describe('isLimitExceeded', () => {
  it('accepts what checkLimit refuses with, minus the ok flag, and nothing malformed', () => {
    const result = checkLimit('free', usage({ users: 2 }), 'users', 1);
    if (result.ok) throw new Error('expected a refusal');
    const { ok: _ok, ...details } = result;
    expect(isLimitExceeded(details)).toBe(true);
    expect(isLimitExceeded(result)).toBe(true);
    expect(isLimitExceeded({ ...details, kind: 'seats' })).toBe(false);
    expect(isLimitExceeded({ ...details, message: '' })).toBe(false);
    expect(isLimitExceeded({ ...details, upgradeTo: undefined })).toBe(false);
    expect(isLimitExceeded(null)).toBe(false);
    expect(isLimitExceeded('The Free plan allows 2 users')).toBe(false);
  });
});
