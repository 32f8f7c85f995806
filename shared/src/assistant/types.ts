/**
 * The assistant's contract: what the query engine reads, what it answers, and what a turn carries into the
 * next one for follow-ups ("it", "them", "that account", "those"). The device, the server's LLM tools and
 * `vitals ask` all use these types, so an answer means the same thing wherever it was computed.
 */
import type { AccountSeries } from '../health/portfolio';
import type { HealthStatus } from '../health/health';
import type { KpiId } from '../kpi/catalog';
import type { Catalog } from '../kpi/overrides';
import type { PlaybookId } from '../playbooks/definitions';
import type { PlaybookRules } from '../playbooks/triggers';
import type { AccountDoc } from '../schemas/accounts';
import type { PlaybookRunDoc } from '../schemas/playbook-runs';
import type { IsoDate, Month } from '../units';

/** The 16 quick-query templates of DOMAIN.md "The assistant", by number. */
export type TemplateId = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16;

export type QuestionKind = 'deterministic' | 'analytical';

export type AssistantAccount = Pick<AccountDoc, 'id' | 'name' | 'segment' | 'ownerId' | 'renewalDate' | '_deleted'>;

/** Everything an answer may read: one tenant's data as the device (or server) holds it. */
export interface AssistantData {
  readonly accounts: readonly AssistantAccount[];
  /** KPI values by account and month (ARR is the `arr` KPI). */
  readonly series: readonly AccountSeries[];
  readonly catalog: Catalog;
  /** For CSM names (accounts' `ownerId`). */
  readonly members: readonly { readonly id: string; readonly name: string }[];
  readonly runs: readonly PlaybookRunDoc[];
  /** Today on the caller's clock: renewal windows and relative periods ("last quarter") count from here. */
  readonly today: IsoDate;
  /** The tenant's playbook thresholds (`resolvePlaybookRules`), as the playbooks screen uses; the defaults otherwise. */
  readonly playbookRules?: Readonly<Record<PlaybookId, PlaybookRules>>;
}

/** What a turn leaves for the next question's follow-up words; plain JSON, so it can be stored and sent. */
export interface TurnContext {
  /** The accounts the turn was about or listed, in its order ("it" = the first, "them"/"those" = all). */
  readonly accountIds: readonly string[];
  readonly kpi: KpiId | null;
  readonly playbookId: PlaybookId | null;
  readonly segment: string | null;
  /** A member id. */
  readonly ownerId: string | null;
  readonly period: { readonly from: Month; readonly to: Month } | null;
  /**
   * The template the turn answered and its settings, so "what about SMB?" asks it again with one thing
   * changed. Optional: contexts stored or sent before these fields existed lack them.
   */
  readonly template?: TemplateId | null;
  readonly settings?: TurnSettings | null;
}

/** A template's settings besides the entities above (plain JSON, like the rest of the context). */
export interface TurnSettings {
  /** How many accounts a ranking lists ("top 5"). */
  readonly n?: number;
  /** The statuses a status list keeps ("red", "at risk" = red and yellow). */
  readonly statuses?: readonly HealthStatus[];
  /** Revenue movers: expanded, contracted or churned; status changes: worse, better or any. */
  readonly direction?: string;
  /** Averages and retention: tenant, segment, csm or category. */
  readonly groupBy?: string;
  /** Renewal window in days. */
  readonly days?: number;
}

export interface Citation {
  readonly kind: 'account' | 'month' | 'playbook_run' | 'version';
  /** The cited document's id; for a month, the month itself. */
  readonly ref: string;
  readonly label: string;
}

export interface AnswerColumn {
  readonly key: string;
  readonly label: string;
  readonly numeric?: boolean;
}

/** One table row; `accountId` makes the row link to the account. */
export interface AnswerRow {
  readonly accountId?: string;
  readonly cells: Readonly<Record<string, string | number | null>>;
}

/** What a chart needs: months (or labels) on x, one line or bar group per series. */
export interface AnswerChart {
  readonly type: 'line' | 'bar';
  readonly title: string;
  readonly x: readonly string[];
  readonly series: readonly { readonly label: string; readonly values: readonly (number | null)[] }[];
}

export interface AssistantAnswer {
  readonly kind: QuestionKind;
  /** The template answered; `null` for an analytical question. */
  readonly template: TemplateId | null;
  /** A plain, specific sentence (or a few) with the numbers. For an analytical question: what happens next. */
  readonly answer: string;
  readonly columns: readonly AnswerColumn[];
  readonly rows: readonly AnswerRow[];
  readonly chart: AnswerChart | null;
  readonly citations: readonly Citation[];
  /** Carried into the next question for follow-ups. */
  readonly context: TurnContext;
}
