import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../kpi/overrides';
import { sampleAssistantCases } from '../testing';
import type { AssistantAccount, AssistantData } from '../types';
import { analyze } from './analyze';

const acme = sampleAssistantCases().find((c) => c.tenant.slug === 'acme')!.data;
const idOf = (name: string): string => acme.accounts.find((a) => a.name === name)!.id;
const memberId = (name: string): string => acme.members.find((m) => m.name === name)!.id;

function tenantOf(names: readonly string[]): AssistantData {
  const accounts: AssistantAccount[] = names.map((name, i) => ({ id: `a${i}`, name, segment: 'SMB', ownerId: null, renewalDate: null, _deleted: false }));
  return { accounts, series: [], catalog: DEFAULT_CATALOG, members: [], runs: [], today: '2025-09-30' as never };
}

describe('analyze: accounts', () => {
  it.each([
    ['How is Kestrel Biotech doing?', 'Kestrel Biotech'],
    ['how is kestrel doing', 'Kestrel Biotech'],
    ['how is kestrl biotec doing', 'Kestrel Biotech'],
    ["Cobalt Robotics' NPS", 'Cobalt Robotics'],
    ['COBALT-ROBOTICS status', 'Cobalt Robotics'],
    ['Summit Outdoor status', 'Summit Outdoor Co'],
    ['helios solr', 'Helios Solar'],
    ['nimbus cloudwork', 'Nimbus Cloudworks'],
  ])('"%s" names %s', (question, name) => {
    const a = analyze(question, acme);
    expect(a.accounts).toEqual([idOf(name)]);
    expect(a.unknown).toEqual([]);
  });

  it('keeps accounts in the order named, each once', () => {
    expect(analyze('compare Cobalt, Atlas and cobalt robotics', acme).accounts).toEqual([idOf('Cobalt Robotics'), idOf('Atlas Aerospace')]);
  });

  it('needs the full name when a first word is shared, and never guesses between two accounts', () => {
    const data = tenantOf(['Granite Peak Software', 'Granite Hotels']);
    expect(analyze('how is granite doing', data).accounts).toEqual([]);
    expect(analyze('how is granite doing', data).unknown).toEqual(['granite']);
    expect(analyze('how is granite hotels doing', data).accounts).toEqual(['a1']);
  });

  it('lets an exact account name win over another account\'s first word', () => {
    const data = tenantOf(['Atlas', 'Atlas Aerospace']);
    expect(analyze('how is atlas doing', data).accounts).toEqual(['a0']);
  });

  it('leaves a name that is no account as an unknown word', () => {
    const a = analyze('How is Zephyr Dynamics doing?', acme);
    expect(a.accounts).toEqual([]);
    expect(a.unknown).toEqual(['zephyr', 'dynamics']);
  });
});

describe('analyze: KPIs, people, segments, playbooks, statuses', () => {
  it.each([
    ['top 5 by NPS', 'nps'],
    ['top 5 by nsp', 'nps'],
    ['lowest utilisation', 'license_utilization'],
    ['most tickets', 'tickets_per_100_users'],
    ['biggest ARR', 'arr'],
    ['average DAU/MAU', 'dau_mau'],
    ['escalatons by segment', 'escalations'],
    ['health score trend', 'score'],
  ])('"%s" measures %s', (question, measure) => {
    expect(analyze(question, acme).measures).toEqual([measure]);
  });

  it('reads CSMs by full or first name, and segments with their usual spellings', () => {
    expect(analyze("Priya's red accounts", acme).members).toEqual([memberId('Priya Raman')]);
    expect(analyze('accounts owned by diego alvarez', acme).members).toEqual([memberId('Diego Alvarez')]);
    expect(analyze('midmarket accounts', acme).segments).toEqual(['Mid-Market']);
    expect(analyze('small business accounts', acme).segments).toEqual(['SMB']);
  });

  it('reads playbooks by name, and "renewal" inside "Renewal Safeguard" is not a word of its own', () => {
    const a = analyze('who needs a renewal safeguard?', acme);
    expect(a.playbooks).toEqual(['renewal-safeguard']);
    expect(a.free.has('renewal')).toBe(false);
  });

  it('reads statuses, "at risk" being red and yellow', () => {
    expect(analyze('which accounts are at risk', acme).statuses).toEqual([['red', 'yellow']]);
    expect(analyze('critical accounts', acme).statuses).toEqual([['red']]);
  });
});

describe('analyze: counts, follow-ups', () => {
  it.each([
    ['top 5 accounts by NPS', 5],
    ['top ten accounts', 10],
    ['bottom5 by csat', 5],
    // The 3 belongs to the period and the 100 to the KPI's name: neither is a count.
    ['top accounts by tickets per 100 users over the last 3 months', null],
  ])('"%s" counts %s', (question, count) => {
    expect(analyze(question, acme).count).toBe(count);
  });

  it.each([
    ['why is it red?', 'single'],
    ['how is that account doing', 'single'],
    ['compare them', 'plural'],
    ['which of those are red', 'plural'],
    ['which accounts grew their ARR', null],
    ['which accounts are red', null],
  ])('"%s" refers back: %s', (question, pronoun) => {
    expect(analyze(question, acme).pronoun).toBe(pronoun);
  });

  it.each([
    ['what about SMB?', true],
    ['and Kestrel?', true],
    ['same for NPS', true],
    ['what accounts are red?', false],
  ])('"%s" swaps into the previous question: %s', (question, substitution) => {
    expect(analyze(question, acme).substitution).toBe(substitution);
  });
});
