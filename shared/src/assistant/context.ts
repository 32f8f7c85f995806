/**
 * The turn context: what one answer leaves for the next question's follow-up words. Contexts travel through
 * the network and the local database, so anything read back is checked here before a template trusts it.
 */
import { isKpiId } from '../kpi/catalog';
import { isPlaybookId } from '../playbooks/definitions';
import { isMonth } from '../time/months';
import type { HealthStatus } from '../health/health';
import type { TemplateId, TurnContext, TurnSettings } from './types';

/** The schema's bound (chat-protocol.ts): a context lists at most this many accounts. */
export const CONTEXT_ACCOUNTS_MAX = 100;

export function emptyTurnContext(): TurnContext {
  return { accountIds: [], kpi: null, playbookId: null, segment: null, ownerId: null, period: null, template: null, settings: null };
}

const STATUSES: readonly HealthStatus[] = ['green', 'yellow', 'red', 'unknown'];

function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 16;
}

function text(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : null;
}

function cleanSettings(value: unknown): TurnSettings | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Record<string, unknown>;
  const whole = (v: unknown, max: number): number | undefined =>
    typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max ? v : undefined;
  const statuses = Array.isArray(raw.statuses)
    ? raw.statuses.filter((s): s is HealthStatus => STATUSES.includes(s as HealthStatus))
    : undefined;
  const settings: TurnSettings = {
    n: whole(raw.n, 100),
    statuses: statuses && statuses.length > 0 ? statuses : undefined,
    direction: text(raw.direction, 20) ?? undefined,
    groupBy: text(raw.groupBy, 20) ?? undefined,
    days: whole(raw.days, 3660),
  };
  return Object.values(settings).some((v) => v !== undefined) ? settings : null;
}

/**
 * A context as a template may use it: unknown KPI or playbook ids, malformed months and out-of-range
 * settings become "none" rather than errors, because a stale context must never break the next question.
 */
export function sanitizeTurnContext(value: unknown): TurnContext {
  if (typeof value !== 'object' || value === null) return emptyTurnContext();
  const raw = value as Record<string, unknown>;
  const accountIds = Array.isArray(raw.accountIds)
    ? raw.accountIds.filter((id): id is string => typeof id === 'string' && id.length <= 80).slice(0, CONTEXT_ACCOUNTS_MAX)
    : [];
  const period = raw.period as { from?: unknown; to?: unknown } | null | undefined;
  return {
    accountIds,
    kpi: isKpiId(raw.kpi) ? raw.kpi : null,
    playbookId: isPlaybookId(raw.playbookId) ? raw.playbookId : null,
    segment: text(raw.segment, 120),
    ownerId: text(raw.ownerId, 80),
    period:
      period && isMonth(period.from) && isMonth(period.to) && period.from <= period.to
        ? { from: period.from, to: period.to }
        : null,
    template: isTemplateId(raw.template) ? raw.template : null,
    settings: cleanSettings(raw.settings),
  };
}
