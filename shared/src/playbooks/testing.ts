/** Small factories for the playbook tests: clocks, stamps, series and runs as a device would make them. */
import type { AccountSeries } from '../health/portfolio';
import type { KpiValues } from '../kpi/catalog';
import type { PlaybookRunDoc } from '../schemas/playbook-runs';
import { formatHlc } from '../sync/hlc';
import type { Month } from '../units';
import type { PlaybookId } from './definitions';
import { createRun, type RunStamp } from './runs';

const START_MS = Date.parse('2025-09-10T09:00:00.000Z');
const DAY_MS = 86_400_000;

/** A stamp `day` days after 10 Sep 2025, 09:00 UTC, by `userId` on device `node`. */
export function stampAt(day: number, userId = 'user-csm', node = 'phone'): RunStamp {
  const ms = START_MS + day * DAY_MS;
  return { hlc: formatHlc({ wallMs: ms, counter: 0, nodeId: node }), at: new Date(ms).toISOString(), userId };
}

export function seriesOf(accountId: string, months: Readonly<Record<string, KpiValues>>): AccountSeries {
  return { accountId, months: new Map(Object.entries(months).map(([m, v]) => [m as Month, v])) };
}

export const ACCOUNT = { id: 'acc-1', name: 'Northwind', ownerId: 'user-csm' } as const;
export const MEMBERS = [
  { id: 'user-csm', name: 'Ana Souza', managerId: 'user-manager' },
  { id: 'user-manager', name: 'Ben Ito', managerId: null },
] as const;

/** A run started on day 0 with an NPS/CSAT baseline, as "Start run" on a recommendation makes it. */
export function startedRun(
  playbookId: PlaybookId = 'voc-sprint',
  values: KpiValues = { nps: -12, csat: 65 },
): PlaybookRunDoc {
  const result = createRun({
    id: 'run-1',
    playbookId,
    account: ACCOUNT,
    members: MEMBERS,
    trigger: { month: '2025-08' as Month, evidence: [] },
    baseline: { month: '2025-08' as Month, values },
    runs: [],
    start: true,
    stamp: stampAt(0),
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.run;
}
