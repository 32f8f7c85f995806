import Papa from 'papaparse';
import { buildTriggerContext } from '../playbooks/context';
import { describe, expect, it } from 'vitest';
import { type HealthStatus } from '../health/health';
import { accountHealth, portfolioHealth, type AccountHealth, type AccountSeries } from '../health/portfolio';
import { KPI_IDS } from '../kpi/catalog';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { PLAYBOOK_IDS, RUN_STATES, getPlaybook, isOpenRun, type PlaybookId } from '../playbooks/definitions';
import { recommendPlaybooks, type RecommendationAccount } from '../playbooks/recommend';
import {
  DEFAULT_PLAYBOOK_RULES,
  evaluateSuccess,
  evaluateTrigger,
  type SuccessResult,
} from '../playbooks/triggers';
import { daysBetween, firstDayOfMonth, isMonth, month, monthOfDate, previousMonth } from '../time/months';
import { cents, type Cents, type IsoDate, type Month } from '../units';
import {
  SAMPLE_TENANT_STORIES,
  generateSampleTenants,
  generateTenant,
  outcomeKpis,
  sampleSeries,
} from './generate';
import { sampleToLongCsv } from './csv';
import {
  SAMPLE_AS_OF,
  SAMPLE_LATEST_MONTH,
  SAMPLE_MONTHS,
  SAMPLE_SEED,
  type SampleAccount,
  type SamplePlaybookRun,
  type SampleTenant,
} from './model';
import { hashString } from './random';
import type { RunStory, TenantStory } from './story';

const AUG = month('2025-08');
const SEP = SAMPLE_LATEST_MONTH;

/** The shipped sample plus two other seeds: the stories must not depend on the noise. */
const SEEDS = [SAMPLE_SEED, 1, 987_654_321];

interface Checked {
  readonly tenant: SampleTenant;
  readonly health: AccountHealth[];
  /** ARR in cents per account id per month (absent when not recorded). */
  readonly arr: Map<string, Map<Month, number>>;
  /** What the playbook triggers see of each account in 2025-09, in account order. */
  readonly contexts: RecommendationAccount[];
}

/**
 * An account as the playbooks module sees it in 2025-09 (DOMAIN.md "Playbooks"): the latest month's KPI
 * values, the health module's status for every sample month up to it, days from SAMPLE_AS_OF to the renewal
 * date, and the churn-risk model over the same health and KPI values.
 */
/** Stored ARR (integer cents) as the money type the playbooks module takes; `null` when not recorded. */
function arrOf(value: number | undefined): Cents | null {
  return value === undefined ? null : cents(value);
}

function triggerContext(account: SampleAccount, series: AccountSeries): RecommendationAccount {
  return {
    ...buildTriggerContext({ series, month: SEP, months: SAMPLE_MONTHS, renewalDate: account.renewalDate }),
    name: account.name,
  };
}

function check(tenant: SampleTenant): Checked {
  const series = sampleSeries(tenant);
  const health = portfolioHealth(series, SEP, DEFAULT_CATALOG).accounts;
  const arr = new Map(tenant.accounts.map((a) => [a.id, new Map<Month, number>()]));
  for (const v of tenant.values) if (v.kpi === 'arr') arr.get(v.accountId)!.set(v.month, v.value);
  // sampleSeries and portfolioHealth keep account order.
  const contexts = tenant.accounts.map((a, i) => triggerContext(a, series[i]!));
  return { tenant, health, arr, contexts };
}

/** The playbooks whose default trigger fires on the account in 2025-09, in playbook order. */
function triggeredPlaybooks(c: Checked, accountId: string): PlaybookId[] {
  const context = c.contexts.find((x) => x.accountId === accountId)!;
  return PLAYBOOK_IDS.filter(
    (id) => evaluateTrigger(DEFAULT_PLAYBOOK_RULES[id], context, DEFAULT_CATALOG).fired,
  );
}

/**
 * The default success criterion over a completed run's recorded before/after values. The sample has no
 * renewal event: an account that still pays ARR in the month the run ended has renewed, one at 0 has not.
 */
function success(run: SamplePlaybookRun): SuccessResult {
  const { before, after } = run.outcome!;
  const afterArr = arrOf(after.arr);
  return evaluateSuccess(DEFAULT_PLAYBOOK_RULES[run.playbookId], {
    baseline: before,
    after,
    daysElapsed: daysBetween(run.startedOn, run.endedOn!),
    renewed: afterArr === null ? null : afterArr > 0,
    baselineArr: arrOf(before.arr),
    afterArr,
  });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median absolute deviation. */
function mad(xs: readonly number[]): number {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

/** Robust z-score (Iglewicz–Hoaglin) of `x` against `history`: 0.6745·|x − median| / MAD. */
function robustZ(x: number, history: readonly number[]): number {
  return (0.6745 * Math.abs(x - median(history))) / mad(history);
}

/**
 * Every account's latest-month story: status, score and the playbooks its values trigger. This table is
 * the sample's contract; the scoring functions compute the left-hand side, so a change to either the
 * data or the scoring shows up here.
 */
const EXPECTED: readonly (readonly [
  tenant: string,
  account: string,
  status: HealthStatus,
  score: number | null,
  playbooks: readonly PlaybookId[],
])[] = [
  ['test-company', 'Northwind Logistics', 'green', 97, ['expansion-timing']],
  ['test-company', 'Bluefin Analytics', 'green', 100, []],
  ['test-company', 'Harborview Health', 'yellow', 91, ['renewal-safeguard']],
  ['test-company', 'Pinecrest Credit Union', 'yellow', 73, ['renewal-safeguard']],
  ['test-company', 'Copperline Manufacturing', 'red', 42, ['voc-sprint', 'sla-stabilizer']],
  ['test-company', 'Lumen Learning Co', 'red', 47, ['activation-blitz', 'renewal-safeguard']],
  ['test-company', 'Sagebrush Outfitters', 'unknown', null, []],
  ['test-company', 'Granite Peak Software', 'green', 94, []],
  ['test-company', 'Meridian Freight', 'yellow', 59, ['voc-sprint']],
  ['test-company', 'Oakridge Dental Group', 'yellow', 70, []],
  ['test-company', 'Vantage Media', 'green', 100, []],
  ['test-company', 'Riverstone Insurance', 'yellow', 56, ['activation-blitz', 'renewal-safeguard']],
  ['acme', 'Atlas Aerospace', 'green', 98, ['expansion-timing']],
  ['acme', 'Brightwave Telecom', 'yellow', 91, ['sla-stabilizer']],
  ['acme', 'Cobalt Robotics', 'red', 21, ['voc-sprint', 'activation-blitz', 'renewal-safeguard']],
  ['acme', 'Driftwood Hotels', 'unknown', null, []],
  ['acme', 'Evergreen Utilities', 'green', 97, []],
  ['acme', 'Falcon Payments', 'red', 48, ['voc-sprint', 'renewal-safeguard']],
  ['acme', 'Gridline Energy', 'yellow', 55, []],
  ['acme', 'Helios Solar', 'green', 92, []],
  ['acme', 'Ironclad Security', 'yellow', 65, ['sla-stabilizer']],
  ['acme', 'Juniper Schools', 'unknown', null, []],
  ['acme', 'Kestrel Biotech', 'green', 97, ['expansion-timing']],
  ['acme', 'Lighthouse Retail', 'red', 20, ['voc-sprint', 'activation-blitz']],
  ['acme', 'Mosaic Media Group', 'yellow', 59, ['voc-sprint']],
  ['acme', 'Nimbus Cloudworks', 'green', 100, ['expansion-timing']],
  ['acme', 'Orchid Pharmaceuticals', 'yellow', 61, ['renewal-safeguard']],
  ['acme', 'Pioneer Freightways', 'yellow', 61, ['voc-sprint']],
  ['acme', 'Quartz Analytics', 'green', 98, []],
  ['acme', 'Redwood Legal', 'green', 82, []],
  ['acme', 'Summit Outdoor Co', 'red', 18, ['voc-sprint', 'activation-blitz', 'renewal-safeguard']],
  ['acme', 'Tidewater Shipping', 'yellow', 61, []],
  ['acme', 'Umbra Gaming', 'red', 14, ['voc-sprint', 'activation-blitz', 'sla-stabilizer']],
  ['acme', 'Vertex Construction', 'green', 97, ['expansion-timing']],
  ['acme', 'Willow Senior Living', 'yellow', 62, ['activation-blitz']],
];

const shipped = generateSampleTenants();

describe('determinism', () => {
  it('generates the same tenants, byte for byte, from the same seed', () => {
    expect(generateSampleTenants(SAMPLE_SEED)).toEqual(shipped);
    expect(JSON.stringify(generateSampleTenants())).toBe(JSON.stringify(shipped));
  });

  it('varies the noise, not the shape, with another seed', () => {
    const other = generateSampleTenants(1);
    expect(other.map((t) => t.values.length)).toEqual(shipped.map((t) => t.values.length));
    expect(other.map((t) => t.values.map((v) => v.value))).not.toEqual(
      shipped.map((t) => t.values.map((v) => v.value)),
    );
  });

  it('matches the pinned fingerprint (a change here is a change to the shipped sample)', () => {
    const fingerprint = shipped.map((t) => ({
      slug: t.slug,
      values: t.values.length,
      arrCentsSep: t.values
        .filter((v) => v.kpi === 'arr' && v.month === SEP)
        .reduce((s, v) => s + v.value, 0),
      npsSum: t.values.filter((v) => v.kpi === 'nps').reduce((s, v) => s + v.value, 0),
      runs: t.runs.length,
      csvHash: hashString(sampleToLongCsv(t)).toString(16),
    }));
    expect(fingerprint).toEqual(PINNED_FINGERPRINT);
  });
});

describe('shape', () => {
  it('has Test Company with 12 accounts and ACME with 23, over 7 months', () => {
    expect(shipped.map((t) => [t.slug, t.name, t.accounts.length])).toEqual([
      ['test-company', 'Test Company', 12],
      ['acme', 'ACME', 23],
    ]);
    expect(SAMPLE_MONTHS).toEqual([
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
    ]);
    for (const t of shipped) expect(new Set(t.values.map((v) => v.month))).toEqual(new Set(SAMPLE_MONTHS));
  });

  it('records every catalog KPI in each tenant', () => {
    for (const t of shipped) expect(new Set(t.values.map((v) => v.kpi))).toEqual(new Set(KPI_IDS));
  });

  it('seeds the five demo users who can sign in, and owners that exist', () => {
    const logins = shipped.flatMap((t) => t.users.filter((u) => u.login).map((u) => u.email));
    expect(logins.sort()).toEqual([
      'csm@acme.example',
      'csm@testcompany.example',
      'manager@acme.example',
      'owner@acme.example',
      'owner@testcompany.example',
    ]);
    for (const t of shipped) {
      const userIds = new Set(t.users.map((u) => u.id));
      for (const a of t.accounts) expect(userIds, a.name).toContain(a.ownerId);
      // Every CSM owns something, so per-CSM figures are never empty.
      for (const u of t.users.filter((u) => u.role === 'csm'))
        expect(
          t.accounts.some((a) => a.ownerId === u.id),
          u.email,
        ).toBe(true);
    }
  });

  it('uses stable, unique ids and one value per account, month and KPI', () => {
    expect(shipped[1]!.accounts[0]!.id).toBe('acc-acme-01');
    expect(shipped[0]!.accounts[11]!.id).toBe('acc-test-company-12');
    const ids = shipped.flatMap((t) => [...t.users, ...t.accounts, ...t.runs].map((x) => x.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of shipped) {
      const cells = t.values.map((v) => `${v.accountId}|${v.month}|${v.kpi}`);
      expect(new Set(cells).size).toBe(cells.length);
      const accountIds = new Set(t.accounts.map((a) => a.id));
      for (const v of t.values) expect(accountIds.has(v.accountId)).toBe(true);
    }
  });

  it('has renewals soon and far, and all three segments in each tenant', () => {
    for (const t of shipped) {
      const days = t.accounts.map((a) => daysBetween(SAMPLE_AS_OF, a.renewalDate));
      expect(
        days.some((d) => d >= 0 && d <= 120),
        t.slug,
      ).toBe(true);
      expect(
        days.some((d) => d > 180),
        t.slug,
      ).toBe(true);
      expect(new Set(t.accounts.map((a) => a.segment))).toEqual(new Set(['Enterprise', 'Mid-Market', 'SMB']));
    }
  });
});

describe('stories as written', () => {
  it('use only real months of the sample period (a typo like "2025-3" would silently match nothing)', () => {
    for (const tenant of SAMPLE_TENANT_STORIES) {
      for (const a of tenant.accounts) {
        const months = [
          ...a.arr.map(([m]) => m),
          ...(a.since === undefined ? [] : [a.since]),
          ...(a.churnedIn === undefined ? [] : [a.churnedIn]),
          ...Object.values(a.missing ?? {}).flatMap((ms) => (ms === 'all' ? [] : ms)),
          ...Object.keys(a.partial ?? {}),
          ...(a.spikes ?? []).map((s) => s.month),
        ];
        for (const m of months) expect(SAMPLE_MONTHS, `${a.name}: ${m}`).toContain(m);
        // At most one keyframe per month: more would be skipped silently by the interpolation.
        for (const track of Object.values(a.levels)) {
          const keyframes = typeof track === 'number' ? 1 : track.length;
          expect(keyframes >= 1 && keyframes <= SAMPLE_MONTHS.length, a.name).toBe(true);
        }
      }
    }
  });
});

describe('every value is plausible', () => {
  it.each(SEEDS)('seed %i: inside the catalog’s plausible range, ARR in whole cents', (seed) => {
    for (const t of generateSampleTenants(seed)) {
      for (const v of t.values) {
        const { min, max } = DEFAULT_CATALOG.byId[v.kpi].plausible;
        expect(Number.isFinite(v.value), `${v.accountId} ${v.month} ${v.kpi}`).toBe(true);
        expect(v.value >= min && v.value <= max, `${v.accountId} ${v.month} ${v.kpi} = ${v.value}`).toBe(
          true,
        );
        if (v.kpi === 'arr') expect(Number.isSafeInteger(v.value)).toBe(true);
      }
    }
  });
});

describe.each(SEEDS)('stories (seed %i)', (seed) => {
  const checked = generateSampleTenants(seed).map(check);
  const bySlug = new Map(checked.map((c) => [c.tenant.slug, c]));
  const all = checked.flatMap((c) => c.health.map((h) => ({ c, h })));

  it('covers every account in the expectation table', () => {
    const names = checked.flatMap((c) => c.tenant.accounts.map((a) => `${c.tenant.slug}/${a.name}`));
    expect(names).toEqual(EXPECTED.map(([slug, name]) => `${slug}/${name}`));
  });

  it.each(EXPECTED)(
    '%s / %s is %s (%s) in 2025-09 and triggers %j',
    (slug, name, status, score, playbooks) => {
      const c = bySlug.get(slug)!;
      const account = c.tenant.accounts.find((a) => a.name === name)!;
      const health = c.health.find((h) => h.accountId === account.id)!;
      expect({ status: health.status, score: health.score }).toEqual({ status, score });
      expect(triggeredPlaybooks(c, account.id)).toEqual(playbooks);
    },
  );

  it('shows green, yellow and red in each tenant, and unknown somewhere', () => {
    for (const c of checked) {
      const statuses = new Set(c.health.map((h) => h.status));
      expect([...statuses].filter((s) => s !== 'unknown').sort(), c.tenant.slug).toEqual([
        'green',
        'red',
        'yellow',
      ]);
    }
    expect(all.some(({ h }) => h.status === 'unknown')).toBe(true);
  });

  it('has an account that is unknown for insufficient data (some values, under half the weight), not churn', () => {
    const sparse = all.filter(({ h }) => h.status === 'unknown' && h.coverage > 0 && h.coverage < 0.5);
    expect(sparse.length).toBeGreaterThan(0);
    for (const { c, h } of sparse) expect(c.arr.get(h.accountId)!.get(SEP)).toBeGreaterThan(0);
  });

  it('has a green score held at yellow by the critical rule', () => {
    const critical = all.filter(({ h }) => h.critical);
    expect(critical.length).toBeGreaterThan(0);
    for (const { h } of critical) {
      expect(h.score).toBeGreaterThanOrEqual(75);
      expect(h.status).toBe('yellow');
      expect(h.drivers.some((d) => d.status === 'red' && d.weight === 3)).toBe(true);
    }
  });

  it('has a churn, an expansion and a contraction in each tenant, and a new logo', () => {
    const first = SAMPLE_MONTHS[0]!;
    for (const c of checked) {
      const moves = c.tenant.accounts.map((a) => {
        const arr = c.arr.get(a.id)!;
        return { start: arr.get(first) ?? 0, end: arr.get(SEP) ?? 0 };
      });
      const counted = moves.filter((m) => m.start > 0);
      expect(counted.filter((m) => m.end === 0).length, `${c.tenant.slug} churn`).toBeGreaterThan(0);
      expect(counted.filter((m) => m.end > m.start).length, `${c.tenant.slug} expansion`).toBeGreaterThan(0);
      expect(
        counted.filter((m) => m.end > 0 && m.end < m.start).length,
        `${c.tenant.slug} contraction`,
      ).toBeGreaterThan(0);
    }
    const newLogos = checked.flatMap((c) => c.tenant.accounts.filter((a) => !c.arr.get(a.id)!.has(first)));
    expect(newLogos.map((a) => a.name)).toEqual(['Juniper Schools']);
  });

  it('keeps a churned account at ARR 0 with no other values after it leaves', () => {
    for (const c of checked) {
      for (const a of c.tenant.accounts) {
        const arr = c.arr.get(a.id)!;
        const churnedIn = SAMPLE_MONTHS.find((m) => arr.get(m) === 0);
        if (!churnedIn) continue;
        const after = c.tenant.values.filter((v) => v.accountId === a.id && v.month >= churnedIn);
        expect(
          after.every((v) => v.kpi === 'arr' && v.value === 0),
          a.name,
        ).toBe(true);
      }
    }
  });

  it('lets churn risk decide no trigger (it is not noise-proof): the same playbooks fire without it', () => {
    for (const c of checked) {
      for (const context of c.contexts) {
        const withoutRisk = { ...context, churnRisk: null };
        const fired = PLAYBOOK_IDS.filter(
          (id) => evaluateTrigger(DEFAULT_PLAYBOOK_RULES[id], withoutRisk, DEFAULT_CATALOG).fired,
        );
        expect(fired, context.name).toEqual(triggeredPlaybooks(c, context.accountId));
      }
    }
  });

  it('triggers every playbook in each tenant', () => {
    for (const c of checked) {
      const triggered = new Set(c.tenant.accounts.flatMap((a) => triggeredPlaybooks(c, a.id)));
      expect([...triggered].sort(), c.tenant.slug).toEqual([...PLAYBOOK_IDS].sort());
    }
  });

  it('never recommends a playbook already open (planned or active) on the account', () => {
    const key = (accountId: string, playbookId: PlaybookId) => `${accountId}|${playbookId}`;
    for (const c of checked) {
      const open = c.tenant.runs
        .filter((r) => isOpenRun(r.status))
        .map((r) => ({ accountId: r.accountId, playbookId: r.playbookId }));
      expect(open.length, c.tenant.slug).toBeGreaterThan(0);
      const openKeys = new Set(open.map((r) => key(r.accountId, r.playbookId)));
      const recommended = (activeRuns: typeof open) =>
        recommendPlaybooks(c.contexts, { activeRuns }).flatMap((list) =>
          list.accounts.map((r) => key(r.accountId, list.playbookId)),
        );
      const all = recommended([]);
      // The open runs' accounts still trigger them, so it is the exclusion, not the data, that keeps them out.
      for (const k of openKeys) expect(all, k).toContain(k);
      expect(recommended(open)).toEqual(all.filter((k) => !openKeys.has(k)));
      // And a recommendation is exactly a fired trigger (the table above) that is not already open.
      const fired = c.tenant.accounts.flatMap((a) => triggeredPlaybooks(c, a.id).map((id) => key(a.id, id)));
      expect(new Set(all)).toEqual(new Set(fired));
    }
  });

  it('has empty cells: a KPI missing in some months, and an incomplete first month', () => {
    const withGaps = checked.flatMap((c) =>
      c.tenant.accounts.filter((a) => {
        const values = c.tenant.values.filter((v) => v.accountId === a.id && v.kpi !== 'arr');
        return KPI_IDS.some((kpi) => {
          const months = values.filter((v) => v.kpi === kpi).length;
          return months > 0 && months < new Set(values.map((v) => v.month)).size;
        });
      }),
    );
    expect(withGaps.length).toBeGreaterThan(0);

    const incompleteFirst = checked.flatMap((c) =>
      c.tenant.accounts.filter((a) => {
        const count = (m: Month) =>
          c.tenant.values.filter((v) => v.accountId === a.id && v.month === m).length;
        const months = SAMPLE_MONTHS.filter((m) => count(m) > 0);
        return months.length > 1 && count(months[0]!) < count(SEP);
      }),
    );
    expect(incompleteFirst.map((a) => a.name)).toEqual(['Vantage Media', 'Juniper Schools']);
  });

  it('has status changes since last month, with up and down arrows', () => {
    const changed = all.filter(
      ({ h }) => h.previousStatus !== 'unknown' && h.status !== 'unknown' && h.previousStatus !== h.status,
    );
    expect(changed.length).toBeGreaterThan(0);
    expect(all.some(({ h }) => h.trend.arrow === 'up' && h.status !== h.previousStatus)).toBe(true);
    expect(all.some(({ h }) => h.trend.arrow === 'down' && h.status !== h.previousStatus)).toBe(true);
    for (const { h } of changed) expect(h.history.some((p) => p.month === AUG)).toBe(true);
  });

  it('has anomalies far from the account’s own history (robust z > 3.5)', () => {
    const cases = [
      ['test-company', 'Copperline Manufacturing', 'first_response_hours', SEP],
      ['acme', 'Nimbus Cloudworks', 'tickets_per_100_users', month('2025-06')],
    ] as const;
    for (const [slug, name, kpi, at] of cases) {
      const c = bySlug.get(slug)!;
      const account = c.tenant.accounts.find((a) => a.name === name)!;
      const series = c.tenant.values.filter((v) => v.accountId === account.id && v.kpi === kpi);
      const spike = series.find((v) => v.month === at)!.value;
      const others = series.filter((v) => v.month !== at).map((v) => v.value);
      expect(robustZ(spike, others), `${name} ${kpi}`).toBeGreaterThan(3.5);
      expect(
        robustZ(
          spike,
          series.map((v) => v.value),
        ),
        `${name} ${kpi}, itself included`,
      ).toBeGreaterThan(3.5);
      // The history around the spike is ordinary noise, not a flat line: with a zero MAD any change is "infinite".
      expect(mad(others), `${name} ${kpi} MAD`).toBeGreaterThan(0);
    }
  });

  it('records completed runs that match the values, with criteria met and not met', () => {
    const runs = checked.flatMap((c) => c.tenant.runs.map((r) => ({ c, r })));
    const completed = runs.filter(({ r }) => r.status === 'completed');
    expect(completed.length).toBeGreaterThanOrEqual(3);
    for (const { c, r } of completed) {
      const outcome = r.outcome!;
      expect(outcome.baselineMonth).toBe(previousMonth(monthOfDate(r.startedOn)));
      expect(outcome.afterMonth).toBe(monthOfDate(r.endedOn!));
      for (const kpi of outcomeKpis(r.playbookId)) {
        const at = (m: Month) =>
          c.tenant.values.find((v) => v.accountId === r.accountId && v.month === m && v.kpi === kpi)?.value;
        expect(outcome.before[kpi], `${r.id} before ${kpi}`).toBe(at(outcome.baselineMonth));
        expect(outcome.after[kpi], `${r.id} after ${kpi}`).toBe(at(outcome.afterMonth));
        expect(outcome.before[kpi], `${r.id} ${kpi}`).toBeDefined();
      }
      const result = success(r);
      // Every row of the run report's before/after table has both values.
      for (const row of result.beforeAfter) {
        expect([row.before, row.after], `${r.id} ${row.kpi}`).not.toContain(null);
      }
      expect(
        result.measures.every((m) => m.met !== null),
        `${r.id} measurable`,
      ).toBe(true);
      expect(outcome.criterionMet, r.id).toBe(result.met);
      if (r.playbookId === 'renewal-safeguard') {
        // Renewed: the renewal date has rolled forward to the next term.
        const account = c.tenant.accounts.find((a) => a.id === r.accountId)!;
        expect(account.renewalDate > r.endedOn!, `${r.id} renewal date`).toBe(true);
      }
    }
    expect(new Set(completed.map(({ r }) => r.outcome!.criterionMet))).toEqual(new Set([true, false]));
  });
});

describe('playbook runs', () => {
  const runs = shipped.flatMap((t) => t.runs.map((r) => ({ t, r })));
  const inSample = (d: IsoDate) => d >= firstDayOfMonth(SAMPLE_MONTHS[0]!) && d <= SAMPLE_AS_OF;

  it('use the five playbook ids, real accounts and their owners, and dates inside the sample period', () => {
    for (const { t, r } of runs) {
      expect(PLAYBOOK_IDS).toContain(r.playbookId);
      expect(RUN_STATES).toContain(r.status);
      const account = t.accounts.find((a) => a.id === r.accountId);
      expect(account, r.id).toBeDefined();
      expect(r.ownerId).toBe(account!.ownerId);
      expect(inSample(r.startedOn), r.id).toBe(true);
      if (r.endedOn !== null) expect(inSample(r.endedOn) && r.endedOn >= r.startedOn, r.id).toBe(true);
      const definition = getPlaybook(r.playbookId).steps;
      expect(r.steps.length, r.id).toBeLessThanOrEqual(definition.length);
      r.steps.forEach((s, i) => {
        // The Nth checked-off step is the Nth step of the playbook: steps are done in order.
        expect(s.stepId).toBe(definition[i]!.id);
        expect(
          s.checkedOn >= r.startedOn && s.checkedOn <= (r.endedOn ?? SAMPLE_AS_OF),
          `${r.id} ${s.stepId}`,
        ).toBe(true);
        expect(s.checkedBy).toBe(r.ownerId);
      });
    }
  });

  it('has active runs with some steps checked, on accounts that still trigger them, never two open alike', () => {
    const active = runs.filter(({ r }) => r.status === 'active');
    expect(active.length).toBeGreaterThanOrEqual(3);
    for (const { t, r } of active) {
      expect(r.endedOn).toBeNull();
      expect(r.outcome).toBeNull();
      expect(r.steps.length).toBeGreaterThan(0);
      expect(triggeredPlaybooks(check(t), r.accountId), r.id).toContain(r.playbookId);
    }
    const keys = runs.filter(({ r }) => isOpenRun(r.status)).map(({ r }) => `${r.accountId}|${r.playbookId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has an abandoned run without an outcome', () => {
    const abandoned = runs.filter(({ r }) => r.status === 'abandoned');
    expect(abandoned.length).toBeGreaterThan(0);
    for (const { r } of abandoned) expect(r.endedOn !== null && r.outcome === null).toBe(true);
  });
});

describe('generateTenant runs', () => {
  const base = SAMPLE_TENANT_STORIES[0]!;
  const account = base.accounts[0]!.name;
  const withRun = (run: Partial<RunStory>): TenantStory => ({
    ...base,
    runs: [{ playbook: 'voc-sprint', account, started: '2025-09-01', status: 'active', steps: [], ...run }],
  });

  it('maps the Nth checked-off step to the Nth step of the playbook', () => {
    const run = generateTenant(withRun({ steps: [['2025-09-02'], ['2025-09-05', 'Two interviews']] }))
      .runs[0]!;
    expect(run.steps.map((s) => [s.stepId, s.note])).toEqual([
      ['review-feedback', undefined],
      ['interviews', 'Two interviews'],
    ]);
  });

  it('supports a planned run: nothing checked off, no end, no outcome', () => {
    const run = generateTenant(withRun({ status: 'planned', started: '2025-10-06' })).runs[0]!;
    expect(run).toMatchObject({ status: 'planned', endedOn: null, steps: [], outcome: null });
  });

  it.each([
    ['more steps than the playbook has', { steps: Array.from({ length: 7 }, () => ['2025-09-02'] as const) }],
    ['a planned run with steps', { status: 'planned', steps: [['2025-09-02']] }],
    ['an active run with an end date', { ended: '2025-09-20' }],
    ['an active run with an outcome', { met: true }],
    ['a completed run without an end date', { status: 'completed', met: true }],
    ['a completed run without an outcome', { status: 'completed', ended: '2025-09-20' }],
  ] as const)('rejects %s', (_, run) => {
    expect(() => generateTenant(withRun(run))).toThrow(RangeError);
  });
});

describe('sampleSeries', () => {
  it('builds one health series per account, ARR in cents, that the scoring accepts', () => {
    for (const t of shipped) {
      const series = sampleSeries(t);
      expect(series.map((s) => s.accountId)).toEqual(t.accounts.map((a) => a.id));
      for (const s of series) for (const m of s.months.keys()) expect(isMonth(m)).toBe(true);
      // Same answer per account as the whole portfolio gives.
      const first = series[0]!;
      expect(accountHealth(first, SEP, DEFAULT_CATALOG).score).toBe(
        portfolioHealth(series, SEP, DEFAULT_CATALOG).accounts[0]!.score,
      );
    }
    const northwind = sampleSeries(shipped[0]!)[0]!;
    expect(northwind.months.get(SEP)!.arr).toBe(42_000_000);
  });
});

describe('sampleToLongCsv', () => {
  it('renders the long layout, by account name, ARR in currency units, and parses back to the values', () => {
    for (const t of shipped) {
      const csv = sampleToLongCsv(t);
      expect(csv.startsWith('account,kpi,month,value\n')).toBe(true);
      expect(csv.endsWith('\n')).toBe(true);
      const parsed = Papa.parse<Record<string, string>>(csv.trimEnd(), { header: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data.length).toBe(t.values.length);
      const ids = new Map(t.accounts.map((a) => [a.name, a.id]));
      const back = parsed.data.map((row) => ({
        accountId: ids.get(row.account!),
        month: row.month,
        kpi: row.kpi,
        value: row.kpi === 'arr' ? Math.round(Number(row.value) * 100) : Number(row.value),
      }));
      expect(back).toEqual(t.values);
    }
    expect(sampleToLongCsv(shipped[0]!)).toContain('\nNorthwind Logistics,arr,2025-09,420000\n');
  });
});

/** Pinned from the shipped seed. Update deliberately, with the reason in the commit. */
const PINNED_FINGERPRINT = [
  {
    slug: 'test-company',
    values: 1457,
    arrCentsSep: 205_100_000,
    npsSum: 1887,
    runs: 6,
    csvHash: '4721e863',
  },
  { slug: 'acme', values: 2733, arrCentsSep: 543_100_000, npsSum: 2202, runs: 9, csvHash: '88b2f92c' },
];
