/**
 * Errors of the LLM tools, as one typed error with reason codes: the server turns a code into a tool result
 * the model can read and correct ("no account named …; did you mean …?") instead of a crash.
 */
export const TOOL_ERRORS = {
  unknownTool: 'unknown_tool',
  invalidArguments: 'invalid_arguments',
  unknownAccount: 'unknown_account',
  unknownKpi: 'unknown_kpi',
  unknownPlaybook: 'unknown_playbook',
  unknownSegment: 'unknown_segment',
  unknownCsm: 'unknown_csm',
  badPeriod: 'bad_period',
} as const;
export type ToolErrorCode = (typeof TOOL_ERRORS)[keyof typeof TOOL_ERRORS];

export class AssistantToolError extends Error {
  constructor(
    readonly code: ToolErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AssistantToolError';
  }
}
