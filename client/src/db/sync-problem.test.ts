import type { LimitExceeded } from '@vitals/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError, offlineError } from '../api/http';
import { pushReporting } from './replication';
import { syncProblem } from './sync-problem';
import { syncStatus } from './sync-status';

const limit: LimitExceeded = {
  kind: 'accounts',
  plan: 'free',
  limit: 25,
  current: 25,
  requested: 3,
  message: 'The Free plan holds up to 25 accounts. Upgrade to Professional to add more.',
  upgradeTo: 'professional',
};

const refusal = (details: unknown = limit, message = 'Over the plan.'): HttpError =>
  new HttpError(402, 'plan-limit', message, details);

/** What RxDB emits on `error$` for a failed push: its own error, the original as plain JSON inside. */
function rxPushError(...errors: { code?: string; message: string }[]): Error {
  return Object.assign(new Error('RxError (RC_PUSH)'), { rxdb: true, code: 'RC_PUSH', parameters: { errors } });
}

describe('syncProblem', () => {
  it.each([
    ['a plan-limit refusal with its details', refusal(), { kind: 'plan-limit', message: limit.message, details: limit }],
    [
      'a plan-limit refusal whose details are not a limit',
      refusal({ something: 'else' }),
      { kind: 'plan-limit', message: 'Over the plan.', details: null },
    ],
    [
      'a plan-limit refusal without any message',
      refusal(null, ''),
      { kind: 'plan-limit', message: 'This workspace has reached a limit of its plan.', details: null },
    ],
    ['no connection', offlineError(), { kind: 'offline' }],
    ['another server error', new HttpError(500, 'internal', 'Something broke.'), { kind: 'error', message: 'Something broke.' }],
    [
      'a 402 of another kind',
      new HttpError(402, 'payment-required', 'Pay first.'),
      { kind: 'error', message: 'Pay first.' },
    ],
    [
      "RxDB's wrapper around a refusal",
      rxPushError({ code: 'plan-limit', message: limit.message }),
      { kind: 'plan-limit', message: limit.message, details: null },
    ],
    ["RxDB's wrapper around no connection", rxPushError({ code: 'offline', message: 'No connection.' }), { kind: 'offline' }],
    [
      "RxDB's wrapper around another error",
      rxPushError({ code: 'http-500', message: 'The server answered 500.' }),
      { kind: 'error', message: 'The server answered 500.' },
    ],
    ['anything else', new Error('Boom'), { kind: 'error', message: 'Boom' }],
    ['a thrown string', 'Boom', { kind: 'error', message: 'Boom' }],
  ])('classifies %s', (_name, error, expected) => {
    expect(syncProblem(error)).toEqual(expected);
  });
});

describe('plan-limit refusals in the sync state', () => {
  afterEach(() => syncStatus.reset());

  it('shows a refusal until a push of that collection goes through', async () => {
    let refuse = true;
    let time = 0;
    const push = pushReporting(
      'accounts',
      async () => {
        if (refuse) throw refusal();
        return [];
      },
      () => time,
    );
    await expect(push([])).rejects.toMatchObject({ code: 'plan-limit' });
    expect(syncStatus.limitRefusal()).toEqual({ kind: 'plan-limit', message: limit.message, details: limit });
    // RxDB's wrapped copy of the same failure is not also shown as a generic sync problem.
    syncStatus.failed(rxPushError({ code: 'plan-limit', message: limit.message }));
    expect(syncStatus.error()).toBeNull();

    refuse = false;
    time += 3_000;
    await expect(push([])).resolves.toEqual([]);
    expect(syncStatus.limitRefusal()).toBeNull();
  });

  it('asks the server again after 3 s, then less and less often while the refusal stands', async () => {
    let sent = 0;
    let time = 0;
    const push = pushReporting(
      'accounts',
      async () => {
        sent += 1;
        throw refusal();
      },
      () => time,
    );
    // RxDB retries every 3 s; over 10 minutes that is 200 tries.
    for (; time <= 600_000; time += 3_000) await push([]).catch(() => undefined);
    // Asked at 0, 3, 9, 21, 45 and 93 s, then every minute (153 … 573 s): 14 requests, not 200.
    expect(sent).toBe(14);
    expect(syncStatus.limitRefusal()).not.toBeNull();
  });

  it('keeps one collection refused while another pushes, and forgets all on reset or stop', () => {
    syncStatus.refused('accounts', { kind: 'plan-limit', message: 'Accounts full.', details: null });
    syncStatus.refused('measurements', { kind: 'plan-limit', message: 'Storage full.', details: null });
    syncStatus.accepted('measurements');
    expect(syncStatus.limitRefusal()?.message).toBe('Accounts full.');
    // A local write that failed is uncounted with `pushed`: that is no sign the server has room.
    syncStatus.wrote('accounts', 'a1');
    syncStatus.pushed('accounts', 'a1');
    expect(syncStatus.limitRefusal()?.message).toBe('Accounts full.');
    syncStatus.clearRefusals();
    expect(syncStatus.limitRefusal()).toBeNull();
    syncStatus.refused('accounts', { kind: 'plan-limit', message: 'Accounts full.', details: null });
    syncStatus.reset();
    expect(syncStatus.limitRefusal()).toBeNull();
  });

  it('leaves other push failures to the generic sync error', async () => {
    const push = pushReporting('accounts', async () => {
      throw new HttpError(500, 'internal', 'Something broke.');
    });
    await expect(push([])).rejects.toMatchObject({ code: 'internal' });
    expect(syncStatus.limitRefusal()).toBeNull();
  });
});
