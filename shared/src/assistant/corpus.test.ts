/**
 * The corpus on the sample tenants: every turn is routed (deterministic template or analytical) and, when
 * routed right, its answer is checked against numbers computed here from the sample data with the scoring
 * and revenue engines directly, not through the assistant. Fails below 97% routing accuracy, and on any
 * answer that misses what it must show.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { scoreMonth, type HealthStatus } from '../health/health';
import { portfolioHealth, type AccountHealth } from '../health/portfolio';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { revenueBridge, type RevenueAccount } from '../revenue/revenue';
import { sampleSeries } from '../sample/generate';
import { SAMPLE_AS_OF, SAMPLE_LATEST_MONTH, type SampleTenant } from '../sample/model';
import { addDays, monthRange, previousMonth } from '../time/months';
import { cents, type Cents, type Month } from '../units';
import { messageSchema } from '../schemas/conversations';
import { turnContextSchema } from './chat-protocol';
import { answerQuestion } from './classify';
import { CORPUS, corpusTurns, type CorpusCheck, type SampleSlug } from './corpus';
import { sampleAssistantCases } from './testing';
import type { AssistantAnswer, AssistantData, TurnContext } from './types';

const citationSchema = v.unwrap(messageSchema.entries.citations).pipe[0].item;

const cases = new Map<SampleSlug, { tenant: SampleTenant; data: AssistantData }>(
  sampleAssistantCases().map((c) => [c.tenant.slug as SampleSlug, c]),
);

/** One decimal, trailing zero dropped: how the assistant writes percentages. */
const oneDecimal = (value: number): string => String(Math.round(value * 10) / 10);
const percent = (ratio: number | null): string => (ratio === null ? 'n/a' : `${oneDecimal(ratio * 100)}%`);

/** What the checks need to know about a tenant, computed from its sample values with the engines alone. */
class Facts {
  readonly health: Map<string, AccountHealth>;
  readonly series;
  constructor(readonly tenant: SampleTenant) {
    this.series = sampleSeries(tenant);
    this.health = new Map(portfolioHealth(this.series, SAMPLE_LATEST_MONTH, DEFAULT_CATALOG).accounts.map((h) => [h.accountId, h]));
  }

  id(name: string): string {
    const account = this.tenant.accounts.find((a) => a.name === name);
    if (!account) throw new Error(`No sample account ${name}`);
    return account.id;
  }

  name(id: string): string {
    return this.tenant.accounts.find((a) => a.id === id)!.name;
  }

  status(id: string): HealthStatus {
    return this.health.get(id)?.status ?? 'unknown';
  }

  inScope(id: string, scope: { segment?: string; owner?: string }): boolean {
    const account = this.tenant.accounts.find((a) => a.id === id)!;
    const owner = this.tenant.users.find((u) => u.id === account.ownerId)?.name;
    return (scope.segment === undefined || account.segment === scope.segment) && (scope.owner === undefined || owner === scope.owner);
  }

  value(id: string, measure: string, month: Month = SAMPLE_LATEST_MONTH): number | null {
    const values = this.series.find((s) => s.accountId === id)?.months.get(month);
    if (!values) return null;
    if (measure === 'score') return scoreMonth(values, DEFAULT_CATALOG).score;
    const value = values[measure as keyof typeof values];
    return value === undefined ? null : value;
  }

  revenue(segment?: string): RevenueAccount[] {
    return this.tenant.accounts
      .filter((a) => segment === undefined || a.segment === segment)
      .map((a) => {
        const arr = new Map<Month, Cents>();
        for (const v of this.tenant.values) if (v.accountId === a.id && v.kpi === 'arr') arr.set(v.month, cents(v.value));
        return { accountId: a.id, arr };
      });
  }
}

const facts = new Map<SampleSlug, Facts>([...cases].map(([slug, c]) => [slug, new Facts(c.tenant)]));

const rowIds = (answer: AssistantAnswer): string[] => answer.rows.flatMap((r) => (r.accountId === undefined ? [] : [r.accountId]));
const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && new Set([...a, ...b]).size === a.length;

/** The problems with an answer, as sentences for the failure message; empty when it shows what it must. */
function problems(check: CorpusCheck, answer: AssistantAnswer, f: Facts): string[] {
  const out: string[] = [];
  const must = (text: string): void => {
    if (!answer.answer.includes(text)) out.push(`answer lacks "${text}"`);
  };
  const rowsAre = (expected: readonly string[], ordered: boolean): void => {
    const actual = rowIds(answer);
    const ok = ordered ? actual.join() === expected.join() : sameSet(actual, expected);
    if (!ok) out.push(`rows ${actual.map((id) => f.name(id)).join(', ')} ≠ ${expected.map((id) => f.name(id)).join(', ')}`);
  };
  switch (check.kind) {
    case 'mentions':
      check.texts.forEach(must);
      break;
    case 'statusList': {
      const expected = f.tenant.accounts.filter((a) => f.inScope(a.id, check) && check.statuses.includes(f.status(a.id))).map((a) => a.id);
      rowsAre(expected, false);
      if (expected.length === 0) must('No accounts');
      else must(`${expected.length} account`);
      const worst = [...expected].sort((a, b) => (f.health.get(a)?.score ?? 101) - (f.health.get(b)?.score ?? 101))[0];
      if (worst) must(f.name(worst));
      break;
    }
    case 'counts': {
      const ids = f.tenant.accounts.filter((a) => f.inScope(a.id, check)).map((a) => a.id);
      const count = (s: HealthStatus): number => ids.filter((id) => f.status(id) === s).length;
      must(`${count('green')} green, ${count('yellow')} yellow, ${count('red')} red, ${count('unknown')} unknown`);
      break;
    }
    case 'accountStatus':
      for (const name of check.accounts) {
        const health = f.health.get(f.id(name))!;
        must(health.score === null ? `${name} has no status` : `${name} is ${health.status} with a score of ${health.score}`);
      }
      break;
    case 'drivers': {
      const driver = f.health.get(f.id(check.account))!.drivers[0];
      must(check.account);
      if (driver) must(DEFAULT_CATALOG.byId[driver.kpi].name);
      break;
    }
    case 'ranking': {
      // Churned accounts (ARR 0 and nothing else) are gone: not the "smallest" account.
      const churned = (id: string): boolean => {
        const latest = f.series.find((s) => s.accountId === id)?.months.get(SAMPLE_LATEST_MONTH);
        return latest !== undefined && latest.arr === 0 && Object.keys(latest).length === 1;
      };
      const valued = f.tenant.accounts
        .filter((a) => f.inScope(a.id, check) && !churned(a.id))
        .map((a) => ({ id: a.id, name: a.name, value: f.value(a.id, check.measure) }))
        .filter((a): a is { id: string; name: string; value: number } => a.value !== null)
        .sort((a, b) => (check.order === 'highest' ? b.value - a.value : a.value - b.value) || (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
      rowsAre(valued.slice(0, check.n).map((v) => v.id), true);
      break;
    }
    case 'trend': {
      const id = f.id(check.account);
      const months = monthRange(check.from as Month, check.to as Month);
      const expected = months.map((m) => f.value(id, check.measure, m));
      if (answer.chart?.x.join() !== months.join()) out.push(`chart months ${answer.chart?.x.join()} ≠ ${months.join()}`);
      if (answer.chart?.series[0]?.values.join() !== expected.join()) out.push(`chart values ${answer.chart?.series[0]?.values.join()} ≠ ${expected.join()}`);
      break;
    }
    case 'compare':
      for (const name of check.accounts) {
        must(name);
        const score = f.health.get(f.id(name))?.score;
        if (score !== null && score !== undefined) must(`score ${score}`);
      }
      break;
    case 'retention': {
      const bridge = revenueBridge(f.revenue(check.segment), { start: check.start as Month, end: check.end as Month });
      must(`NRR ${percent(bridge.nrr)}`);
      must(`GRR ${percent(bridge.grr)}`);
      must(`${check.start} → ${check.end}`);
      break;
    }
    case 'movers': {
      const bridge = revenueBridge(f.revenue(), { start: check.start as Month, end: check.end as Month });
      const list = check.direction === 'expanded' ? bridge.expanded : check.direction === 'contracted' ? bridge.contracted : bridge.churned;
      rowsAre(list.slice(0, check.n).map((m) => m.accountId), true);
      for (const m of list.slice(0, check.n)) must(f.name(m.accountId));
      break;
    }
    case 'renewals': {
      const until = addDays(SAMPLE_AS_OF, check.days);
      const due = f.tenant.accounts.filter((a) => (check.segment === undefined || a.segment === check.segment) && a.renewalDate >= SAMPLE_AS_OF && a.renewalDate <= until);
      rowsAre(due.map((a) => a.id), false);
      must(due.length === 0 ? 'No accounts' : `${due.length} account`);
      break;
    }
    case 'changes': {
      const rank = { red: 0, yellow: 1, green: 2 } as const;
      const changed = f.tenant.accounts.filter((a) => {
        const before = f.series.find((s) => s.accountId === a.id)?.months.get(previousMonth(SAMPLE_LATEST_MONTH));
        const from = before ? scoreMonth(before, DEFAULT_CATALOG).status : 'unknown';
        const to = f.status(a.id);
        if (from === to) return false;
        if (check.direction === 'any') return true;
        if (from === 'unknown' || to === 'unknown') return false;
        return check.direction === 'worse' ? rank[to] < rank[from] : rank[to] > rank[from];
      });
      rowsAre(changed.map((a) => a.id), false);
      break;
    }
    case 'average': {
      const groups = new Map<string, number[]>();
      for (const a of f.tenant.accounts) {
        const value = f.value(a.id, check.measure);
        if (value === null) continue;
        const key = check.groupBy === 'segment' ? a.segment : 'All accounts';
        groups.set(key, [...(groups.get(key) ?? []), value]);
      }
      for (const [key, values] of groups) {
        const mean = Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 10) / 10;
        const row = answer.rows.find((r) => r.cells.group === key);
        if (row?.cells.average !== mean) out.push(`average for ${key}: ${String(row?.cells.average)} ≠ ${mean}`);
      }
      break;
    }
    case 'runs': {
      const completed = f.tenant.runs.filter((r) => r.playbookId === check.playbook && r.status === 'completed' && r.outcome !== null);
      const met = completed.filter((r) => r.outcome!.criterionMet).length;
      if (completed.length === 0) must('no completed runs');
      else {
        must(`${completed.length} completed run`);
        must(`${met} met the success criterion`);
      }
      break;
    }
  }
  return out;
}

interface Outcome {
  readonly tenant: SampleSlug;
  readonly question: string;
  readonly expected: number | null;
  readonly got: number | null;
  readonly problems: readonly string[];
  readonly answer: AssistantAnswer;
}

function runCorpus(): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const conversation of CORPUS) {
    const { data } = cases.get(conversation.tenant)!;
    let context: TurnContext | null = null;
    for (const t of conversation.turns) {
      const answer = answerQuestion(t.question, data, context);
      context = answer.context;
      const routed = answer.template === t.template && (answer.kind === 'analytical') === (t.template === null);
      outcomes.push({
        tenant: conversation.tenant,
        question: t.question,
        expected: t.template,
        got: answer.template,
        problems: routed && t.check ? problems(t.check, answer, facts.get(conversation.tenant)!) : [],
        answer,
      });
    }
  }
  return outcomes;
}

describe('the assistant corpus on the sample tenants', () => {
  const outcomes = runCorpus();
  const turns = corpusTurns();

  it('has at least 200 questions, 30 of them analytical, and follow-ups over several turns', () => {
    expect(turns.length).toBeGreaterThanOrEqual(200);
    expect(turns.filter((t) => t.template === null).length).toBeGreaterThanOrEqual(30);
    expect(CORPUS.filter((c) => c.turns.length > 1).length).toBeGreaterThanOrEqual(10);
    const templates = new Set(turns.map((t) => t.template));
    for (let id = 1; id <= 16; id++) expect(templates.has(id as never)).toBe(true);
  });

  it('routes at least 97% of the questions to the expected template (or to the server)', () => {
    const misrouted = outcomes.filter((o) => o.expected !== o.got);
    const accuracy = (outcomes.length - misrouted.length) / outcomes.length;
    // The lead quotes this figure; shared/ has no logger, and this is the one test that reports one.
    // eslint-disable-next-line no-restricted-globals
    console.log(
      `assistant corpus: ${outcomes.length} questions, routing accuracy ${(accuracy * 100).toFixed(1)}%` +
        (misrouted.length > 0 ? `\n  misrouted:\n${misrouted.map((o) => `    [${o.tenant}] "${o.question}" expected ${o.expected ?? 'analytical'}, got ${o.got ?? 'analytical'}`).join('\n')}` : ''),
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.97);
  });

  it('leaves contexts the chat endpoint accepts back, and citations a stored message can hold', () => {
    for (const { question, answer } of outcomes) {
      const parsed = v.safeParse(turnContextSchema, answer.context);
      expect(parsed.success ? null : { question, issue: parsed.issues[0].message }).toBeNull();
      const citations = v.safeParse(v.pipe(v.array(citationSchema), v.maxLength(50)), answer.citations);
      expect(citations.success ? null : { question, issue: citations.issues[0].message }).toBeNull();
    }
  });

  it('answers every correctly routed question with the numbers and accounts computed from the data', () => {
    const wrong = outcomes.filter((o) => o.problems.length > 0).map((o) => `[${o.tenant}] "${o.question}": ${o.problems.join('; ')}`);
    expect(wrong).toEqual([]);
  });
});


