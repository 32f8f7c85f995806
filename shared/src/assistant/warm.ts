/**
 * Builds what questions share ahead of the first question: portfolio health of the latest month, every
 * trigger context and recommendation, revenue inputs, the name index and the data checks. On 2,000 accounts ×
 * 24 months that is a few hundred milliseconds once; the device can call this when its data changes (off
 * the main thread, or when idle) so that no question pays for it and each stays within DESIGN.md's 10 ms.
 */
import { currentHealth, recommendations, revenueAccounts } from './derived';
import { dataProblems } from './templates/data-checks';
import type { AssistantData } from './types';
import { entityIndex } from './understand/entities';

export function warmAssistantData(data: AssistantData): void {
  entityIndex(data);
  currentHealth(data);
  recommendations(data);
  revenueAccounts(data);
  dataProblems(data);
}
