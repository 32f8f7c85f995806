import { describe, expect, it } from 'vitest';
import { getPlaybook } from '../playbooks/definitions';
import type { TriggerEvidence } from '../playbooks/triggers';
import { COLLECTIONS } from '../schemas/collections';
import { measurementId } from '../schemas/measurements';
import { formatHlc } from '../sync/hlc';
import type { CollectionName } from '../sync/protocol';
import { snapshotValues } from '../import/snapshot';
import { SEED_NODE_ID, evidenceText, sampleDocuments, type SampleDocumentsOptions } from './documents';
import { generateSampleTenants } from './generate';
import { isoDate, month } from '../time/months';
import type { Month } from '../units';
import type { SamplePlaybookRun, SampleTenant, SampleValue } from './model';

const SEEDED_AT = '2025-10-01T08:00:00.000Z';
const SEED_HLC = formatHlc({ wallMs: Date.parse(SEEDED_AT), counter: 0, nodeId: SEED_NODE_ID });
/** Stands in for the SHA-256 the server computes over `sampleToLongCsv(tenant)`. */
const FILE_HASH = '0123456789abcdef'.repeat(4);

/** What the server passes: database ids for the people who can sign in, a counter for the rest. */
function optionsFor(tenant: SampleTenant): SampleDocumentsOptions {
  let next = 0;
  return {
    userIds: new Map(tenant.users.filter((u) => u.login).map((u) => [u.id, `db-${u.id}`])),
    newId: () => `gen-${tenant.slug}-${++next}`,
    seededAt: SEEDED_AT,
    fileHash: FILE_HASH,
  };
}

const tenants = generateSampleTenants();
const cases = tenants.map((tenant) => ({
  name: tenant.name,
  tenant,
  docs: sampleDocuments(tenant, optionsFor(tenant)),
}));

describe.each(cases)('sampleDocuments($name)', ({ tenant, docs }) => {
  const memberIds = new Set(docs.members.map((m) => m.id));
  const version = docs.versions[0]!;
  const cellsOf = (accountId: string) => tenant.values.filter((v) => v.accountId === accountId);

  it('gives only documents their collection accepts', () => {
    for (const [name, list] of Object.entries(docs) as [CollectionName, unknown[]][]) {
      for (const doc of list) {
        const result = COLLECTIONS[name].validate(doc);
        // The first issue names the field, which says more than a diff of the whole document.
        expect(
          result.ok ? null : { name, id: (doc as { id: string }).id, issue: result.issues[0] },
        ).toBeNull();
      }
    }
  });

  it('gives ids unique within each collection', () => {
    for (const list of Object.values(docs) as { id: string }[][]) {
      expect(new Set(list.map((d) => d.id)).size).toBe(list.length);
    }
  });

  it('has a member per person: database ids for logins, generated ids for the others', () => {
    expect(docs.members.map((m) => [m.name, m.email, m.role])).toEqual(
      tenant.users.map((u) => [u.name, u.email, u.role]),
    );
    tenant.users.forEach((u, i) => {
      const id = docs.members[i]!.id;
      if (u.login) expect(id).toBe(`db-${u.id}`);
      else expect(id).toMatch(new RegExp(`^gen-${tenant.slug}-\\d+$`));
    });
    const owner = docs.members.find((m) => m.role === 'owner')!;
    expect(owner.managerId).toBeNull();
    for (const m of docs.members) if (m !== owner) expect(memberIds.has(m.managerId!)).toBe(true);
  });

  it('refers only to members wherever it names a user', () => {
    const named = [
      ...docs.accounts.map((a) => a.ownerId),
      version.createdBy,
      ...docs.playbook_runs.flatMap((r) => [
        ...Object.values(r.raci).flatMap((a) => (a?.kind === 'user' ? [a.userId] : [])),
        ...r.steps.flatMap((s) => (s.doneBy === null ? [] : [s.doneBy])),
      ]),
    ];
    expect(named.length).toBeGreaterThan(docs.accounts.length);
    for (const id of named) expect(memberIds.has(id!)).toBe(true);
  });

  it('keeps each account with its owner and a clock on every field', () => {
    const byId = new Map(tenant.users.map((u, i) => [u.id, docs.members[i]!.id]));
    expect(docs.accounts.map((a) => [a.id, a.name, a.segment, a.ownerId, a.renewalDate])).toEqual(
      tenant.accounts.map((a) => [a.id, a.name, a.segment, byId.get(a.ownerId), a.renewalDate]),
    );
    for (const a of docs.accounts) {
      expect(a.createdAt).toBe(SEEDED_AT);
      expect(a.clocks).toEqual({
        name: SEED_HLC,
        segment: SEED_HLC,
        ownerId: SEED_HLC,
        renewalDate: SEED_HLC,
      });
    }
  });

  it('records one import version with the file and its counts', () => {
    expect(docs.versions).toHaveLength(1);
    expect(version).toMatchObject({
      fileName: `sample-${tenant.slug}.csv`,
      fileHash: FILE_HASH,
      layout: 'long',
      createdBy: docs.members.find((m) => m.role === 'owner')!.id,
      createdAt: SEEDED_AT,
      counts: {
        accounts: tenant.accounts.length,
        newAccounts: tenant.accounts.length,
        values: tenant.values.length,
        changed: 0,
        unchanged: 0,
      },
      restoredFrom: null,
    });
  });

  it('keeps a snapshot of every value in the version, so "restore the sample data" works', () => {
    const key = (v: SampleValue) => `${v.accountId} ${v.month} ${v.kpi} ${v.value}`;
    expect(version.snapshot).not.toBeNull();
    expect(snapshotValues(version.snapshot!).map(key).sort()).toEqual(tenant.values.map(key).sort());
  });

  it('has one measurement per account and month with data, holding every value (ARR in cents)', () => {
    const cells = new Set(tenant.values.map((v) => measurementId(v.accountId, v.month)));
    expect(docs.measurements).toHaveLength(cells.size);
    const monthsWithData = tenant.accounts.reduce(
      (sum, a) => sum + new Set(cellsOf(a.id).map((v) => v.month)).size,
      0,
    );
    expect(docs.measurements).toHaveLength(monthsWithData);
    const stored = docs.measurements.flatMap((m) =>
      Object.entries(m.values).map(([kpi, cell]) => ({ accountId: m.accountId, month: m.month, kpi, cell })),
    );
    expect(
      stored.map(({ accountId, month, kpi, cell }) => ({ accountId, month, kpi, value: cell.value })),
    ).toEqual(tenant.values);
    for (const { cell } of stored) {
      expect(cell).toEqual({
        value: cell.value,
        source: { kind: 'upload', versionId: version.id },
        hlc: SEED_HLC,
      });
    }
    expect(docs.measurements.every((m) => m.history.length === 0)).toBe(true);
  });

  it('lists every step of the playbook in order, done as far as the sample checked it off', () => {
    tenant.runs.forEach((run, i) => {
      const doc = docs.playbook_runs[i]!;
      expect([doc.id, doc.accountId, doc.playbookId, doc.state]).toEqual([
        run.id,
        run.accountId,
        run.playbookId,
        run.status,
      ]);
      expect(doc.steps.map((s) => [s.stepId, s.position])).toEqual(
        getPlaybook(run.playbookId).steps.map((s, position) => [s.id, position]),
      );
      expect(doc.steps.filter((s) => s.done).map((s) => [s.stepId, s.doneAt, s.note])).toEqual(
        run.steps.map((s) => [s.stepId, `${s.checkedOn}T12:00:00.000Z`, s.note ?? null]),
      );
      expect(doc.raci.csm).toEqual({
        kind: 'user',
        userId: docs.accounts.find((a) => a.id === run.accountId)!.ownerId,
      });
      expect(doc.startedAt).toBe(run.status === 'planned' ? null : `${run.startedOn}T12:00:00.000Z`);
      expect(doc.completedAt).toBe(run.endedOn === null ? null : `${run.endedOn}T12:00:00.000Z`);
    });
  });

  it('gives every run the evidence behind it', () => {
    for (const doc of docs.playbook_runs) expect(doc.trigger.evidence.length, doc.id).toBeGreaterThan(0);
    // Every shipped run answers conditions that had crossed their thresholds (readings are the fallback).
    const compared = docs.playbook_runs.filter((r) => r.trigger.evidence.every((e) => e.comparator !== null));
    expect(compared.length).toBe(docs.playbook_runs.length);
  });

  it('records the outcome of a completed run as the sample has it', () => {
    const completed = tenant.runs.filter((r) => r.status === 'completed');
    expect(completed.length).toBeGreaterThan(0);
    for (const run of tenant.runs) {
      const doc = docs.playbook_runs.find((r) => r.id === run.id)!;
      if (run.outcome === null) {
        expect(doc.outcome).toBeNull();
        continue;
      }
      expect(doc.outcome).toEqual({
        criterionMet: run.outcome.criterionMet,
        before: run.outcome.before,
        after: run.outcome.after,
        measuredAt: `${run.endedOn}T12:00:00.000Z`,
      });
      expect(doc.baseline?.month).toBe(run.outcome.baselineMonth);
      // The baseline is the whole month's snapshot; the outcome's before values are part of it.
      expect(doc.baseline?.values).toMatchObject(run.outcome.before);
    }
  });

  it('is deterministic', () => {
    expect(sampleDocuments(tenant, optionsFor(tenant))).toEqual(docs);
  });
});

describe('sampleDocuments options', () => {
  const tenant = tenants.find((t) => t.users.some((u) => !u.login))!;

  it.each([
    ['a person who can sign in has no database id', { userIds: new Map<string, string>() }],
    ['the file hash is not a SHA-256 hex digest', { fileHash: 'A'.repeat(64) }],
    ['seededAt is not a timestamp', { seededAt: 'yesterday' }],
  ])('refuses when %s', (_, change) => {
    expect(() => sampleDocuments(tenant, { ...optionsFor(tenant), ...change })).toThrow(RangeError);
  });

  it('uses a given database id for a person without a login instead of generating one', () => {
    const person = tenant.users.find((u) => !u.login)!;
    const options = optionsFor(tenant);
    const userIds = new Map([...options.userIds, [person.id, 'db-extra']]);
    const docs = sampleDocuments(tenant, { ...options, userIds });
    expect(docs.members.map((m) => m.id)).toContain('db-extra');
  });

  it('stamps with the seed clock at seededAt, whatever the timestamp spelling', () => {
    const docs = sampleDocuments(tenant, { ...optionsFor(tenant), seededAt: '2025-10-01T08:00:00Z' });
    expect(docs.accounts[0]!.createdAt).toBe(SEEDED_AT);
    expect(docs.playbook_runs[0]!.clocks.state).toBe(SEED_HLC);
  });
});

describe('sampleDocuments runs', () => {
  /** One account with calm support KPIs in August and, optionally, a support crisis in September. */
  const tenantWith = (run: Partial<SamplePlaybookRun>, crisis: boolean): SampleTenant => {
    const support = (m: Month, breach: number): SampleValue[] => [
      { accountId: 'acc-1', month: m, kpi: 'sla_breach_rate', value: breach },
      { accountId: 'acc-1', month: m, kpi: 'escalations', value: 0 },
      { accountId: 'acc-1', month: m, kpi: 'arr', value: 1_000_000 },
    ];
    return {
      slug: 'tiny',
      name: 'Tiny',
      users: [{ id: 'usr-tiny-owner', email: 'owner@tiny.example', name: 'Olu', role: 'owner', login: true }],
      accounts: [
        {
          id: 'acc-1',
          name: 'One',
          segment: 'SMB',
          ownerId: 'usr-tiny-owner',
          renewalDate: isoDate('2026-06-30'),
        },
      ],
      values: [...support(month('2025-08'), 2), ...support(month('2025-09'), crisis ? 25 : 3)],
      runs: [
        {
          id: 'run-tiny-01',
          playbookId: 'sla-stabilizer',
          accountId: 'acc-1',
          ownerId: 'usr-tiny-owner',
          status: 'active',
          startedOn: isoDate('2025-09-10'),
          endedOn: null,
          steps: [],
          outcome: null,
          ...run,
        },
      ],
    };
  };
  const runOf = (tenant: SampleTenant) => sampleDocuments(tenant, optionsFor(tenant)).playbook_runs[0]!;

  it('takes the evidence from the month the run started in when the trigger fired only then', () => {
    const doc = runOf(tenantWith({}, true));
    expect(doc.trigger).toEqual({
      month: '2025-09',
      evidence: [
        {
          metric: 'sla_breach_rate',
          value: 25,
          comparator: '>',
          threshold: 10,
          text: 'SLA breach rate 25% is above 10%',
        },
      ],
    });
    expect(doc.baseline).toEqual({
      month: '2025-08',
      values: { sla_breach_rate: 2, escalations: 0, arr: 1_000_000 },
    });
  });

  it('shows the trigger KPIs as they stood for a run started before its trigger fired', () => {
    const doc = runOf(tenantWith({}, false));
    expect(doc.trigger.month).toBe('2025-08');
    expect(doc.trigger.evidence.map((e) => [e.metric, e.value, e.comparator, e.threshold])).toEqual([
      ['sla_breach_rate', 2, null, null],
      ['escalations', 0, null, null],
    ]);
  });

  it('gives a planned run no baseline and no start, judged on the latest month', () => {
    const doc = runOf(tenantWith({ status: 'planned', startedOn: isoDate('2025-11-03') }, true));
    expect(doc).toMatchObject({ state: 'planned', baseline: null, startedAt: null, createdAt: SEEDED_AT });
    expect(doc.trigger.month).toBe('2025-09');
    expect(doc.steps.every((s) => !s.done)).toBe(true);
    expect(COLLECTIONS.playbook_runs.validate(doc).ok).toBe(true);
  });
});

describe('evidenceText', () => {
  const evidence = (
    feature: TriggerEvidence['feature'],
    value: number,
    operator: TriggerEvidence['operator'],
    threshold: number,
  ): TriggerEvidence => ({
    conditionId: feature,
    feature,
    value,
    operator,
    threshold,
    distance: 0,
  });

  it.each([
    [evidence('nps', -12, '<', 0), 'Net Promoter Score \u221212 is below 0'],
    [evidence('license_utilization', 52.2, '<', 60), 'License utilization 52.2% is below 60%'],
    [evidence('first_response_hours', 31.5, '>', 24), 'First response time 31.5 hours is above 24 hours'],
    [evidence('status_points', 50, '<', 100), 'Health status yellow is below green'],
    [evidence('churn_risk', 0.6234, '>=', 0.5), 'Churn risk 62% is at least 50%'],
    [evidence('days_to_renewal', 61, '<=', 120), 'Days to renewal 61 is at most 120'],
  ])('%#: %s', (input, text) => {
    expect(evidenceText(input)).toBe(text);
  });
});
