/**
 * An analytical answer from the language model: stream a completion; while the model asks for tools, run
 * them against the tenant's data and stream again with their results; at most `TOOL_ROUNDS` such rounds,
 * then one last round without tools, so a model that keeps calling still has to answer with what it has.
 *
 * The text streams to the device as it is written (`delta`); the final answer is exactly the streamed text,
 * so replacing the streamed bubble with `done` never changes what the user was reading.
 */
import {
  type AssistantAnswer,
  type AssistantData,
  type ChatRequest,
  type Citation,
  type TurnContext,
} from '@vitals/shared';
import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { usedCitations } from './citations';
import { AssistantError } from './errors';
import { streamRound, type ToolCall } from './model-stream';
import { buildMessages } from './prompt';
import { MODEL_TOOLS, executeTool } from './tools';

/** Rounds in which the model may call tools (each may call several at once). */
export const TOOL_ROUNDS = 4;

export interface ModelSettings {
  readonly client: OpenAI;
  readonly chatModel: string;
  readonly timeoutMs: number;
}

export interface AnalyticalInput {
  readonly model: ModelSettings;
  readonly data: AssistantData;
  readonly request: ChatRequest;
  readonly previous: TurnContext | null;
  /** The retrieval section of the context (prompt.ts `retrievedContext`). */
  readonly retrieved: string;
  /** Runs retrieval found, cited when the answer names them. */
  readonly retrievedRuns: readonly Citation[];
  /** What the engine made of the question (its entities), the base of the next turn's context. */
  readonly engineContext: TurnContext;
  readonly signal: AbortSignal;
  readonly onDelta: (text: string) => Promise<void>;
}

function assistantTurn(text: string, calls: readonly ToolCall[]): ChatCompletionMessageParam {
  return {
    role: 'assistant',
    content: text === '' ? null : text,
    tool_calls: calls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    })),
  };
}

export async function answerWithModel(input: AnalyticalInput): Promise<AssistantAnswer> {
  const { model, data, signal } = input;
  const messages = buildMessages({
    data,
    request: input.request,
    previous: input.previous,
    retrieved: input.retrieved,
  });
  const results: AssistantAnswer[] = [];
  let written = '';
  let newRound = false;
  const onText = async (text: string): Promise<void> => {
    // Text of a later round (after tool results) starts a new paragraph of the one answer.
    const piece = newRound && written.trim() !== '' && !written.endsWith('\n\n') ? `\n\n${text}` : text;
    newRound = false;
    written += piece;
    await input.onDelta(piece);
  };

  for (let round = 0; round <= TOOL_ROUNDS; round++) {
    newRound = true;
    const result = await streamRound({
      client: model.client,
      model: model.chatModel,
      messages,
      tools: MODEL_TOOLS,
      toolChoice: round < TOOL_ROUNDS ? 'auto' : 'none',
      timeoutMs: model.timeoutMs,
      signal,
      onText,
    });
    if (result.toolCalls.length === 0) break;
    messages.push(assistantTurn(result.text, result.toolCalls));
    for (const call of result.toolCalls) {
      const outcome = executeTool(call, data);
      if (outcome.answer) results.push(outcome.answer);
      messages.push({ role: 'tool', tool_call_id: call.id, content: outcome.content });
    }
  }
  if (written.trim() === '') {
    throw new AssistantError(
      'model-no-answer',
      'The language model ended without an answer. Try asking in other words.',
    );
  }
  return analyticalAnswer(written, results, input);
}

function analyticalAnswer(
  text: string,
  results: readonly AssistantAnswer[],
  input: AnalyticalInput,
): AssistantAnswer {
  const citations = usedCitations(text, {
    tools: results.flatMap((r) => r.citations),
    retrieval: input.retrievedRuns,
  });
  // The table behind the answer, when exactly one tool produced one: with several it would be a guess.
  const tables = results.filter((r) => r.rows.length > 0 || r.chart !== null);
  const table = tables.length === 1 ? tables[0]! : null;
  const accountIds = citations.filter((c) => c.kind === 'account').map((c) => c.ref);
  return {
    kind: 'analytical',
    template: null,
    answer: text,
    columns: table?.columns ?? [],
    rows: table?.rows ?? [],
    chart: table?.chart ?? null,
    citations,
    context: {
      ...input.engineContext,
      accountIds: accountIds.length > 0 ? accountIds.slice(0, 100) : input.engineContext.accountIds,
    },
  };
}
