/**
 * The assistant's question corpus: how people actually ask (several phrasings per template, typos in names,
 * follow-ups over several turns, and open questions that must go to the server), each with where it should be
 * routed and what its answer must contain. `corpus.test.ts` runs it on the sample tenants, computing every
 * expected number from the sample data itself, and reports the routing accuracy. The bench times it.
 */
import type { HealthStatus } from '../health/health';
import type { KpiId } from '../kpi/catalog';
import type { PlaybookId } from '../playbooks/definitions';
import type { TemplateId } from './types';

export type SampleSlug = 'test-company' | 'acme';
type MeasureId = KpiId | 'score';

/** What an answer must show, computed by the test from the sample data (never copied from an answer). */
export type CorpusCheck =
  /** These texts appear in the answer (names and facts of the sample's stories). */
  | { readonly kind: 'mentions'; readonly texts: readonly string[] }
  /** Every account with these statuses (in the scope) is named, with the count, and linked in the table. */
  | { readonly kind: 'statusList'; readonly statuses: readonly HealthStatus[]; readonly segment?: string; readonly owner?: string }
  /** The portfolio's counts by status in the latest month. */
  | { readonly kind: 'counts'; readonly segment?: string }
  /** Each account's status and score. */
  | { readonly kind: 'accountStatus'; readonly accounts: readonly string[] }
  /** The account's costliest driver is named. */
  | { readonly kind: 'drivers'; readonly account: string }
  /** The right accounts in the right order, by the latest value. */
  | { readonly kind: 'ranking'; readonly measure: MeasureId; readonly n: number; readonly order: 'highest' | 'lowest'; readonly segment?: string }
  /** The measure's first and last value over the months. */
  | { readonly kind: 'trend'; readonly account: string; readonly measure: MeasureId; readonly from: string; readonly to: string }
  /** Every account named with its score. */
  | { readonly kind: 'compare'; readonly accounts: readonly string[] }
  /** NRR and GRR of the bridge from `start` to `end`, as percentages with one decimal. */
  | { readonly kind: 'retention'; readonly start: string; readonly end: string; readonly segment?: string }
  /** The biggest movers of the bridge, in order. */
  | { readonly kind: 'movers'; readonly direction: 'expanded' | 'contracted' | 'churned'; readonly start: string; readonly end: string; readonly n: number }
  /** Every account renewing from the sample's as-of day within `days`. */
  | { readonly kind: 'renewals'; readonly days: number; readonly segment?: string }
  /** Every account whose status differs between the last two months. */
  | { readonly kind: 'changes'; readonly direction: 'worse' | 'better' | 'any' }
  /** The mean of the measure per segment (or overall), one decimal. */
  | { readonly kind: 'average'; readonly measure: MeasureId; readonly groupBy: 'tenant' | 'segment' }
  /** The playbook's completed runs: how many, and how many met the criterion. */
  | { readonly kind: 'runs'; readonly playbook: PlaybookId };

export interface CorpusTurn {
  readonly question: string;
  /** `null`: analytical. */
  readonly template: TemplateId | null;
  readonly check?: CorpusCheck;
}

export interface CorpusConversation {
  readonly tenant: SampleSlug;
  /** Asked in order as one conversation: each turn sees the previous answer's context. */
  readonly turns: readonly CorpusTurn[];
}

const turn = (question: string, template: TemplateId | null, check?: CorpusCheck): CorpusTurn => ({ question, template, check });
const acme = (question: string, template: TemplateId | null, check?: CorpusCheck): CorpusConversation => ({ tenant: 'acme', turns: [turn(question, template, check)] });
const testCo = (question: string, template: TemplateId | null, check?: CorpusCheck): CorpusConversation => ({ tenant: 'test-company', turns: [turn(question, template, check)] });
const chat = (tenant: SampleSlug, ...turns: CorpusTurn[]): CorpusConversation => ({ tenant, turns });

const mentions = (...texts: string[]): CorpusCheck => ({ kind: 'mentions', texts });
const statusList = (statuses: HealthStatus[], scope: { segment?: string; owner?: string } = {}): CorpusCheck => ({ kind: 'statusList', statuses, ...scope });
const accountStatus = (...accounts: string[]): CorpusCheck => ({ kind: 'accountStatus', accounts });
const ranking = (measure: MeasureId, n: number, order: 'highest' | 'lowest', segment?: string): CorpusCheck => ({ kind: 'ranking', measure, n, order, ...(segment ? { segment } : {}) });
const trend = (account: string, measure: MeasureId, from: string, to: string): CorpusCheck => ({ kind: 'trend', account, measure, from, to });
const retention = (start: string, end: string, segment?: string): CorpusCheck => ({ kind: 'retention', start, end, ...(segment ? { segment } : {}) });
const movers = (direction: 'expanded' | 'contracted' | 'churned', start: string, end: string, n = 5): CorpusCheck => ({ kind: 'movers', direction, start, end, n });

/** The whole sample period: the default for revenue questions (the trailing 12 months, clipped to the data). */
const ALL = ['2025-03', '2025-09'] as const;

export const CORPUS: readonly CorpusConversation[] = [
  // ——— 1. Which accounts are red / at risk?
  acme('Which accounts are red?', 1, statusList(['red'])),
  acme('Which accounts are at risk?', 1, statusList(['red', 'yellow'])),
  acme('Show me the critical accounts', 1, statusList(['red'])),
  acme('list red accounts', 1, statusList(['red'])),
  acme('Who is at risk right now?', 1, statusList(['red', 'yellow'])),
  acme('Which enterprise accounts are red or yellow?', 1, statusList(['red', 'yellow'], { segment: 'Enterprise' })),
  acme("Which of Priya's accounts are at risk?", 1, statusList(['red', 'yellow'], { owner: 'Priya Raman' })),
  acme('How many accounts are red?', 1, statusList(['red'])),
  acme('Any accounts in the red?', 1, statusList(['red'])),
  acme('Which customers are yellow?', 1, statusList(['yellow'])),
  acme('Which accounts need attention?', 1, statusList(['red', 'yellow'])),
  acme('red accounts in SMB', 1, statusList(['red'], { segment: 'SMB' })),
  acme('show at-risk accounts for Casey', 1, statusList(['red', 'yellow'], { owner: 'Casey Nguyen' })),
  acme('Which accounts are green?', 1, statusList(['green'])),
  acme('Which accounts have an unknown status?', 1, statusList(['unknown'])),
  acme('which accts are in trouble', 1, statusList(['red', 'yellow'])),
  acme('Are any mid-market accounts critical?', 1, statusList(['red'], { segment: 'Mid-Market' })),
  testCo('which accounts are red', 1, statusList(['red'])),
  testCo('at risk accounts', 1, statusList(['red', 'yellow'])),
  testCo('List the healthy accounts', 1, statusList(['green'])),
  testCo("Which of Sam's accounts are at risk?", 1, statusList(['red', 'yellow'], { owner: 'Sam Patel' })),

  // ——— 2. Portfolio health summary
  acme('Portfolio health summary', 2, { kind: 'counts' }),
  acme('How is the portfolio doing?', 2, { kind: 'counts' }),
  acme('Give me an overview of account health', 2, { kind: 'counts' }),
  acme('status breakdown', 2, { kind: 'counts' }),
  acme('How are we doing overall?', 2, { kind: 'counts' }),
  acme('How many accounts are in each status?', 2, { kind: 'counts' }),
  acme('How is the enterprise segment doing?', 2, { kind: 'counts', segment: 'Enterprise' }),
  acme('health summary for Mid-Market', 2, { kind: 'counts', segment: 'Mid-Market' }),
  acme("How is Priya's book looking?", 2),
  acme('how healthy is our portfolio', 2, { kind: 'counts' }),
  acme('what does the dashboard look like?', 2, { kind: 'counts' }),
  testCo('portfolio overview', 2, { kind: 'counts' }),
  testCo('overall health', 2, { kind: 'counts' }),

  // ——— 3. Health of an account
  acme('How is Kestrel doing?', 3, accountStatus('Kestrel Biotech')),
  acme("What's the status of Cobalt Robotics?", 3, accountStatus('Cobalt Robotics')),
  acme("How's Atlas Aerospace?", 3, accountStatus('Atlas Aerospace')),
  acme('Tell me about Falcon Payments', 3, accountStatus('Falcon Payments')),
  acme('Cobalt Robotics health score', 3, accountStatus('Cobalt Robotics')),
  acme('Is Redwood Legal healthy?', 3, accountStatus('Redwood Legal')),
  acme('how is kestrl biotec doing', 3, accountStatus('Kestrel Biotech')),
  acme('status of brightwave', 3, accountStatus('Brightwave Telecom')),
  acme('how are Atlas and Kestrel doing?', 3, accountStatus('Atlas Aerospace', 'Kestrel Biotech')),
  acme("what's the score for Gridline Energy?", 3, accountStatus('Gridline Energy')),
  acme('health of Nimbus Cloudwork', 3, accountStatus('Nimbus Cloudworks')),
  acme('Helios Solr?', 3, accountStatus('Helios Solar')),
  testCo('Health of Northwind Logistics', 3, accountStatus('Northwind Logistics')),
  testCo('Northwind?', 3, accountStatus('Northwind Logistics')),
  testCo('how is nortwind doing', 3, accountStatus('Northwind Logistics')),
  testCo('How is harborveiw health?', 3, accountStatus('Harborview Health')),
  testCo('copperline manufacturing status', 3, accountStatus('Copperline Manufacturing')),

  // ——— 4. Why is an account red / yellow / green? (drivers)
  acme('Why is Cobalt Robotics red?', 4, { kind: 'drivers', account: 'Cobalt Robotics' }),
  acme('Why is Falcon Payments red?', 4, { kind: 'drivers', account: 'Falcon Payments' }),
  acme("What's driving Gridline Energy's score?", 4, { kind: 'drivers', account: 'Gridline Energy' }),
  acme('why is Brightwave yellow?', 4, { kind: 'drivers', account: 'Brightwave Telecom' }),
  acme('Explain the health of Lighthouse Retail', 4, { kind: 'drivers', account: 'Lighthouse Retail' }),
  acme("What's wrong with Umbra Gaming?", 4, { kind: 'drivers', account: 'Umbra Gaming' }),
  acme('why is Juniper Schools unknown?', 4, mentions('Juniper Schools', 'at least 50%')),
  acme('what is dragging down Willow Senior Living', 4, { kind: 'drivers', account: 'Willow Senior Living' }),
  acme('drivers for Orchid Pharmaceuticals', 4, { kind: 'drivers', account: 'Orchid Pharmaceuticals' }),
  acme('why is cobalt robotcs red', 4, { kind: 'drivers', account: 'Cobalt Robotics' }),
  acme('Why is Kestrel Biotech red?', 4, mentions('Kestrel Biotech is not red but green')),
  testCo('why is Harborview Health red?', 4, { kind: 'drivers', account: 'Harborview Health' }),
  testCo('What is hurting Pinecrest Credit Union?', 4, { kind: 'drivers', account: 'Pinecrest Credit Union' }),

  // ——— 5. Top N by KPI
  acme('top 5 accounts by NPS', 5, ranking('nps', 5, 'highest')),
  acme('Which accounts have the highest ARR?', 5, ranking('arr', 5, 'highest')),
  acme('top 3 accounts by license utilization', 5, ranking('license_utilization', 3, 'highest')),
  acme('Who are our biggest accounts?', 5, ranking('arr', 5, 'highest')),
  acme('top ten accounts by health score', 5, ranking('score', 10, 'highest')),
  acme('which accounts have the most escalations?', 5, ranking('escalations', 5, 'highest')),
  acme('highest CSAT accounts', 5, ranking('csat', 5, 'highest')),
  acme('best accounts by NPS', 5, ranking('nps', 5, 'highest')),
  acme('top 5 enterprise accounts by ARR', 5, ranking('arr', 5, 'highest', 'Enterprise')),
  acme('which accounts have the worst SLA breach rate?', 5, ranking('sla_breach_rate', 5, 'highest')),
  acme('top 5 accounts by nsp', 5, ranking('nps', 5, 'highest')),
  acme('most tickets', 5, ranking('tickets_per_100_users', 5, 'highest')),
  acme('Top 4 by utilisation', 5, ranking('license_utilization', 4, 'highest')),
  testCo('top 3 by utilization', 5, ranking('license_utilization', 3, 'highest')),
  testCo('highest days overdue', 5, ranking('payment_delinquency_days', 5, 'highest')),

  // ——— 6. Bottom N by KPI
  acme('bottom 5 accounts by NPS', 6, ranking('nps', 5, 'lowest')),
  acme('Which accounts have the lowest health scores?', 6, ranking('score', 5, 'lowest')),
  acme('lowest license utilization', 6, ranking('license_utilization', 5, 'lowest')),
  acme('worst 3 accounts by CSAT', 6, ranking('csat', 3, 'lowest')),
  acme('which accounts have the fewest active stakeholders?', 6, ranking('active_stakeholders', 5, 'lowest')),
  acme('smallest accounts by ARR', 6, ranking('arr', 5, 'lowest')),
  acme('lowest 5 by feature adoption', 6, ranking('feature_adoption', 5, 'lowest')),
  acme('which accounts have the best first response time?', 6, ranking('first_response_hours', 5, 'lowest')),
  acme('weakest accounts', 6, ranking('score', 5, 'lowest')),
  acme('bottom 3 by escalatons', 6, ranking('escalations', 3, 'lowest')),
  testCo('bottom 3 accounts by survey response rate', 6, ranking('survey_response_rate', 3, 'lowest')),
  testCo('lowest QBR attendance', 6, ranking('qbr_attendance', 5, 'lowest')),

  // ——— 7. Trend of a KPI for an account
  acme('trend of NPS for Cobalt Robotics over the last 6 months', 7, trend('Cobalt Robotics', 'nps', '2025-04', '2025-09')),
  acme("show Kestrel's health score trend", 7, trend('Kestrel Biotech', 'score', '2025-03', '2025-09')),
  acme("How has Gridline Energy's SLA breach rate changed since June?", 7, trend('Gridline Energy', 'sla_breach_rate', '2025-06', '2025-09')),
  acme('chart license utilization for Lighthouse Retail', 7, trend('Lighthouse Retail', 'license_utilization', '2025-03', '2025-09')),
  acme('Cobalt Robotics NPS history', 7, trend('Cobalt Robotics', 'nps', '2025-03', '2025-09')),
  acme("What's Atlas Aerospace's ARR?", 7, mentions('Atlas Aerospace')),
  acme('Nimbus Cloudworks ticket volume over time', 7, trend('Nimbus Cloudworks', 'tickets_per_100_users', '2025-03', '2025-09')),
  acme('escalations for Gridline in Q3', 7, trend('Gridline Energy', 'escalations', '2025-07', '2025-09')),
  acme('csat trend for Pioneer Freightways over the last 3 months', 7, trend('Pioneer Freightways', 'csat', '2025-07', '2025-09')),
  testCo('Copperline first response time trend', 7, trend('Copperline Manufacturing', 'first_response_hours', '2025-03', '2025-09')),
  testCo("how has Northwind's score evolved this year", 7, trend('Northwind Logistics', 'score', '2025-03', '2025-09')),
  testCo('Riverstone Insurance license utilization from 2025-05 to 2025-08', 7, trend('Riverstone Insurance', 'license_utilization', '2025-05', '2025-08')),

  // ——— 8. Compare two accounts
  acme('compare Atlas and Cobalt', 8, { kind: 'compare', accounts: ['Atlas Aerospace', 'Cobalt Robotics'] }),
  acme('Atlas Aerospace vs Cobalt Robotics', 8, { kind: 'compare', accounts: ['Atlas Aerospace', 'Cobalt Robotics'] }),
  acme('How does Kestrel compare to Tidewater?', 8, { kind: 'compare', accounts: ['Kestrel Biotech', 'Tidewater Shipping'] }),
  acme('difference between Falcon Payments and Ironclad Security', 8, { kind: 'compare', accounts: ['Falcon Payments', 'Ironclad Security'] }),
  acme('Gridline versus Evergreen', 8, { kind: 'compare', accounts: ['Gridline Energy', 'Evergreen Utilities'] }),
  acme('compare umbra gamng with quartz analytics', 8, { kind: 'compare', accounts: ['Umbra Gaming', 'Quartz Analytics'] }),
  testCo('compare Northwind, Bluefin and Vantage', 8, { kind: 'compare', accounts: ['Northwind Logistics', 'Bluefin Analytics', 'Vantage Media'] }),
  testCo('Meridian Freight against Oakridge Dental Group side by side', 8, { kind: 'compare', accounts: ['Meridian Freight', 'Oakridge Dental Group'] }),

  // ——— 9. NRR / GRR for a period
  acme("What's our NRR?", 9, retention(...ALL)),
  acme('NRR for Q3 2025', 9, retention('2025-06', '2025-09')),
  acme('NRR by segment', 9, retention(...ALL)),
  acme('GRR for enterprise', 9, retention(...ALL, 'Enterprise')),
  acme('net revenue retention this year', 9, retention(...ALL)),
  acme('What was gross revenue retention last quarter?', 9, retention('2025-03', '2025-06')),
  acme('NRR and GRR by CSM', 9, retention(...ALL)),
  acme("revenue retention for Priya's accounts", 9),
  acme('NRR for the last 3 months', 9, retention('2025-06', '2025-09')),
  acme('ARR bridge from 2025-06 to 2025-09', 9, retention('2025-05', '2025-09')),
  acme('net retention since July', 9, retention('2025-06', '2025-09')),
  testCo('what is our net retention since June', 9, retention('2025-05', '2025-09')),
  testCo('GRR in August', 9, retention('2025-07', '2025-08')),

  // ——— 10. Expanded / contracted most
  acme('Which accounts expanded most?', 10, movers('expanded', ...ALL)),
  acme('biggest contractions this year', 10, movers('contracted', ...ALL)),
  acme('Which accounts churned?', 10, movers('churned', ...ALL)),
  acme('top 3 expansions since March', 10, movers('expanded', ...ALL, 3)),
  acme('who downgraded?', 10, movers('contracted', ...ALL)),
  acme('which accounts grew their ARR the most?', 10, movers('expanded', ...ALL)),
  acme('accounts that contracted in Q3', 10, movers('contracted', '2025-06', '2025-09')),
  acme('largest upsells', 10, movers('expanded', ...ALL)),
  testCo('which accounts churned this year', 10, movers('churned', ...ALL)),
  testCo('who expanded since May?', 10, movers('expanded', '2025-04', '2025-09')),

  // ——— 11. Renewals in the next N days
  acme('renewals in the next 90 days', 11, { kind: 'renewals', days: 90 }),
  acme('Which accounts renew in the next 60 days?', 11, { kind: 'renewals', days: 60 }),
  acme('upcoming renewals next quarter', 11, { kind: 'renewals', days: 92 }),
  acme('who is up for renewal in the next 3 months?', 11, { kind: 'renewals', days: 91 }),
  acme('When does Kestrel Biotech renew?', 11, mentions('Kestrel Biotech renews on 2025-12-31')),
  acme('enterprise renewals in the next 120 days', 11, { kind: 'renewals', days: 120, segment: 'Enterprise' }),
  acme('what renewals are coming up?', 11, { kind: 'renewals', days: 90 }),
  acme('renewals within 2 weeks', 11, { kind: 'renewals', days: 14 }),
  testCo('which accounts are renewing soon?', 11, { kind: 'renewals', days: 90 }),
  testCo('renewals in the next 180 days', 11, { kind: 'renewals', days: 180 }),

  // ——— 12. Which playbook should an account run? / Which accounts need a playbook?
  acme('Which playbook should Cobalt run?', 12, mentions('Cobalt Robotics', 'Activation Blitz', 'VoC Sprint')),
  acme('what playbook do you recommend for Lighthouse Retail?', 12, mentions('Lighthouse Retail', 'Activation Blitz')),
  acme('Which accounts need an activation blitz?', 12, mentions('Cobalt Robotics', 'Lighthouse Retail')),
  acme('who needs a VoC sprint?', 12, mentions('VoC Sprint', 'Cobalt Robotics')),
  acme('candidates for expansion timing', 12, mentions('Expansion Timing', 'Kestrel Biotech')),
  acme('recommended playbooks', 12, mentions('Activation Blitz', 'VoC Sprint')),
  acme('which accounts qualify for the SLA Stabilizer?', 12, mentions('SLA Stabilizer')),
  acme('playbook recommendations for Umbra Gaming', 12, mentions('Umbra Gaming')),
  acme('should Falcon Payments run a renewal safeguard?', 12, mentions('Falcon Payments')),
  testCo('which playbook should Harborview run?', 12, mentions('Harborview Health')),

  // ——— 13. Results of a playbook
  acme('results of the VoC sprint', 13, { kind: 'runs', playbook: 'voc-sprint' }),
  acme('how did the SLA stabilizer runs go?', 13, { kind: 'runs', playbook: 'sla-stabilizer' }),
  acme("what's the success rate of renewal safeguard?", 13, { kind: 'runs', playbook: 'renewal-safeguard' }),
  acme('did the expansion timing playbook work?', 13, { kind: 'runs', playbook: 'expansion-timing' }),
  acme('playbook results', 13, mentions('Renewal Safeguard', 'SLA Stabilizer')),
  acme('outcomes of completed playbook runs', 13, mentions('Renewal Safeguard')),
  testCo('How effective was the activation blitz?', 13, { kind: 'runs', playbook: 'activation-blitz' }),
  testCo('voc sprint results', 13, { kind: 'runs', playbook: 'voc-sprint' }),

  // ——— 14. Status changes since last month
  acme('Which accounts changed status since last month?', 14, { kind: 'changes', direction: 'any' }),
  acme('which accounts got worse?', 14, { kind: 'changes', direction: 'worse' }),
  acme('who turned red this month?', 14, mentions('Falcon Payments')),
  acme('which accounts improved since last month?', 14, { kind: 'changes', direction: 'better' }),
  acme('status changes', 14, { kind: 'changes', direction: 'any' }),
  acme('which accounts dropped to red?', 14, mentions('Falcon Payments')),
  testCo('what changed since last month?', 14, { kind: 'changes', direction: 'any' }),
  testCo('which accounts declined?', 14, { kind: 'changes', direction: 'worse' }),

  // ——— 15. Average KPI by category, segment or CSM
  acme('average NPS by segment', 15, { kind: 'average', measure: 'nps', groupBy: 'segment' }),
  acme("what's the average health score?", 15, { kind: 'average', measure: 'score', groupBy: 'tenant' }),
  acme('average CSAT per CSM', 15, mentions('Priya Raman', 'Diego Alvarez', 'Casey Nguyen')),
  acme('average score by category', 15, mentions('Adoption', 'Support', 'Sentiment', 'Revenue', 'Engagement')),
  acme('mean license utilization for enterprise', 15),
  acme('avg first response time by owner', 15, mentions('Priya Raman')),
  testCo('average ARR by segment', 15, mentions('Enterprise', 'Mid-Market', 'SMB')),
  testCo('average NPS', 15, { kind: 'average', measure: 'nps', groupBy: 'tenant' }),

  // ——— 16. Missing or invalid data
  acme('Which accounts have missing or invalid data?', 16, mentions('Juniper Schools')),
  acme('data quality issues', 16, mentions('Juniper Schools')),
  acme('missing values', 16, mentions('Juniper Schools')),
  acme("Is Juniper Schools' data complete?", 16, mentions('Juniper Schools')),
  acme('any gaps in the data?', 16, mentions('Juniper Schools')),
  testCo('any accounts with incomplete data?', 16),
  testCo('invalid KPI values', 16),

  // ——— Follow-ups: several turns, one conversation
  chat(
    'acme',
    turn('Which accounts are red?', 1, statusList(['red'])),
    turn('why is it red?', 4),
    turn('what about Lighthouse Retail?', 4, { kind: 'drivers', account: 'Lighthouse Retail' }),
    turn('how is it trending?', 7, trend('Lighthouse Retail', 'score', '2025-03', '2025-09')),
  ),
  chat(
    'acme',
    turn('How is Kestrel doing?', 3, accountStatus('Kestrel Biotech')),
    turn('compare it with Atlas', 8, { kind: 'compare', accounts: ['Kestrel Biotech', 'Atlas Aerospace'] }),
    turn('what about Cobalt?', 8, { kind: 'compare', accounts: ['Kestrel Biotech', 'Cobalt Robotics'] }),
  ),
  chat(
    'acme',
    turn('top 5 accounts by NPS', 5, ranking('nps', 5, 'highest')),
    turn('what about CSAT?', 5, ranking('csat', 5, 'highest')),
    turn('bottom 3?', 6, ranking('csat', 3, 'lowest')),
    turn('compare them', 8),
  ),
  chat(
    'acme',
    turn('Which enterprise accounts are red or yellow?', 1, statusList(['red', 'yellow'], { segment: 'Enterprise' })),
    turn('what about SMB?', 1, statusList(['red', 'yellow'], { segment: 'SMB' })),
    turn('why are they at risk?', 4),
  ),
  chat(
    'acme',
    turn('NRR for Q3 2025', 9, retention('2025-06', '2025-09')),
    turn('and by segment?', 9, retention('2025-06', '2025-09')),
    turn('what about this year?', 9, retention(...ALL)),
  ),
  chat(
    'acme',
    turn("show Kestrel's health score trend", 7, trend('Kestrel Biotech', 'score', '2025-03', '2025-09')),
    turn('and NPS?', 7, trend('Kestrel Biotech', 'nps', '2025-03', '2025-09')),
    turn('what about Atlas Aerospace?', 7, trend('Atlas Aerospace', 'nps', '2025-03', '2025-09')),
  ),
  chat('acme', turn('Which accounts churned?', 10, movers('churned', ...ALL)), turn('why?', 4, mentions('Driftwood Hotels'))),
  chat(
    'test-company',
    turn('How is Northwind doing?', 3, accountStatus('Northwind Logistics')),
    turn('when does it renew?', 11, mentions('Northwind Logistics renews on 2026-04-30')),
    turn('which playbook should it run?', 12, mentions('Northwind Logistics')),
  ),
  chat(
    'acme',
    turn('average NPS by segment', 15, { kind: 'average', measure: 'nps', groupBy: 'segment' }),
    turn('what about CSAT?', 15, { kind: 'average', measure: 'csat', groupBy: 'segment' }),
  ),
  chat(
    'acme',
    turn('which accounts got worse since last month?', 14, { kind: 'changes', direction: 'worse' }),
    turn('why?', 4, mentions('Falcon Payments')),
  ),
  chat(
    'acme',
    turn('How is the enterprise segment doing?', 2, { kind: 'counts', segment: 'Enterprise' }),
    turn('and mid-market?', 2, { kind: 'counts', segment: 'Mid-Market' }),
  ),
  chat(
    'acme',
    turn('draft an email to Cobalt Robotics about their renewal', null),
    turn('how is it doing?', 3, accountStatus('Cobalt Robotics')),
    turn('which playbook should it run?', 12, mentions('Cobalt Robotics', 'Renewal Safeguard')),
  ),
  chat(
    'acme',
    turn('renewals in the next 90 days', 11, { kind: 'renewals', days: 90 }),
    turn('how are those accounts doing?', 3),
    turn('which of them are red?', 1, mentions('Cobalt Robotics', 'Summit Outdoor Co')),
  ),
  chat(
    'test-company',
    turn('results of the activation blitz', 13, { kind: 'runs', playbook: 'activation-blitz' }),
    turn('what about the VoC sprint?', 13, { kind: 'runs', playbook: 'voc-sprint' }),
  ),
  chat(
    'acme',
    turn('Which accounts need an activation blitz?', 12, mentions('Lighthouse Retail')),
    turn('what about the SLA stabilizer?', 12, mentions('SLA Stabilizer')),
  ),
  chat(
    'acme',
    turn('top 3 accounts by ARR in Mid-Market', 5, ranking('arr', 3, 'highest', 'Mid-Market')),
    turn('and in SMB?', 5, ranking('arr', 3, 'highest', 'SMB')),
  ),
  chat('test-company', turn('Why is Harborview Health red?', 4), turn('what about Pinecrest?', 4, { kind: 'drivers', account: 'Pinecrest Credit Union' })),

  // ——— Phrasings written after the rules, as a held-out check (kept as they were first routed)
  acme('show me every account in the red', 1, statusList(['red'])),
  acme('what accounts are critical right now', 1, statusList(['red'])),
  acme('list all yellow accounts in enterprise', 1, statusList(['yellow'], { segment: 'Enterprise' })),
  acme('which SMB customers are at risk', 1, statusList(['red', 'yellow'], { segment: 'SMB' })),
  acme('any red accounts for Diego?', 1, statusList(['red'], { owner: 'Diego Alvarez' })),
  acme('how many green accounts do we have', 1, statusList(['green'])),
  acme('give me a health overview', 2, { kind: 'counts' }),
  acme('whats the overall status of my book', 2, { kind: 'counts' }),
  acme('health breakdown for SMB', 2, { kind: 'counts', segment: 'SMB' }),
  acme('summary', 2, { kind: 'counts' }),
  acme('how is brightwave telecom', 3, accountStatus('Brightwave Telecom')),
  acme('tell me about kestrel', 3, accountStatus('Kestrel Biotech')),
  acme('what is the health score of Orchid Pharmaceuticals', 3, accountStatus('Orchid Pharmaceuticals')),
  acme('Quartz Analytics?', 3, accountStatus('Quartz Analytics')),
  acme('what is going on with Cobalt?', 3, accountStatus('Cobalt Robotics')),
  acme('why is Tidewater Shipping yellow', 4, { kind: 'drivers', account: 'Tidewater Shipping' }),
  acme('explain Falcon Payments score', 4, { kind: 'drivers', account: 'Falcon Payments' }),
  acme('what is driving down Cobalt', 4, { kind: 'drivers', account: 'Cobalt Robotics' }),
  acme('why is mosaic media group at risk', 4, { kind: 'drivers', account: 'Mosaic Media Group' }),
  acme('top 10 accounts by ARR', 5, ranking('arr', 10, 'highest')),
  acme('which customers have the highest NPS', 5, ranking('nps', 5, 'highest')),
  acme('show the 3 accounts with most escalations', 5, ranking('escalations', 3, 'highest')),
  acme('rank accounts by csat', 5, ranking('csat', 5, 'highest')),
  acme('lowest nps accounts', 6, ranking('nps', 5, 'lowest')),
  acme('5 worst accounts by health', 6, ranking('score', 5, 'lowest')),
  acme('which accounts have the lowest utilization in enterprise', 6, ranking('license_utilization', 5, 'lowest', 'Enterprise')),
  acme('show NPS trend for Falcon Payments', 7, trend('Falcon Payments', 'nps', '2025-03', '2025-09')),
  acme('how has Cobalt Robotics license utilization changed over the last 4 months', 7, trend('Cobalt Robotics', 'license_utilization', '2025-06', '2025-09')),
  acme('graph Helios Solar health score', 7, trend('Helios Solar', 'score', '2025-03', '2025-09')),
  acme('Umbra Gaming csat over time', 7, trend('Umbra Gaming', 'csat', '2025-03', '2025-09')),
  acme('compare Brightwave Telecom and Nimbus Cloudworks', 8, { kind: 'compare', accounts: ['Brightwave Telecom', 'Nimbus Cloudworks'] }),
  acme('Cobalt vs Lighthouse', 8, { kind: 'compare', accounts: ['Cobalt Robotics', 'Lighthouse Retail'] }),
  acme('how do Orchid and Tidewater compare', 8, { kind: 'compare', accounts: ['Orchid Pharmaceuticals', 'Tidewater Shipping'] }),
  acme('what is our net revenue retention for the last 6 months', 9, retention('2025-03', '2025-09')),
  acme('GRR this year by segment', 9, retention(...ALL)),
  acme('show the ARR bridge for Q2', 9, retention('2025-03', '2025-06')),
  acme('NRR for Diego', 9),
  acme('which accounts contracted the most this year', 10, movers('contracted', ...ALL)),
  acme('who churned in Q3', 10, movers('churned', '2025-06', '2025-09')),
  acme('biggest upsells this year', 10, movers('expanded', ...ALL)),
  acme('top 5 accounts by expansion', 10, movers('expanded', ...ALL)),
  acme('who renews next month', 11, { kind: 'renewals', days: 31 }),
  acme('renewals coming up in the next 30 days', 11, { kind: 'renewals', days: 30 }),
  acme('upcoming renewals for Priya', 11),
  acme('when is Orchid up for renewal', 11, mentions('Orchid Pharmaceuticals renews on 2025-11-15')),
  acme('what playbook fits Umbra Gaming', 12, mentions('Umbra Gaming', 'SLA Stabilizer')),
  acme('which accounts should get a renewal safeguard', 12, mentions('Renewal Safeguard', 'Orchid Pharmaceuticals')),
  acme('who is a candidate for the expansion playbook', 12, mentions('Expansion Timing')),
  acme('recommend playbooks for Falcon', 12, mentions('Falcon Payments', 'Renewal Safeguard')),
  acme('how successful have renewal safeguards been', 13, { kind: 'runs', playbook: 'renewal-safeguard' }),
  acme('show completed playbook runs', 13, mentions('Renewal Safeguard')),
  acme('did the voc sprint on pioneer work', 13, mentions('Pioneer Freightways did not meet it')),
  acme('which accounts moved from green to yellow', 14, mentions('Brightwave Telecom')),
  acme('what accounts got better this month', 14, { kind: 'changes', direction: 'better' }),
  acme('who went red since last month', 14, mentions('Falcon Payments')),
  acme('what is the average csat by segment', 15, { kind: 'average', measure: 'csat', groupBy: 'segment' }),
  acme('average health score per csm', 15, mentions('Priya Raman')),
  acme('average license utilization', 15, { kind: 'average', measure: 'license_utilization', groupBy: 'tenant' }),
  acme('show me accounts with missing data', 16, mentions('Juniper Schools')),
  acme('are there any invalid values', 16, mentions('No values are outside their plausible range')),
  acme('which accounts have data gaps', 16, mentions('Juniper Schools')),
  acme('who should I worry about?', null),
  acme('how do I save Falcon Payments?', null),
  acme('who is our most valuable customer and why', null),
  acme('forecast next quarter churn', null),
  acme('give me a summary of Cobalt for my manager', null),
  acme('prepare me for the Kestrel QBR', null),
  acme('why is it red?', null),

  // ——— Analytical: open questions, advice, writing, forecasts, unknown names
  acme('why are enterprise accounts churning more this year?', null),
  acme('draft an email to Cobalt Robotics about their renewal', null),
  acme('What should I focus on this quarter?', null),
  acme('write a QBR agenda for Atlas Aerospace', null),
  acme('which accounts will churn next quarter?', null),
  acme('how can we improve NPS at Lighthouse Retail?', null),
  acme("what's the best strategy to save Umbra Gaming?", null),
  acme("predict Kestrel's ARR for next year", null),
  acme('summarize the main risks in our portfolio for the board', null),
  acme('is there a correlation between escalations and churn?', null),
  acme("what if Cobalt doesn't renew?", null),
  acme('why is NPS dropping across mid-market?', null),
  acme('which CSM is doing the best job?', null),
  acme('give me talking points for my call with Falcon Payments', null),
  acme('how do I prepare for the renewal with Orchid?', null),
  acme('what are the common patterns among red accounts?', null),
  acme('explain how the health score is calculated', null),
  acme('what are customers complaining about?', null),
  acme("should we discount Summit Outdoor's renewal?", null),
  acme('who should I call first tomorrow?', null),
  acme('compare this quarter to last quarter for the whole portfolio', null),
  acme("what's the churn forecast for Q4?", null),
  acme("tell me a story about Atlas's journey with us", null),
  acme('what would happen to NRR if Orchid churns?', null),
  acme('how do our numbers compare with industry benchmarks?', null),
  acme('recommend a plan to expand Kestrel', null),
  acme('what are the top reasons for churn this year?', null),
  acme('Which accounts have a new executive sponsor?', null),
  acme('create a success plan for Helios Solar', null),
  acme("What's the ROI of the VoC sprint?", null),
  acme('Who are our happiest customers and why?', null),
  acme('How is Zephyr Dynamics doing?', null),
  acme('Should I escalate Umbra Gaming to leadership?', null),
  testCo('What do our promoters have in common?', null),
  testCo('how much time should a CSM spend on SMB accounts?', null),
  testCo('write a renewal proposal for Riverstone Insurance', null),
  testCo('why did revenue drop in July across the portfolio?', null),
  testCo("what's the weather like today?", null),
];

/** Every turn, flattened, for counting. */
export function corpusTurns(): CorpusTurn[] {
  return CORPUS.flatMap((c) => c.turns);
}
