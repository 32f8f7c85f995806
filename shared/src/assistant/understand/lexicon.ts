/**
 * The words the query templates understand. A question is answered on the device only when every word in
 * it is one of these, a number, or part of a resolved entity (an account, KPI, CSM, segment, playbook,
 * status or period): an unknown word may change the meaning ("why are enterprise accounts *churning* more?"),
 * so such a question goes to the server's model, which can reason about it, rather than getting a
 * confident answer to a question it did not ask.
 */

/** Words that carry no meaning a template needs: question words, articles, pronouns, politeness. */
const FILLERS = `
a an the of for to in on at by with from into about as and or but than then vs versus per each every all any
is are was were be been being am do does did done doing have has had having get gets got getting
can could would will shall may might must should please kindly just also only still now currently right
what which who whom whose where when how whats hows wheres whos
i me my we us our ours you your it its they them their theirs this that these those there here
s t d ll re ve m
show showing tell give list display see find let know view pull bring up out look looking lookup
over under across within between since during until till through
one ones account accounts customer customers client clients company companies logo logos
doing going looking currently today latest current recent recently now month months
much many number count counts total totals
some same other else again too very really quite more less fewer most
yes no not none
data our portfolio book
accts acct custs soon anything anyone anybody someone ones right either both whether like kind sort
`;

/** Cue words per template family, checked by the classifier. Each also counts as understood. */
export const CUES = {
  status: ['status', 'statuses', 'state', 'health', 'healthy', 'unhealthy', 'score', 'scores', 'scored', 'scoring'],
  risk: ['risk', 'risks', 'risky', 'danger', 'trouble', 'troubled', 'struggling', 'critical', 'concern', 'concerning', 'watch', 'worry', 'flagged', 'attention', 'red', 'yellow', 'amber', 'green'],
  summary: ['summary', 'summarise', 'summarize', 'overview', 'breakdown', 'overall', 'portfolio', 'dashboard', 'snapshot', 'distribution', 'split', 'tally', 'everyone', 'everything', 'whole', 'entire', 'together'],
  why: ['why', 'drivers', 'driver', 'driving', 'drives', 'reason', 'reasons', 'explain', 'explanation', 'cause', 'causes', 'causing', 'dragging', 'hurting', 'wrong', 'behind', 'pulling', 'down', 'low', 'lowering', 'costing', 'cost', 'costs', 'points'],
  rankHigh: ['top', 'highest', 'most', 'largest', 'biggest', 'greatest', 'leading', 'leaders', 'max', 'maximum'],
  rankLow: ['bottom', 'lowest', 'least', 'fewest', 'smallest', 'min', 'minimum'],
  rankGood: ['best', 'strongest', 'healthiest'],
  rankBad: ['worst', 'weakest', 'poorest', 'unhealthiest'],
  rank: ['rank', 'ranked', 'ranking', 'rankings', 'sorted', 'sort', 'order', 'ordered', 'leaderboard'],
  trend: ['trend', 'trends', 'trending', 'trended', 'history', 'historical', 'time', 'evolved', 'evolution', 'changed', 'developed', 'progress', 'progression', 'trajectory', 'chart', 'graph', 'plot', 'line', 'sparkline', 'movement', 'moved', 'monthly', 'timeline'],
  compare: ['compare', 'compared', 'comparing', 'comparison', 'vs', 'versus', 'against', 'difference', 'differences', 'differ', 'side', 'stack'],
  retention: ['nrr', 'grr', 'retention', 'retained', 'retain', 'net', 'gross', 'ndr', 'bridge', 'waterfall', 'growth', 'grow', 'grew', 'dollar'],
  expanded: ['expanded', 'expansion', 'expansions', 'expand', 'expanding', 'upsell', 'upsells', 'upsold', 'grew', 'grown', 'increased', 'increase', 'gained', 'gain', 'gains', 'growing', 'added'],
  contracted: ['contracted', 'contraction', 'contractions', 'contract', 'contracting', 'shrank', 'shrunk', 'shrinking', 'downgraded', 'downgrade', 'downgrades', 'downsell', 'downsold', 'decreased', 'decrease', 'reduced', 'lost', 'losses', 'loss', 'cut', 'cuts'],
  churned: ['churned', 'churn', 'churns', 'cancelled', 'canceled', 'left', 'gone', 'lost'],
  renewal: ['renewal', 'renewals', 'renew', 'renews', 'renewing', 'renewed', 'expiring', 'expire', 'expires', 'due', 'upcoming', 'coming'],
  playbook: ['playbook', 'playbooks', 'play', 'plays', 'motion', 'motions', 'intervention', 'interventions', 'program'],
  recommend: ['recommend', 'recommended', 'recommendation', 'recommendations', 'suggest', 'suggested', 'need', 'needs', 'needed', 'should', 'run', 'start', 'launch', 'candidate', 'candidates', 'qualify', 'qualifies', 'eligible', 'fit', 'fits', 'trigger', 'triggered', 'triggers', 'apply', 'use', 'benefit', 'good'],
  results: ['result', 'results', 'outcome', 'outcomes', 'success', 'successful', 'rate', 'worked', 'work', 'works', 'effective', 'effectiveness', 'performed', 'performance', 'completed', 'complete', 'finished', 'runs', 'ran', 'go', 'went', 'impact', 'met', 'criterion', 'criteria', 'before', 'after', 'past', 'previous'],
  changes: ['changed', 'change', 'changes', 'moved', 'move', 'moves', 'switched', 'flipped', 'turned', 'went', 'became', 'become', 'dropped', 'drop', 'fell', 'slipped', 'worse', 'worsened', 'deteriorated', 'declined', 'better', 'improved', 'improving', 'recovered', 'newly', 'since', 'last', 'previous', 'prior'],
  average: ['average', 'averages', 'avg', 'mean', 'typical', 'median'],
  groupBy: ['segment', 'segments', 'csm', 'csms', 'owner', 'owners', 'rep', 'reps', 'manager', 'category', 'categories', 'team', 'group', 'grouped'],
  dataQuality: ['missing', 'invalid', 'incomplete', 'gaps', 'gap', 'blank', 'blanks', 'empty', 'quality', 'bad', 'broken', 'wrong', 'implausible', 'errors', 'error', 'problems', 'problem', 'issues', 'issue', 'range', 'complete', 'outliers', 'values', 'value', 'hygiene', 'holes', 'nulls'],
  followUp: ['about', 'what', 'how', 'and', 'same', 'also'],
} as const;

/** Words of periods and windows ("last 3 months", "Q3 2025", "since June"); the numbers are understood anyway. */
const TIME_WORDS = `
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
q1 q2 q3 q4 h1 h2 ytd quarter quarters year years week weeks day days month months
last past previous next coming this trailing since from to through until before after ago so far
first second third fourth half start end beginning year to date yet period
`;

const NUMBER_WORDS = `zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty ninety hundred dozen couple few`;

/** Words of the product the templates talk about, which may sit in any of its questions. */
const DOMAIN_WORDS = `
kpi kpis metric metrics measure measures value values number numbers figure figures
arr mrr revenue money dollars usd amount
adoption support sentiment engagement category categories
playbook playbooks run runs
risk churn health score
csm csms owner owners segment segments
doing look looks looking performing going holding stand standing fare faring shape trending
`;

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

export const LEXICON: ReadonlySet<string> = new Set([
  ...words(FILLERS),
  ...words(TIME_WORDS),
  ...words(NUMBER_WORDS),
  ...words(DOMAIN_WORDS),
  ...Object.values(CUES).flat(),
]);

/**
 * Words that make a question open-ended whatever else it says: it asks for writing, advice, a forecast or
 * an opinion, which a template cannot give even when every entity in it resolves.
 */
export const OPEN_ENDED = new Set([
  'draft', 'write', 'email', 'emails', 'mail', 'letter', 'message', 'compose', 'prepare', 'agenda', 'deck', 'slides',
  'plan', 'strategy', 'strategies', 'advice', 'advise', 'ideas', 'idea', 'tips', 'brainstorm',
  'predict', 'prediction', 'forecast', 'forecasts', 'project', 'projection', 'expect', 'expected', 'likely', 'will', 'would',
  'focus', 'prioritize', 'prioritise', 'priority', 'priorities',
  'correlate', 'correlation', 'correlated', 'pattern', 'patterns', 'insight', 'insights', 'analyze', 'analyse', 'analysis',
  'if', 'could', 'can', 'might', 'think', 'opinion', 'story', 'narrative', 'tell',
]);

/**
 * Open-ended words that are fine in a template phrasing: "can you list…", "could you show…", "tell me the
 * top 5…" are requests, not questions about the future. They make a question open-ended only when not
 * followed by one of these request verbs.
 */
export const POLITE_OPENERS = new Set(['can', 'could', 'would', 'will', 'tell']);
export const REQUEST_VERBS = new Set(['you', 'me', 'show', 'list', 'give', 'tell', 'pull', 'display', 'find', 'i', 'we']);

const NUMBERS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90, dozen: 12, couple: 2, few: 3,
};

/** A whole number written in digits or as a word ("5", "five"), or `null`. */
export function numberWord(token: string): number | null {
  if (/^\d{1,4}$/.test(token)) return Number(token);
  return NUMBERS[token] ?? null;
}
