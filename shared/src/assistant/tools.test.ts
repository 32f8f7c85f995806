import { describe, expect, it } from 'vitest';
import { answerQuestion } from './classify';
import { AssistantToolError, TOOL_ERRORS } from './errors';
import { sampleAssistantCases } from './testing';
import { ASSISTANT_TOOLS, TOOL_ROWS_MAX, runAssistantTool } from './tools';

const acme = sampleAssistantCases().find((c) => c.tenant.slug === 'acme')!.data;

function toolError(run: () => unknown): AssistantToolError {
  try {
    run();
  } catch (error) {
    if (error instanceof AssistantToolError) return error;
    throw error;
  }
  throw new Error('expected an AssistantToolError');
}

describe('ASSISTANT_TOOLS', () => {
  it('are OpenAI function tools with unique names and an object schema that refuses unknown arguments', () => {
    const names = ASSISTANT_TOOLS.map((t) => t.function.name);
    expect(new Set(names).size).toBe(names.length);
    for (const tool of ASSISTANT_TOOLS) {
      expect(tool.type).toBe('function');
      expect(tool.function.name).toMatch(/^[a-z_]{1,64}$/);
      expect(tool.function.description.length).toBeGreaterThan(20);
      expect(tool.function.parameters).toMatchObject({ type: 'object', additionalProperties: false });
      expect(JSON.parse(JSON.stringify(tool.function.parameters))).toEqual(tool.function.parameters);
    }
  });

  it('cover the 16 templates, one tool per family', () => {
    const covered = new Set(ASSISTANT_TOOLS.flatMap((t) => [...t.function.description.matchAll(/\b(\d{1,2})\b/g)].map((m) => Number(m[1]))));
    for (let template = 1; template <= 16; template++) expect(covered.has(template)).toBe(true);
  });

  it('say which arguments are required, with their types', () => {
    const rank = ASSISTANT_TOOLS.find((t) => t.function.name === 'rank_accounts')!.function.parameters;
    expect(rank.required).toEqual(['kpi', 'order']);
    expect(rank.properties?.n).toMatchObject({ type: 'integer', minimum: 1, maximum: 50 });
    expect(rank.properties?.order).toMatchObject({ enum: ['highest', 'lowest'] });
  });
});

describe('runAssistantTool', () => {
  it('gives the same answer as the typed question it stands for', () => {
    expect(runAssistantTool('rank_accounts', { kpi: 'NPS', order: 'highest', n: 3 }, acme)).toEqual(answerQuestion('top 3 accounts by NPS', acme));
    expect(runAssistantTool('explain_health', { accounts: ['kestrel'] }, acme).answer).toBe(answerQuestion('why is Kestrel Biotech green?', acme).answer);
    expect(runAssistantTool('revenue_retention', { period: 'Q3 2025', groupBy: 'segment' }, acme)).toEqual(answerQuestion('NRR by segment for Q3 2025', acme));
  });

  it('takes the arguments as OpenAI sends them, as JSON text', () => {
    expect(runAssistantTool('rank_accounts', '{"kpi":"nps","order":"lowest","n":2}', acme)).toEqual(runAssistantTool('rank_accounts', { kpi: 'nps', order: 'lowest', n: 2 }, acme));
    expect(runAssistantTool('portfolio_summary', '', acme).template).toBe(2);
    expect(toolError(() => runAssistantTool('rank_accounts', '{kpi: nps', acme)).message).toBe('rank_accounts: the arguments are not valid JSON.');
  });

  it('reads a period as from/to months or as words, alike', () => {
    const byMonths = runAssistantTool('revenue_movers', { direction: 'contracted', from: '2025-07', to: '2025-09' }, acme);
    const byWords = runAssistantTool('revenue_movers', { direction: 'contracted', period: 'Q3 2025' }, acme);
    expect(byWords).toEqual(byMonths);
  });

  it('cites what the model must cite: accounts and months, and playbook runs for results', () => {
    const health = runAssistantTool('account_health', { accounts: ['Cobalt Robotics'] }, acme);
    expect(health.citations.map((c) => c.kind)).toEqual(['month', 'account']);
    const results = runAssistantTool('playbook_results', { playbook: 'voc-sprint' }, acme);
    expect(results.citations.some((c) => c.kind === 'playbook_run')).toBe(true);
  });

  it('cuts long tables for the model, and says so', () => {
    const everyone = runAssistantTool('accounts_by_status', { statuses: ['green', 'yellow', 'red', 'unknown'] }, acme);
    expect(everyone.rows.length).toBeLessThanOrEqual(TOOL_ROWS_MAX);
    const longTable = runAssistantTool('explain_health', { accounts: ['Cobalt Robotics', 'Umbra Gaming', 'Lighthouse Retail'] }, acme);
    expect(longTable.rows).toHaveLength(TOOL_ROWS_MAX);
    expect(longTable.answer).toContain(`(Table: the first ${TOOL_ROWS_MAX} of`);
  });

  it.each([
    ['no_such_tool', {}, TOOL_ERRORS.unknownTool, 'There is no tool "no_such_tool"'],
    ['rank_accounts', { kpi: 5, order: 'highest' }, TOOL_ERRORS.invalidArguments, 'rank_accounts: kpi:'],
    ['rank_accounts', { kpi: 'nps', order: 'highest', extra: true }, TOOL_ERRORS.invalidArguments, 'rank_accounts:'],
    ['rank_accounts', { kpi: 'happiness', order: 'highest' }, TOOL_ERRORS.unknownKpi, '"happiness" is not a KPI'],
    ['account_health', { accounts: ['Zephyr Dynamics'] }, TOOL_ERRORS.unknownAccount, 'There is no account named "Zephyr Dynamics"'],
    ['account_health', { accounts: [] }, TOOL_ERRORS.invalidArguments, 'account_health: accounts:'],
    ['accounts_by_status', { segment: 'Government' }, TOOL_ERRORS.unknownSegment, 'The segments are: Enterprise, Mid-Market, SMB'],
    ['playbook_results', { playbook: 'Churn Buster' }, TOOL_ERRORS.unknownPlaybook, 'is not a playbook'],
    ['revenue_retention', { from: '2025-09', to: '2025-03' }, TOOL_ERRORS.badPeriod, 'from ≤ to'],
    ['revenue_retention', { period: 'whenever' }, TOOL_ERRORS.badPeriod, 'Cannot read the period "whenever"'],
  ])('%s(%j) fails with %s', (name, args, code, message) => {
    const error = toolError(() => runAssistantTool(name, args, acme));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });

  it('suggests the account the model probably meant', () => {
    expect(toolError(() => runAssistantTool('account_health', { accounts: ['Kestral Biotek Inc'] }, acme)).message).toContain('Did you mean "Kestrel Biotech"?');
  });
});
