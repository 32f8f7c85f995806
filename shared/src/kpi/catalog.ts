/**
 * The KPI catalog: the one place where KPIs, their reference ranges, weights and plausible ranges live.
 * Catalog order matters: it breaks ties between drivers and orders every KPI list in the product.
 */

export const CATEGORIES = ['adoption', 'support', 'sentiment', 'revenue', 'engagement'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_NAMES: Record<Category, string> = {
  adoption: 'Adoption',
  support: 'Support',
  sentiment: 'Sentiment',
  revenue: 'Revenue',
  engagement: 'Engagement',
};

export type Direction = 'higher' | 'lower';
export type KpiUnit = 'percent' | 'days' | 'hours' | 'count' | 'per100users' | 'score' | 'currency';
/** 1 = low, 2 = medium, 3 = high / critical. 0 only for KPIs that are not scored. */
export type Weight = 0 | 1 | 2 | 3;

export interface PlausibleRange {
  readonly min: number;
  readonly max: number;
}

export interface KpiDefinition {
  readonly id: KpiId;
  readonly name: string;
  readonly category: Category;
  readonly unit: KpiUnit;
  /** `null` for KPIs that are tracked but not scored (ARR). */
  readonly direction: Direction | null;
  /** Green bound: at or beyond it (in the better direction) the KPI is green. */
  readonly green: number;
  /** Yellow bound: at or beyond it the KPI is at least yellow; otherwise red. */
  readonly yellow: number;
  readonly weight: Weight;
  /** A value outside is a validation error, never stored silently. */
  readonly plausible: PlausibleRange;
  /** Other names people put in spreadsheet headers for this KPI. */
  readonly aliases: readonly string[];
}

const PERCENT: PlausibleRange = { min: 0, max: 100 };
const NON_NEGATIVE: PlausibleRange = { min: 0, max: Number.POSITIVE_INFINITY };

function kpi<const Id extends string>(
  id: Id,
  name: string,
  category: Category,
  unit: KpiUnit,
  direction: Direction | null,
  green: number,
  yellow: number,
  weight: Weight,
  aliases: readonly string[] = [],
  plausible: PlausibleRange = unit === 'percent' ? PERCENT : NON_NEGATIVE,
) {
  return { id, name, category, unit, direction, green, yellow, weight, plausible, aliases } as const;
}

/** DOMAIN.md's catalog, in its order. */
const DEFINITIONS = [
  kpi('license_utilization', 'License utilization', 'adoption', 'percent', 'higher', 80, 60, 3, ['license usage', 'seat utilization', 'licence utilisation']),
  kpi('dau_mau', 'Stickiness (DAU/MAU)', 'adoption', 'percent', 'higher', 25, 15, 2, ['dau/mau', 'stickiness', 'dau mau ratio']),
  kpi('feature_adoption', 'Key feature adoption', 'adoption', 'percent', 'higher', 60, 40, 2, ['feature adoption', 'feature usage']),
  kpi('time_to_value_days', 'Time to first value', 'adoption', 'days', 'lower', 30, 60, 1, ['time to value', 'ttv', 'time to first value days']),
  kpi('sla_breach_rate', 'SLA breach rate', 'support', 'percent', 'lower', 5, 15, 3, ['sla breaches', 'sla breach', 'sla breach %']),
  kpi('first_response_hours', 'First response time', 'support', 'hours', 'lower', 4, 24, 2, ['first response', 'frt', 'first response time hours']),
  kpi('escalations', 'Escalations', 'support', 'count', 'lower', 1, 3, 2, ['escalation count', 'escalations per month']),
  kpi('tickets_per_100_users', 'Ticket volume', 'support', 'per100users', 'lower', 5, 10, 1, ['tickets', 'ticket volume per 100 users', 'tickets per 100 users']),
  kpi('nps', 'Net Promoter Score', 'sentiment', 'score', 'higher', 30, 0, 3, ['net promoter', 'promoter score'], { min: -100, max: 100 }),
  kpi('csat', 'Customer satisfaction', 'sentiment', 'percent', 'higher', 85, 70, 2, ['customer satisfaction score', 'satisfaction']),
  kpi('survey_response_rate', 'Survey response rate', 'sentiment', 'percent', 'higher', 30, 15, 1, ['survey response', 'response rate']),
  kpi('nrr', 'Net revenue retention (trailing 12 months)', 'revenue', 'percent', 'higher', 110, 100, 3, ['net revenue retention', 'net retention'], { min: 0, max: 300 }),
  kpi('payment_delinquency_days', 'Days payment overdue', 'revenue', 'days', 'lower', 0, 30, 2, ['payment delinquency', 'days overdue', 'overdue days', 'dso']),
  kpi('arr', 'Annual recurring revenue', 'revenue', 'currency', null, 0, 0, 0, ['annual recurring revenue', 'revenue', 'contract value']),
  kpi('exec_sponsor_meetings', 'Executive sponsor meetings (last 90 days)', 'engagement', 'count', 'higher', 2, 1, 2, ['exec sponsor meetings', 'executive meetings', 'exec meetings']),
  kpi('days_since_last_touch', 'Days since last CSM touch', 'engagement', 'days', 'lower', 14, 30, 2, ['last touch', 'days since last contact', 'days since touch']),
  kpi('active_stakeholders', 'Active stakeholders', 'engagement', 'count', 'higher', 5, 3, 1, ['stakeholders', 'active contacts']),
  kpi('qbr_attendance', 'QBR attendance', 'engagement', 'percent', 'higher', 80, 50, 1, ['qbr attendance rate', 'qbr']),
] as const;

export type KpiId = (typeof DEFINITIONS)[number]['id'];

export const KPI_IDS: readonly KpiId[] = DEFINITIONS.map((d) => d.id);

export const DEFAULT_KPIS: readonly KpiDefinition[] = DEFINITIONS;

export function isKpiId(value: unknown): value is KpiId {
  return typeof value === 'string' && (KPI_IDS as readonly string[]).includes(value);
}

/** One account's KPI values for one month. */
export type KpiValues = Partial<Record<KpiId, number>>;
