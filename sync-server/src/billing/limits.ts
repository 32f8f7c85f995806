/**
 * The plan's limits, enforced where a workspace grows: inviting, pushing, importing, asking the model.
 * Each check runs inside the writing transaction (after the tenant's write lock where there is one), so it
 * sees the state the write lands on. A refusal is a 402 whose details are the `LimitExceeded`, for the
 * device to show the way up. Nothing already stored is ever removed: a workspace over its limit (after a
 * downgrade) keeps everything, may shrink, and may edit what it has; it only cannot grow.
 */
import {
  checkLimit,
  limitOf,
  type ChatEvent,
  type LimitExceeded,
  type LimitKind,
  type Usage,
} from '@vitals/shared';
import type { Retriever } from '../assistant/retrieval';
import type { AssistantServices } from '../assistant/services';
import type { Config } from '../config';
import type { Database, TransactionSql } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { ApiError } from '../errors';
import type { Logger } from '../logger';
import { readTenantPlan } from './tenant-plan';
import { countAiQuestion, readUsageOf } from './usage';

export const PLAN_LIMIT_CODE = 'plan-limit';

export interface LimitDeps {
  readonly config: Pick<Config, 'billing'>;
  readonly now: () => Date;
}

const USAGE_FIELD: Readonly<Record<LimitKind, keyof Usage>> = {
  users: 'users',
  accounts: 'accounts',
  storage: 'storageBytes',
  'ai-questions': 'aiQuestionsThisMonth',
};
const NO_USAGE: Usage = { users: 0, accounts: 0, storageBytes: 0, aiQuestionsThisMonth: 0 };

/**
 * Summing a workspace's storage reads every document, and almost every push adds bytes: measured on each one, it
 * would cost more than the push. So a measurement is remembered for a minute, with the growth allowed since, and a
 * push is let through without measuring while that stays under 90 % of the limit. Near the limit every push is
 * measured. (Per process: another instance's writes are seen at the next measurement, at most a minute later,
 * and the 10 % margin is far more than a minute of pushes can add.)
 */
const STORAGE_MEASURE_TTL_MS = 60_000;
const STORAGE_SHORTCUT_FRACTION = 0.9;
const storageSeen = new Map<string, { bytes: number; at: number }>();

function clearlyWithinStorage(tenantId: string, limit: number, requested: number, now: Date): boolean {
  const seen = storageSeen.get(tenantId);
  if (!seen || now.getTime() - seen.at > STORAGE_MEASURE_TTL_MS) return false;
  if (seen.bytes + requested > limit * STORAGE_SHORTCUT_FRACTION) return false;
  seen.bytes += requested;
  return true;
}

function rememberStorage(tenantId: string, bytes: number, now: Date): void {
  storageSeen.set(tenantId, { bytes, at: now.getTime() });
}

/** 402 Payment Required: the request was fine, the plan is what stands in the way. */
export function planLimitError(exceeded: LimitExceeded): ApiError {
  return new ApiError(402, PLAN_LIMIT_CODE, exceeded.message, exceeded);
}

/**
 * Why adding `requested` more of `kind` would exceed the tenant's plan, or `null` when it fits. Only the
 * usage of `kind` is read, and none at all when the plan has no limit for it or nothing is added.
 */
export async function findLimitExceeded(
  tx: TransactionSql,
  deps: LimitDeps,
  tenantId: string,
  kind: LimitKind,
  requested: number,
): Promise<LimitExceeded | null> {
  if (!(requested > 0)) return null;
  const now = deps.now();
  const { plan } = await readTenantPlan(tx, tenantId, deps.config.billing, now);
  if (limitOf(plan, kind) === null) return null;
  const limit = limitOf(plan, kind)!;
  if (kind === 'storage' && clearlyWithinStorage(tenantId, limit, requested, now)) return null;
  const current = await readUsageOf(tx, tenantId, kind, now);
  if (kind === 'storage') rememberStorage(tenantId, current, now);
  // checkLimit reads only the field of `kind`; the others are not counted, so they are not made up.
  const result = checkLimit(plan, { ...NO_USAGE, [USAGE_FIELD[kind]]: current }, kind, requested);
  if (result.ok) return null;
  const { ok: _ok, ...exceeded } = result;
  return exceeded;
}

/** Throws the plan-limit ApiError when adding `requested` more of `kind` would exceed the tenant's plan. */
export async function enforceLimit(
  tx: TransactionSql,
  deps: LimitDeps,
  tenantId: string,
  kind: LimitKind,
  requested: number,
): Promise<void> {
  const exceeded = await findLimitExceeded(tx, deps, tenantId, kind, requested);
  if (exceeded) throw planLimitError(exceeded);
}

/** A document as written or as stored before: only whether it is a tombstone matters here, and its size. */
type Doc = Readonly<Record<string, unknown>> & { readonly _deleted: boolean };

/** What writing some documents of one collection adds to a workspace; negative when it shrinks. */
export interface Growth {
  /** Accounts that come to exist (new, or a deleted one restored) minus those deleted. */
  readonly accounts: number;
  /** The documents' JSON size in bytes minus that of the copies they replace. */
  readonly bytes: number;
}

const isLive = (doc: Doc | undefined): boolean => doc !== undefined && !doc._deleted;

/**
 * The JSON length stands in for the stored size (usage.ts measures `pg_column_size`, the compressed jsonb):
 * it is known before writing, and it over- rather than under-estimates, so a write near the limit is refused
 * a little early, never let far past it. The server's `seq` is not part of a document's size.
 */
function jsonBytes(doc: Doc | undefined): number {
  if (doc === undefined) return 0;
  const { seq: _seq, ...rest } = doc;
  return Buffer.byteLength(JSON.stringify(rest), 'utf8');
}

export function growthOf(
  collection: string,
  documents: readonly (Doc & { readonly id: string })[],
  before: ReadonlyMap<string, Doc>,
): Growth {
  let accounts = 0;
  let bytes = 0;
  for (const doc of documents) {
    const previous = before.get(doc.id);
    if (collection === 'accounts') accounts += Number(isLive(doc)) - Number(isLive(previous));
    const delta = jsonBytes(doc) - jsonBytes(previous);
    // A tombstone keeps the document and adds its deletion's clock, so it is a little larger; counted as
    // growth, a workspace at its storage limit could not delete anything.
    bytes += doc._deleted ? Math.min(0, delta) : delta;
  }
  return { accounts, bytes };
}

/** Accounts first: "the plan allows 5 accounts" says more than a size when a write exceeds both. */
export async function findGrowthExceeded(
  tx: TransactionSql,
  deps: LimitDeps,
  tenantId: string,
  growth: Growth,
): Promise<LimitExceeded | null> {
  return (
    (await findLimitExceeded(tx, deps, tenantId, 'accounts', growth.accounts)) ??
    (await findLimitExceeded(tx, deps, tenantId, 'storage', growth.bytes))
  );
}

export async function enforceGrowth(
  tx: TransactionSql,
  deps: LimitDeps,
  tenantId: string,
  growth: Growth,
): Promise<void> {
  const exceeded = await findGrowthExceeded(tx, deps, tenantId, growth);
  if (exceeded) throw planLimitError(exceeded);
}

/** The growth of a write that spans collections (an import: accounts, their months, the version). */
export function totalGrowth(parts: readonly Growth[]): Growth {
  return parts.reduce(
    (sum, part) => ({ accounts: sum.accounts + part.accounts, bytes: sum.bytes + part.bytes }),
    {
      accounts: 0,
      bytes: 0,
    },
  );
}

/** What metering one chat turn needs: the limit's deps, a database and somewhere to log a failed count. */
export interface ChatMeterDeps extends LimitDeps {
  readonly db: Database;
  readonly log: Logger;
}

export interface ChatMeter {
  /** The services to answer with: the model left out when the month's questions are used up. */
  readonly services: AssistantServices;
  /** Each event on its way to the device: counts an answer the model wrote, or turns the limit into an error. */
  readonly pass: (event: ChatEvent) => Promise<ChatEvent>;
}

/**
 * The monthly AI-question limit around one chat turn. Whether a question needs the model is only known
 * inside the turn (the query engine decides), so: with questions left, the turn runs as always and an
 * analytical answer counts once it is done; with none left, the turn runs without the model (and without
 * retrieval, which would embed the question for nothing) — deterministic answers still come, and the
 * analytical one, which would have needed the model, becomes the limit's error. Without a model configured
 * nothing is counted: every answer is then the device-grade engine's or the "no model" note. Two questions
 * racing for the last place may both be answered: a question is never refused after it was let in.
 */
export async function meterChatTurn(
  deps: ChatMeterDeps,
  scope: { readonly tenantId: string; readonly userId: string },
  services: AssistantServices,
): Promise<ChatMeter> {
  if (services.model === null) return { services, pass: (event) => Promise.resolve(event) };
  const { tenantId } = scope;
  const exceeded = await withScope(deps.db.sql, scope, (tx) =>
    findLimitExceeded(tx, deps, tenantId, 'ai-questions', 1),
  );
  if (exceeded) {
    const retriever: Retriever = { ...services.retriever, retrieve: () => Promise.resolve([]) };
    return {
      services: { model: null, retriever },
      pass: (event) =>
        Promise.resolve(
          event.event === 'done' && event.data.kind === 'analytical'
            ? { event: 'error', data: { code: PLAN_LIMIT_CODE, message: exceeded.message } }
            : event,
        ),
    };
  }
  return {
    services,
    async pass(event) {
      if (event.event !== 'done' || event.data.kind !== 'analytical') return event;
      // The answer is written: a failed count is logged, never the reason the person loses it.
      await withScope(deps.db.sql, scope, (tx) => countAiQuestion(tx, tenantId, deps.now())).catch(
        (error: unknown) => {
          deps.log.error('counting an AI question failed', { tenantId, error });
        },
      );
      return event;
    },
  };
}
