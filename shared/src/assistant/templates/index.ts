/** Runs a resolved query with its template: the one dispatch the classifier and the LLM tools share. */
import type { AssistantQuery } from '../query';
import type { AssistantAnswer, AssistantData } from '../types';
import { accountHealthAnswer, whyAnswer } from './account-health';
import { averagesAnswer } from './averages';
import { compareAnswer } from './compare';
import { dataChecksAnswer } from './data-checks';
import { moversAnswer } from './movers';
import { playbookFitAnswer } from './playbook-fit';
import { playbookResultsAnswer } from './playbook-results';
import { portfolioSummary } from './portfolio-summary';
import { ranking } from './ranking';
import { renewalsAnswer } from './renewals';
import { retentionAnswer } from './retention';
import { statusChangesAnswer } from './status-changes';
import { statusList } from './status-list';
import { trendAnswer } from './trend';

export function runQuery(query: AssistantQuery, data: AssistantData): AssistantAnswer {
  switch (query.template) {
    case 1:
      return statusList(query, data);
    case 2:
      return portfolioSummary(query, data);
    case 3:
      return accountHealthAnswer(query, data);
    case 4:
      return whyAnswer(query, data);
    case 5:
    case 6:
      return ranking(query, data);
    case 7:
      return trendAnswer(query, data);
    case 8:
      return compareAnswer(query, data);
    case 9:
      return retentionAnswer(query, data);
    case 10:
      return moversAnswer(query, data);
    case 11:
      return renewalsAnswer(query, data);
    case 12:
      return playbookFitAnswer(query, data);
    case 13:
      return playbookResultsAnswer(query, data);
    case 14:
      return statusChangesAnswer(query, data);
    case 15:
      return averagesAnswer(query, data);
    case 16:
      return dataChecksAnswer(query, data);
  }
}
