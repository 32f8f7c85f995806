/**
 * Running the model's tool calls against the tenant's data with the query engine (`runAssistantTool`), and
 * writing each result back as the model reads it: the answer sentence, the table (bounded), and the names it
 * may cite. A call the engine refuses (unknown tool, bad arguments) goes back to the model as an error it
 * can correct on its next round; anything else is a bug and ends the answer.
 */
import {
  ASSISTANT_TOOLS,
  AssistantToolError,
  runAssistantTool,
  type AssistantAnswer,
  type AssistantData,
} from '@vitals/shared';
import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import type { ToolCall } from './model-stream';

/** The engine's tool definitions in the SDK's type (the JSON Schema is the same object). */
export const MODEL_TOOLS: readonly ChatCompletionTool[] = ASSISTANT_TOOLS.map((tool) => ({
  type: 'function',
  function: {
    name: tool.function.name,
    description: tool.function.description,
    parameters: { ...tool.function.parameters },
  },
}));

export interface ToolOutcome {
  /** What goes back to the model as the tool message. */
  readonly content: string;
  /** The engine's answer; `null` when the call was refused. */
  readonly answer: AssistantAnswer | null;
}

/**
 * The engine's answer as compact JSON: rows keyed by column label, so the model never sees internal keys.
 * The engine has already cut the table to TOOL_ROWS_MAX rows and said so in the sentence.
 */
export function toolResultText(answer: AssistantAnswer): string {
  const rows = answer.rows.map((row) =>
    Object.fromEntries(answer.columns.map((column) => [column.label, row.cells[column.key] ?? null])),
  );
  return JSON.stringify({
    answer: answer.answer,
    rows,
    ...(answer.chart
      ? { chart: { title: answer.chart.title, x: answer.chart.x, series: answer.chart.series } }
      : {}),
    cite: answer.citations.map((c) => `${c.kind}: ${c.label}`),
  });
}

const refused = (message: string): ToolOutcome => ({
  content: JSON.stringify({ error: message }),
  answer: null,
});

export function executeTool(call: ToolCall, data: AssistantData): ToolOutcome {
  let args: unknown;
  try {
    args = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
  } catch {
    return refused(
      `The arguments of ${call.name} were not valid JSON. Send a JSON object that matches the tool's parameters.`,
    );
  }
  try {
    const answer = runAssistantTool(call.name, args, data);
    return { content: toolResultText(answer), answer };
  } catch (error) {
    if (error instanceof AssistantToolError) return refused(error.message);
    throw error;
  }
}
