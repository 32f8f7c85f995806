/**
 * The assistant's query engine (DOMAIN.md "The assistant"): classify a question, answer it on the device
 * from local data when it matches a template, and give the server's model the same templates as tools.
 */
export * from './types';
export * from './chat-protocol';
export { emptyTurnContext, sanitizeTurnContext } from './context';
export { classifyQuestion, answerQuestion, ANALYTICAL_ANSWER, type Classification, type AnalyticalReason } from './classify';
export { ASSISTANT_TOOLS, ASSISTANT_TOOL_NAMES, TOOL_ROWS_MAX, runAssistantTool, type AssistantToolDefinition } from './tools';
export { AssistantToolError, TOOL_ERRORS, type ToolErrorCode } from './errors';
export { assistantDataFromDocuments, seriesFromMeasurements, type AssistantDocuments } from './data';
export { runQuery } from './templates';
export { warmAssistantData } from './warm';
export type { AssistantQuery, Measure as AssistantMeasure, Period as AssistantPeriod, Scope as AssistantScope } from './query';
