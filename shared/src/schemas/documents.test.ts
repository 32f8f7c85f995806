import { describe, expect, it } from 'vitest';
import type { CollectionName } from '../sync/protocol';
import { COLLECTIONS } from './collections';
import { FIXTURES } from './fixtures';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test edits of untyped JSON

/** A copy of the collection's fixture with one change: the change is the whole test case. */
function variant(name: CollectionName, change: (doc: Json) => void): unknown {
  const doc = JSON.parse(JSON.stringify(FIXTURES[name])) as Json;
  change(doc);
  return doc;
}

function pathsOf(name: CollectionName, doc: unknown): string[] {
  const result = COLLECTIONS[name].validate(doc);
  return result.ok ? [] : result.issues.map((issue) => issue.path);
}

const cell = { value: 50, source: { kind: 'computed' }, hlc: '001740787200000-000000-devA' };

describe('invalid documents fail with the path of the problem', () => {
  it.each<[CollectionName, string, (doc: Json) => void, string]>([
    [
      'measurements',
      'a month that does not exist',
      (d) => ((d.month = '2025-13'), (d.id = 'acc-1:2025-13')),
      'month',
    ],
    [
      'measurements',
      'a month without its zero',
      (d) => ((d.month = '2025-3'), (d.id = 'acc-1:2025-3')),
      'month',
    ],
    ['measurements', 'an id that is not accountId:month', (d) => (d.id = 'acc-1:2025-04'), 'id'],
    [
      'measurements',
      'a percentage above 100',
      (d) => (d.values.license_utilization.value = 100.5),
      'values.license_utilization.value',
    ],
    [
      'measurements',
      'a negative percentage',
      (d) => (d.values.license_utilization.value = -1),
      'values.license_utilization.value',
    ],
    ['measurements', 'nps below −100', (d) => (d.values.nps.value = -101), 'values.nps.value'],
    ['measurements', 'nrr above 300', (d) => (d.values.nrr.value = 301), 'values.nrr.value'],
    ['measurements', 'negative ARR', (d) => (d.values.arr.value = -5), 'values.arr.value'],
    ['measurements', 'a value as text', (d) => (d.values.arr.value = '1.2M'), 'values.arr.value'],
    ['measurements', 'an unknown KPI', (d) => (d.values.happiness = cell), 'values.happiness'],
    ['measurements', 'a KPI id in another case', (d) => (d.values.NPS = cell), 'values.NPS'],
    [
      'measurements',
      'an upload without its version',
      (d) => delete d.values.license_utilization.source.versionId,
      'values.license_utilization.source.versionId',
    ],
    [
      'measurements',
      'an unknown source',
      (d) => (d.values.nrr.source = { kind: 'guess' }),
      'values.nrr.source.kind',
    ],
    [
      'measurements',
      'a malformed clock',
      (d) => (d.values.nps.hlc = '2025-03-01T00:00:00Z'),
      'values.nps.hlc',
    ],
    ['measurements', 'a history value out of range', (d) => (d.history[0].value = 500), 'history.0.value'],
    [
      'measurements',
      'a history entry replaced by an earlier one',
      (d) => (d.history[0].replacedBy = '000000000000001-000000-devA'),
      'history.0.replacedBy',
    ],
    [
      'measurements',
      'a history entry of an unknown KPI',
      (d) => (d.history[0].kpi = 'happiness'),
      'history.0.kpi',
    ],
    ['accounts', 'a blank name', (d) => (d.name = '   '), 'name'],
    ['accounts', 'a name of 201 characters', (d) => (d.name = 'x'.repeat(201)), 'name'],
    ['accounts', 'an id with a slash', (d) => (d.id = 'acc/1'), 'id'],
    ['accounts', 'an id of 65 characters', (d) => (d.id = 'a'.repeat(65)), 'id'],
    ['accounts', 'a renewal on 30 February', (d) => (d.renewalDate = '2025-02-30'), 'renewalDate'],
    [
      'accounts',
      'a renewal as a timestamp',
      (d) => (d.renewalDate = '2025-12-31T00:00:00.000Z'),
      'renewalDate',
    ],
    ['accounts', 'a local-time timestamp', (d) => (d.createdAt = '2025-03-01T00:00:00+02:00'), 'createdAt'],
    ['accounts', 'a timestamp on 31 April', (d) => (d.createdAt = '2025-04-31T00:00:00.000Z'), 'createdAt'],
    [
      'accounts',
      'a clock for a field without one',
      (d) => (d.clocks.createdAt = d.clocks.name),
      'clocks.createdAt',
    ],
    [
      'accounts',
      'history of a field without a clock',
      (d) =>
        d.history.push({
          field: 'createdAt',
          value: 'x',
          hlc: '001740787100000-000000-devA',
          replacedBy: d.clocks.name,
        }),
      'history.0.field',
    ],
    [
      'accounts',
      'history holding a __proto__ key',
      (d) =>
        d.history.push(
          JSON.parse(
            `{"field":"name","value":{"__proto__":{"x":1}},"hlc":"001740787100000-000000-devA","replacedBy":"${d.clocks.name}"}`,
          ),
        ),
      'history.0.value',
    ],
    ['versions', 'a hash that is not SHA-256 hex', (d) => (d.fileHash = 'A'.repeat(64)), 'fileHash'],
    ['versions', 'a negative count', (d) => (d.counts.values = -1), 'counts.values'],
    ['versions', 'an unknown layout', (d) => (d.layout = 'pivot'), 'layout'],
    ['playbook_runs', 'an unknown playbook', (d) => (d.playbookId = 'win-back'), 'playbookId'],
    ['playbook_runs', 'an unknown state', (d) => (d.state = 'paused'), 'state'],
    [
      'playbook_runs',
      'an unknown RACI role',
      (d) => (d.raci.ceo = { kind: 'name', name: 'Pat' }),
      'raci.ceo',
    ],
    [
      'playbook_runs',
      'an assignee without a user',
      (d) => (d.raci.csm = { kind: 'user' }),
      'raci.csm.userId',
    ],
    ['playbook_runs', 'the same step twice', (d) => d.steps.push({ ...d.steps[0], position: 2 }), 'steps'],
    ['playbook_runs', 'a step without a clock', (d) => delete d.steps[1].hlc, 'steps.1.hlc'],
    [
      'playbook_runs',
      'a baseline value out of range',
      (d) => (d.baseline.values.csat = 120),
      'baseline.values.csat',
    ],
    [
      'playbook_runs',
      'a baseline with an unknown KPI',
      (d) => (d.baseline.values.mood = 3),
      'baseline.values.mood',
    ],
    [
      'playbook_runs',
      'history of an unknown field',
      (d) => (d.history[0].field = 'accountId'),
      'history.0.field',
    ],
    ['conversations', 'template 17', (d) => (d.messages[0].template = 17), 'messages.0.template'],
    ['conversations', 'template 0', (d) => (d.messages[0].template = 0), 'messages.0.template'],
    ['conversations', 'an unknown role', (d) => (d.messages[1].role = 'system'), 'messages.1.role'],
    ['conversations', 'an unknown status', (d) => (d.messages[0].status = 'thinking'), 'messages.0.status'],
    ['conversations', 'the same message twice', (d) => d.messages.push(d.messages[0]), 'messages'],
    [
      'alerts',
      'an acknowledgement without its time',
      (d) => (d.acknowledgedBy = 'user-csm'),
      'acknowledgedAt',
    ],
    ['alerts', 'an unknown severity', (d) => (d.severity = 'urgent'), 'severity'],
    ['alerts', 'no account', (d) => (d.accountId = null), 'accountId'],
    ['settings', 'data that is a list', (d) => (d.data = [1, 2]), 'data'],
    [
      'settings',
      'a __proto__ key deep in data',
      (d) => (d.data = JSON.parse('{"a":{"b":{"__proto__":{"admin":true}}}}')),
      'data',
    ],
    ['settings', 'a constructor key in data', (d) => (d.data = { constructor: { prototype: {} } }), 'data'],
    ['members', 'an unknown role', (d) => (d.role = 'superuser'), 'role'],
    ['members', 'an email without @', (d) => (d.email = 'ana.example'), 'email'],
  ])('%s: %s', (name, _label, change, path) => {
    expect(pathsOf(name, variant(name, change))).toContain(path);
  });

  it('rejects a `__proto__` KPI key (JSON.parse makes it an own key)', () => {
    const doc = JSON.parse(
      JSON.stringify(FIXTURES.measurements).replace(
        '"values":{',
        `"values":{"__proto__":${JSON.stringify(cell)},`,
      ),
    ) as unknown;
    expect(pathsOf('measurements', doc)).toContain('values.__proto__');
  });
});

describe('valid edge cases pass', () => {
  it.each<[CollectionName, string, (doc: Json) => void]>([
    [
      'measurements',
      'percentages at both ends',
      (d) => ((d.values.license_utilization.value = 0), (d.values.csat = { ...cell, value: 100 })),
    ],
    ['measurements', 'nps at −100', (d) => (d.values.nps.value = -100)],
    ['measurements', 'nrr at 300', (d) => (d.values.nrr.value = 300)],
    ['measurements', 'a huge ARR', (d) => (d.values.arr.value = 9_000_000_000)],
    ['measurements', 'no values at all', (d) => ((d.values = {}), (d.history = []))],
    [
      'measurements',
      'a tombstone',
      (d) => ((d._deleted = true), (d.clocks._deleted = '001740787300000-000000-devA')),
    ],
    [
      'measurements',
      'an account id with dashes and underscores',
      (d) => ((d.accountId = 'a_b-c'), (d.id = 'a_b-c:2025-03')),
    ],
    ['accounts', 'no owner and no renewal date', (d) => ((d.ownerId = null), (d.renewalDate = null))],
    ['accounts', 'a renewal on 29 February of a leap year', (d) => (d.renewalDate = '2028-02-29')],
    ['accounts', 'a timestamp without milliseconds', (d) => (d.createdAt = '2025-03-01T10:00:00Z')],
    [
      'playbook_runs',
      'a planned run without baseline',
      (d) => ((d.state = 'planned'), (d.baseline = null), (d.startedAt = null)),
    ],
    [
      'playbook_runs',
      'a completed run with an outcome',
      (d) =>
        (d.outcome = {
          criterionMet: true,
          before: { nps: -12 },
          after: { nps: 4 },
          measuredAt: '2025-05-01T00:00:00.000Z',
        }),
    ],
    [
      'alerts',
      'an acknowledged alert',
      (d) => ((d.acknowledgedBy = 'user-csm'), (d.acknowledgedAt = '2025-03-02T08:00:00.000Z')),
    ],
    [
      'conversations',
      'a queued analytical question',
      (d) => (d.messages = [{ ...d.messages[0], kind: 'analytical', template: null, status: 'queued' }]),
    ],
  ])('%s: %s', (name, _label, change) => {
    expect(pathsOf(name, variant(name, change))).toEqual([]);
  });

  it('accepts every KPI of the catalog in one month', () => {
    const values = Object.fromEntries(
      [
        'license_utilization',
        'dau_mau',
        'feature_adoption',
        'time_to_value_days',
        'sla_breach_rate',
        'first_response_hours',
        'escalations',
        'tickets_per_100_users',
        'nps',
        'csat',
        'survey_response_rate',
        'nrr',
        'payment_delinquency_days',
        'arr',
        'exec_sponsor_meetings',
        'days_since_last_touch',
        'active_stakeholders',
        'qbr_attendance',
      ].map((kpi) => [kpi, cell]),
    );
    expect(
      pathsOf(
        'measurements',
        variant('measurements', (d) => ((d.values = values), (d.history = []))),
      ),
    ).toEqual([]);
  });
});
