/** What several templates share: scopes, names, the value of a measure, the worst-first order. */
import type { HealthStatus } from '../../health/health';
import { normalizeName } from '../../text/normalize';
import { derived, healthOf, latestValues, nameKey } from '../derived';
import { decimals } from '../format';
import type { Measure, Scope } from '../query';
import type { AssistantAccount, AssistantData } from '../types';

export function nameOf(data: AssistantData, accountId: string): string {
  return derived(data).accountById.get(accountId)?.name ?? accountId;
}

export function ownerName(data: AssistantData, ownerId: string | null): string | null {
  return ownerId === null ? null : (derived(data).memberName.get(ownerId) ?? null);
}

export function inScope(account: AssistantAccount, scope: Scope): boolean {
  if (scope.segment !== null && normalizeName(account.segment) !== normalizeName(scope.segment)) return false;
  return scope.ownerId === null || account.ownerId === scope.ownerId;
}

/** The live accounts within a scope, in the data's order. */
export function scopedAccounts(data: AssistantData, scope: Scope): AssistantAccount[] {
  return derived(data).accounts.filter((a) => inScope(a, scope));
}

/** What follows "accounts" for a scope: " in Enterprise", " owned by Priya Raman", "" for everyone. */
export function scopeText(data: AssistantData, scope: Scope): string {
  const parts: string[] = [];
  if (scope.segment !== null) parts.push(` in ${scope.segment}`);
  if (scope.ownerId !== null) parts.push(` owned by ${ownerName(data, scope.ownerId) ?? 'that CSM'}`);
  return parts.join('');
}

/**
 * An account that churned: ARR 0 and nothing else in the latest month. It is gone, so it is left out of
 * rankings (the "smallest account" is not one that pays nothing) and of data checks.
 */
export function isChurned(data: AssistantData, accountId: string): boolean {
  const values = latestValues(data, accountId);
  return values.arr === 0 && Object.keys(values).length === 1;
}

/** The measure in the latest month: the health score, or the KPI's value; `null` when there is none. */
export function measureValue(data: AssistantData, accountId: string, measure: Measure): number | null {
  if (measure === 'score') return healthOf(data, accountId)?.score ?? null;
  const value = latestValues(data, accountId)[measure];
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** Worst first: the order of every status list (as the portfolio report orders its accounts). */
export const STATUS_ORDER: readonly HealthStatus[] = ['red', 'yellow', 'green', 'unknown'];

export function statusRank(status: HealthStatus): number {
  return STATUS_ORDER.indexOf(status);
}

/** "0.42" → "42%". */
export function riskText(risk: number | null): string {
  return risk === null ? 'n/a' : `${decimals(risk * 100, 0)}%`;
}

/** Ties broken by name then id, so lists come out the same on every device and the server. */
export function byName(data: AssistantData): (a: string, b: string) => number {
  return (a, b) => {
    const na = nameKey(data, a);
    const nb = nameKey(data, b);
    return na < nb ? -1 : na > nb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  };
}
