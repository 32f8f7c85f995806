/**
 * The 16 quick-query templates (DOMAIN.md "The assistant") as questions a person can tap: each filled in
 * with something real from this tenant's data — the account in the worst health, a playbook that has
 * completed runs — so the first tap already shows a useful answer. Each is answered on the device.
 */
import {
  getPlaybook,
  latestMonth,
  portfolioHealth,
  type AssistantData,
  type PlaybookId,
  type TemplateId,
} from '@vitals/shared';

export interface QuickQuery {
  readonly template: TemplateId;
  /** What the chip says: short, the template's idea. */
  readonly label: string;
  /** The question asked when the chip is tapped. */
  readonly question: string;
}

const STATUS_WORD = { red: 'red', yellow: 'yellow', green: 'green', unknown: 'red' } as const;

interface Picks {
  readonly worst: string;
  readonly worstStatus: 'red' | 'yellow' | 'green' | 'unknown';
  readonly best: string;
  readonly playbook: string;
}

/** The accounts and playbook the examples name: worst and best health now, a playbook with results. */
function picks(data: AssistantData): Picks | null {
  const live = data.accounts.filter((a) => !a._deleted);
  if (live.length === 0) return null;
  const names = new Map(live.map((a) => [a.id, a.name]));
  const month = latestMonth(data.series);
  const scored = month
    ? portfolioHealth(
        data.series.filter((s) => names.has(s.accountId)),
        month,
        data.catalog,
      ).accounts.filter((h) => h.score !== null)
    : [];
  // Lowest score first; ties by name, so every device suggests the same account.
  scored.sort((a, b) => a.score! - b.score! || (names.get(a.accountId)! < names.get(b.accountId)! ? -1 : 1));
  const worst = scored[0];
  const best = scored[scored.length - 1];
  const fallback = [...live].sort((a, b) => (a.name < b.name ? -1 : 1));
  const completed = new Map<PlaybookId, number>();
  for (const run of data.runs)
    if (run.state === 'completed') completed.set(run.playbookId, (completed.get(run.playbookId) ?? 0) + 1);
  const playbookId = [...completed].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'voc-sprint';
  return {
    worst: worst ? names.get(worst.accountId)! : fallback[0]!.name,
    worstStatus: worst?.status ?? 'unknown',
    best: best && best !== worst ? names.get(best.accountId)! : (fallback[1] ?? fallback[0]!).name,
    playbook: getPlaybook(playbookId).name,
  };
}

/** The examples, one per template in the specification's order; none before the device holds any account. */
export function quickQueries(data: AssistantData): QuickQuery[] {
  const p = picks(data);
  if (!p) return [];
  const status = STATUS_WORD[p.worstStatus];
  return [
    { template: 1, label: 'Red accounts', question: 'Which accounts are red?' },
    { template: 2, label: 'Portfolio summary', question: 'Portfolio health summary' },
    { template: 3, label: `Health of ${p.worst}`, question: `Health of ${p.worst}` },
    { template: 4, label: `Why ${p.worst} is ${status}`, question: `Why is ${p.worst} ${status}?` },
    { template: 5, label: 'Top 5 by NPS', question: 'Top 5 accounts by NPS' },
    {
      template: 6,
      label: 'Bottom 5 by license utilization',
      question: 'Bottom 5 accounts by license utilization',
    },
    {
      template: 7,
      label: `NPS trend for ${p.worst}`,
      question: `Trend of NPS for ${p.worst} over the last 6 months`,
    },
    { template: 8, label: `Compare ${p.worst} and ${p.best}`, question: `Compare ${p.worst} and ${p.best}` },
    {
      template: 9,
      label: 'NRR and GRR by segment',
      question: 'NRR and GRR for the last 12 months by segment',
    },
    { template: 10, label: 'Biggest expansions', question: 'Which accounts expanded most?' },
    { template: 11, label: 'Renewals in 90 days', question: 'Renewals in the next 90 days' },
    { template: 12, label: `Playbook for ${p.worst}`, question: `Which playbook should ${p.worst} run?` },
    { template: 13, label: `Results of ${p.playbook}`, question: `Results of ${p.playbook}` },
    { template: 14, label: 'Status changes', question: 'Which accounts changed status since last month?' },
    { template: 15, label: 'Average NPS by segment', question: 'Average NPS by segment' },
    {
      template: 16,
      label: 'Missing or invalid data',
      question: 'Which accounts have missing or invalid data?',
    },
  ];
}
