/**
 * One chat turn, start to finish: read the tenant's data, let the query engine answer what it can (a
 * deterministic question is done at once, with or without a model), otherwise retrieve what the tenant's
 * playbook runs say about the question and let the language model answer with the engine's tools — or,
 * with no model configured, say so plainly. Every turn ends with exactly one `done` or one `error` event.
 */
import {
  answerQuestion,
  sanitizeTurnContext,
  type AssistantAnswer,
  type AssistantData,
  type ChatEvent,
  type ChatRequest,
  type Citation,
} from '@vitals/shared';
import type { Sql } from '../db/connect';
import type { Logger } from '../logger';
import { answerWithModel } from './analytical';
import { AssistantError, ClientGone } from './errors';
import { runCitation, tenantPassages } from './passages';
import { retrievedContext } from './prompt';
import type { RetrievedPassage } from './retrieval';
import type { AssistantServices } from './services';
import { loadAssistantData, todayOf } from './tenant-data';

/** Passages put before the model: enough to cover a question about a few runs, small for the context. */
export const RETRIEVED_PASSAGES = 5;

export const NO_MODEL_ANSWER =
  'This server has no language model configured, so it cannot answer open-ended questions like this one. ' +
  'Questions that match the quick queries are answered on your device, even offline — for example ' +
  '"Which accounts are red?", "Why is <account> yellow?", "Top 5 accounts by NPS", "Renewals in the next 90 days" ' +
  'or "Results of VoC Sprint". An admin can connect a model by setting OPENAI_API_KEY on the server.';

export interface ChatTurn {
  readonly tenantId: string;
  readonly userId: string;
  readonly request: ChatRequest;
  /** Aborted with ClientGone when the device closes the stream. */
  readonly signal: AbortSignal;
}

export interface ChatDeps {
  readonly sql: Sql;
  readonly now: () => Date;
  readonly log: Logger;
}

export type Emit = (event: ChatEvent) => Promise<void>;

interface Retrieval {
  /** The context section for the model. */
  readonly text: string;
  /** The runs found, as citations. */
  readonly runs: readonly Citation[];
}

export async function runChatTurn(
  services: AssistantServices,
  deps: ChatDeps,
  turn: ChatTurn,
  emit: Emit,
): Promise<void> {
  const started = performance.now();
  try {
    const answer = await answerTurn(services, deps, turn, emit);
    await emit({ event: 'done', data: answer });
    deps.log.debug('assistant answered', {
      tenantId: turn.tenantId,
      kind: answer.kind,
      ms: Math.round(performance.now() - started),
    });
  } catch (error) {
    if (turn.signal.aborted || error instanceof ClientGone) {
      deps.log.debug('assistant turn abandoned: the device closed the stream', { tenantId: turn.tenantId });
      return;
    }
    if (error instanceof AssistantError) {
      deps.log.warn('assistant answer failed', {
        tenantId: turn.tenantId,
        code: error.code,
        error: error.cause ?? error,
      });
      await emit({ event: 'error', data: { code: error.code, message: error.message } });
      return;
    }
    deps.log.error('assistant turn failed', { tenantId: turn.tenantId, error });
    await emit({
      event: 'error',
      data: {
        code: 'internal',
        message: 'Something went wrong on the server while answering. It has been logged.',
      },
    });
  }
}

async function answerTurn(
  services: AssistantServices,
  deps: ChatDeps,
  turn: ChatTurn,
  emit: Emit,
): Promise<AssistantAnswer> {
  const { tenantId, userId, request, signal } = turn;
  const data = await loadAssistantData(deps.sql, { tenantId, userId, today: todayOf(deps.now()) });
  const previous = request.context ? sanitizeTurnContext(request.context) : null;
  const engine = answerQuestion(request.question, data, previous);
  if (engine.kind === 'deterministic') return engine;

  const retrieval = await retrieve(services, deps.log, turn, data);
  if (!services.model) return noModelAnswer(engine, retrieval.runs);
  return answerWithModel({
    model: services.model,
    data,
    request,
    previous,
    retrieved: retrieval.text,
    retrievedRuns: retrieval.runs,
    engineContext: engine.context,
    signal,
    onDelta: (text) => emit({ event: 'delta', data: { text } }),
  });
}

/**
 * Retrieval helps but is not essential: if the index or the embedding endpoint fails, the answer goes on
 * without run notes, the model is told they were unavailable, and the failure is logged for an admin.
 */
async function retrieve(
  services: AssistantServices,
  log: Logger,
  turn: ChatTurn,
  data: AssistantData,
): Promise<Retrieval> {
  const passages = tenantPassages(data);
  let hits: RetrievedPassage[] | null;
  try {
    hits = await services.retriever.retrieve(turn.tenantId, passages, turn.request.question, {
      limit: RETRIEVED_PASSAGES,
      signal: turn.signal,
    });
  } catch (error) {
    if (turn.signal.aborted) throw turn.signal.reason;
    log.warn('assistant retrieval failed; answering without run notes', {
      tenantId: turn.tenantId,
      index: services.retriever.index.description,
      error,
    });
    hits = null;
  }
  const names = new Map(data.accounts.map((a) => [a.id, a.name]));
  const runs = new Map(data.runs.map((r) => [r.id, r]));
  const cited = new Map<string, Citation>();
  for (const hit of hits ?? []) {
    const run = hit.passage.runId === null ? undefined : runs.get(hit.passage.runId);
    if (run && !cited.has(run.id)) {
      cited.set(run.id, runCitation(run, names.get(run.accountId) ?? 'an unlisted account'));
    }
  }
  const labels = new Map([...cited].map(([id, c]) => [id, c.label]));
  return { text: retrievedContext(hits, labels), runs: [...cited.values()] };
}

function noModelAnswer(engine: AssistantAnswer, related: readonly Citation[]): AssistantAnswer {
  const hint =
    related.length > 0
      ? ` Playbook runs whose notes may be related: ${related.map((c) => c.label).join('; ')}.`
      : '';
  return {
    ...engine,
    kind: 'analytical',
    template: null,
    answer: NO_MODEL_ANSWER + hint,
    columns: [],
    rows: [],
    chart: null,
    citations: related,
  };
}
