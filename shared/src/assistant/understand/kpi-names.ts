/**
 * What people call each KPI in a question. The catalog's ids, names and header aliases come first (so a
 * tenant's spreadsheet words work here too); these add what people say out loud: "NPS", "utilization",
 * "tickets", "ARR". The health score counts as a measure too ("top 5 by health").
 */
import { DEFAULT_KPIS, type KpiId } from '../../kpi/catalog';
import { normalizeName } from '../../text/normalize';
import type { Measure } from '../query';

const SPOKEN: Readonly<Record<KpiId, readonly string[]>> = {
  license_utilization: ['utilization', 'utilisation', 'licence utilization', 'license utilisation', 'licence utilisation', 'seat usage', 'seats', 'seat utilisation', 'licenses used', 'license use', 'licence usage', 'licenses', 'licences'],
  dau_mau: ['dau', 'mau', 'stickiness', 'daily active users', 'dau to mau'],
  feature_adoption: ['key features', 'adoption rate', 'feature use', 'features adopted'],
  time_to_value_days: ['time to value', 'onboarding time', 'time to first value'],
  sla_breach_rate: ['sla', 'slas', 'sla breach rate', 'breach rate', 'breaches', 'sla breaches', 'sla misses'],
  first_response_hours: ['response time', 'response times', 'first response', 'first response time', 'first reply time'],
  escalations: ['escalation', 'escalations', 'escalated tickets'],
  tickets_per_100_users: ['tickets', 'ticket', 'ticket volume', 'support tickets', 'ticket count', 'support volume', 'ticket load'],
  nps: ['nps', 'net promoter', 'net promoter score', 'promoter score'],
  csat: ['csat', 'satisfaction', 'customer satisfaction', 'satisfaction score'],
  survey_response_rate: ['survey response', 'survey responses', 'survey response rate', 'response rate', 'survey rate'],
  nrr: ['nrr', 'net revenue retention', 'net retention', 'revenue retention'],
  payment_delinquency_days: ['payment delinquency', 'delinquency', 'days overdue', 'overdue', 'overdue days', 'late payment', 'late payments', 'payment overdue', 'dso'],
  arr: ['arr', 'annual recurring revenue', 'recurring revenue', 'revenue', 'contract value'],
  exec_sponsor_meetings: ['exec meetings', 'executive meetings', 'sponsor meetings', 'exec sponsor meetings', 'executive sponsor meetings', 'exec sponsor', 'executive sponsor'],
  days_since_last_touch: ['last touch', 'days since last touch', 'days since contact', 'last contact', 'days since last contact', 'days since touch'],
  active_stakeholders: ['stakeholders', 'active stakeholders', 'contacts', 'stakeholder'],
  qbr_attendance: ['qbr', 'qbrs', 'qbr attendance'],
};

const SCORE_WORDS = ['health score', 'health scores', 'score', 'scores', 'health', 'account score', 'overall score'];

/** Normalised phrase → measure, for every way of naming one. */
export function measurePhrases(): Map<string, Measure> {
  const phrases = new Map<string, Measure>();
  const add = (text: string, measure: Measure): void => {
    const key = normalizeName(text);
    if (key !== '' && !phrases.has(key)) phrases.set(key, measure);
  };
  for (const kpi of DEFAULT_KPIS) {
    add(kpi.id.replace(/_/g, ' '), kpi.id);
    add(kpi.name, kpi.id);
    for (const alias of kpi.aliases) add(alias, kpi.id);
    for (const spoken of SPOKEN[kpi.id]) add(spoken, kpi.id);
  }
  for (const word of SCORE_WORDS) add(word, 'score');
  return phrases;
}
