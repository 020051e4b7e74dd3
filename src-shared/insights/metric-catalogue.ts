/**
 * The catalogue of Historical Insights figures (docs/decisions/0032-insights-engine.md): for every
 * `InsightMetric`, its label, unit, definition, formula, the alternatives other vendors use, where
 * it is computed from, the dimensions it can be broken down by, whether it drills down to
 * conversations, and how its inputs read in the explanation sentence ("412 answered within target
 * of 463 eligible"). Pure data: the engine, the explain panel and the exports read the same text.
 */
import type { InsightDimension, InsightMetric } from '../api/insights.js';

/**
 * How a value reads: `count` a number of conversations (or surveys), `rate` a fraction 0–1 shown as
 * a percentage, `seconds` a mean duration, `agents` a number of agents, `ratio` chats per agent,
 * `score` a mean rating 1–5, `sentiment` a mean score −1 (negative) to 1 (positive), `hours` a sum
 * of agent time.
 */
export type InsightUnit = 'count' | 'rate' | 'seconds' | 'agents' | 'ratio' | 'score' | 'sentiment' | 'hours';

/**
 * Where a figure comes from: finished conversations (per-conversation facts, by creation time),
 * their surveys (by the conversation's creation time), or agents' status time.
 */
export type InsightSource = 'conversations' | 'surveys' | 'agentTime';

export interface InsightMetricInfo {
  readonly id: InsightMetric;
  readonly label: string;
  readonly unit: InsightUnit;
  readonly definition: string;
  readonly formula: string;
  /** How other tools define the same figure, so a reader comparing numbers knows why they differ. */
  readonly alternatives: string | null;
  readonly source: InsightSource;
  /** Dimensions (and splits) this figure can be broken down by; `none` is always one of them. */
  readonly dimensions: readonly InsightDimension[];
  /** Whether "Open the conversations" applies (false for agent-time figures). */
  readonly drillable: boolean;
  /** What the numerator counts, in the explanation sentence. */
  readonly numeratorText: string;
  /** What the denominator counts; null for a plain count. */
  readonly denominatorText: string | null;
  /** Which way is good, for colouring a change against the previous period; null when neither. */
  readonly better: 'higher' | 'lower' | null;
}

const CONVERSATION_DIMENSIONS: readonly InsightDimension[] = [
  'none',
  'interval',
  'queue',
  'group',
  'channel',
  'agent',
  'team',
  'location',
  'intent',
  'disposition',
  'escalationReason',
  'hourOfWeek',
];
const SURVEY_DIMENSIONS: readonly InsightDimension[] = [...CONVERSATION_DIMENSIONS, 'csatScore'];
const AGENT_TIME_DIMENSIONS: readonly InsightDimension[] = ['none', 'interval', 'agent', 'team', 'location', 'hourOfWeek'];

const SL_ALTERNATIVES =
  'Others count abandons in the denominator without the 5 s grace, exclude all abandons, count abandons within target as met, or count direct assignments as met.';

function conversations(
  id: InsightMetric,
  label: string,
  unit: InsightUnit,
  definition: string,
  formula: string,
  texts: { readonly numerator: string; readonly denominator?: string; readonly alternatives?: string; readonly better?: 'higher' | 'lower' },
): InsightMetricInfo {
  return {
    id,
    label,
    unit,
    definition,
    formula,
    alternatives: texts.alternatives ?? null,
    source: 'conversations',
    dimensions: CONVERSATION_DIMENSIONS,
    drillable: true,
    numeratorText: texts.numerator,
    denominatorText: texts.denominator ?? null,
    better: texts.better ?? null,
  };
}

function agentTime(
  id: InsightMetric,
  label: string,
  unit: InsightUnit,
  definition: string,
  formula: string,
  texts: { readonly numerator: string; readonly denominator?: string; readonly alternatives?: string; readonly dimensions?: readonly InsightDimension[] },
): InsightMetricInfo {
  return {
    id,
    label,
    unit,
    definition,
    formula,
    alternatives: texts.alternatives ?? null,
    source: 'agentTime',
    dimensions: texts.dimensions ?? AGENT_TIME_DIMENSIONS,
    drillable: false,
    numeratorText: texts.numerator,
    denominatorText: texts.denominator ?? null,
    better: null,
  };
}

function surveys(id: InsightMetric, label: string, unit: InsightUnit, definition: string, formula: string, texts: { readonly numerator: string; readonly denominator?: string; readonly alternatives?: string }): InsightMetricInfo {
  return { ...conversations(id, label, unit, definition, formula, { ...texts, better: 'higher' }), source: 'surveys', dimensions: SURVEY_DIMENSIONS };
}

const ENTRIES: readonly InsightMetricInfo[] = [
  conversations('offered', 'Offered', 'count', 'Conversations offered to a queue: they entered the queue or were assigned directly.', 'count(conversations queued or assigned)', {
    numerator: 'offered',
    alternatives: 'Some count every conversation created, bot-only ones included, as offered.',
  }),
  conversations('assigned', 'Assigned', 'count', 'Conversations an agent was assigned.', 'count(conversations assigned)', { numerator: 'assigned' }),
  conversations('abandoned', 'Abandoned', 'count', 'Customers who left the queue before an agent took them.', 'count(conversations abandoned)', { numerator: 'abandoned', better: 'lower' }),
  conversations('abandonRate', 'Abandon rate', 'rate', 'Abandoned over the conversations that entered a queue.', 'abandoned / entered queue', {
    numerator: 'abandoned',
    denominator: 'entered the queue',
    alternatives: 'Some divide by offered, or exclude short abandons (< 5 s) from both sides.',
    better: 'lower',
  }),
  conversations('averageAbandonTime', 'Avg abandon time', 'seconds', 'Mean time in queue before abandoning.', 'sum(abandonedAt − queuedAt) / abandoned', {
    numerator: 's waited in all',
    denominator: 'abandoned',
  }),
  conversations('averageWait', 'Avg wait', 'seconds', 'Mean time in the last queue of those who left it (assigned or abandoned).', 'sum(leftQueueAt − queuedAt) / left the queue', {
    numerator: 's waited in all',
    denominator: 'left the queue',
    alternatives: 'Some measure from the first queue (a transfer does not restart the wait), or count assignments only (speed of answer).',
    better: 'lower',
  }),
  conversations('averageHandleTime', 'AHT', 'seconds', 'Mean handle time: from assignment to the end of the conversation.', 'sum(endedAt − assignedAt) / handled', {
    numerator: 's handled in all',
    denominator: 'handled',
    alternatives: 'Voice vendors add hold and after-call work; chat vendors sometimes count only time with the agent typing.',
    better: 'lower',
  }),
  conversations('averageFirstResponse', 'Avg first response', 'seconds', "Mean time from assignment to the agent's first message.", 'sum(firstResponseAt − assignedAt) / conversations with a first response', {
    numerator: 's to first response in all',
    denominator: 'with a first response',
    alternatives: 'Some measure from the customer’s first message, or from the conversation start (queue time included).',
    better: 'lower',
  }),
  conversations('averageResponse', 'Avg response', 'seconds', "Mean time from a customer's message (or the assignment) to the agent's reply, over every reply.", 'sum(reply − first unanswered customer message) / replies', {
    numerator: 's to reply in all',
    denominator: 'replies',
    alternatives: 'Some average per conversation first (every conversation weighs the same), others count bot replies.',
    better: 'lower',
  }),
  conversations(
    'serviceLevel',
    'Service level',
    'rate',
    "Conversations assigned within the queue's service-level target, of those that entered the queue; abandons within 5 s are left out.",
    'assigned within target / (assigned after queuing + abandoned after 5 s)',
    { numerator: 'answered within target', denominator: 'eligible', alternatives: SL_ALTERNATIVES, better: 'higher' },
  ),
  conversations('resolutionRate', 'Resolution rate', 'rate', 'Conversations dispositioned "resolved" over all dispositioned.', 'resolved / dispositioned', {
    numerator: 'resolved',
    denominator: 'dispositioned',
    alternatives: 'Some count a conversation resolved only when the customer does not come back within a few days.',
    better: 'higher',
  }),
  conversations('transfers', 'Transfers', 'count', 'Transfers from one queue to another, counted on the conversation.', 'sum(transfers)', { numerator: 'transfers', better: 'lower' }),
  conversations(
    'timedOutByAgent',
    'Timed out by agent',
    'count',
    'Conversations assigned to an agent who never replied: the customer left, or it ended or moved on, without one agent message.',
    'count(assigned conversations without an agent or supervisor text after assignment)',
    { numerator: 'without an agent reply', better: 'lower', alternatives: 'Platforms with an accept step count offers not accepted in time instead.' },
  ),
  conversations('botConversations', 'Bot conversations', 'count', 'Conversations with at least one bot message before any agent.', 'count(conversations with a bot message before the first agent message or assignment)', {
    numerator: 'with a bot first',
  }),
  conversations('botContained', 'Contained by bot', 'count', 'Bot conversations that ended without ever being queued or assigned.', 'count(bot conversations never queued nor assigned)', {
    numerator: 'contained',
  }),
  conversations('botEscalated', 'Escalated to agent', 'count', 'Bot conversations that were queued for an agent.', 'count(bot conversations queued)', { numerator: 'escalated' }),
  conversations('containmentRate', 'Containment rate', 'rate', 'Bot conversations the bot handled alone, of all bot conversations.', 'contained / bot conversations', {
    numerator: 'contained',
    denominator: 'bot conversations',
    alternatives: 'Some count a conversation contained only when the customer does not come back, or count abandons in the bot as not contained.',
    better: 'higher',
  }),
  conversations('escalationRate', 'Escalation rate', 'rate', 'Bot conversations queued for an agent, of all bot conversations.', 'escalated / bot conversations', {
    numerator: 'escalated',
    denominator: 'bot conversations',
    better: 'lower',
  }),
  agentTime(
    'occupancy',
    'Occupancy',
    'rate',
    'Slot time spent on conversations over the slot time agents were available: an agent with 3 slots available for an hour offers 3 slot-hours.',
    'sum(handle time of conversations) / sum(available time × slots)',
    { numerator: 'slot-hours handled', denominator: 'slot-hours available', alternatives: 'Voice vendors divide handle time by available plus handling time of one line; some count away time with a conversation open as available.' },
  ),
  agentTime('utilisation', 'Utilisation', 'rate', 'Time with at least one conversation over the time logged in (any status but offline).', 'time with ≥ 1 conversation / logged-in time', {
    numerator: 'hours with a conversation',
    denominator: 'hours logged in',
    alternatives: 'Some divide by scheduled time, or count only productive statuses.',
  }),
  agentTime('concurrency', 'Concurrency', 'ratio', 'Time-weighted mean of the conversations an agent handles at once, while handling at least one.', 'sum(handle time) / time with ≥ 1 conversation', {
    numerator: 'conversation-hours',
    denominator: 'hours with a conversation',
    alternatives: 'Some average the count of conversations at each assignment, which weighs short chats as much as long ones.',
  }),
  agentTime('loggedInAgents', 'Logged-in agents', 'agents', 'Agents logged in (any status but offline) at some time in the interval.', 'count(distinct agents with a non-offline status in the interval)', {
    numerator: 'agents logged in',
    alternatives: 'Some show the mean number logged in over the interval (full-time equivalents).',
  }),
  agentTime('statusTime', 'Time in status', 'hours', 'Agent time spent in each status (available, away by reason, offline is left out).', 'sum(status interval ∩ range)', {
    numerator: 'hours',
    dimensions: [...AGENT_TIME_DIMENSIONS, 'status', 'awayReason'],
  }),
  surveys('surveys', 'Surveys', 'count', 'Survey answers of the conversations.', 'count(surveys)', { numerator: 'surveys' }),
  surveys('csatPositive', 'CSAT', 'rate', 'Share of survey ratings of 4 or 5 on a 5-point scale.', 'ratings ≥ 4 / ratings', {
    numerator: 'rated 4 or 5',
    denominator: 'ratings',
    alternatives: 'Some report the mean rating instead (see CSAT mean), or count only 5 as satisfied.',
  }),
  surveys('csatMean', 'CSAT mean', 'score', 'Mean survey rating on a 5-point scale.', 'sum(rating) / ratings', { numerator: 'points in all', denominator: 'ratings' }),
  surveys(
    'sentimentMean',
    'Comment sentiment',
    'sentiment',
    'Mean sentiment of survey comments, from −1 (negative) to 1 (positive), scored with the AFINN word list (the sentiment package).',
    'sum(clamp(comparative score / 5, −1, 1)) / comments',
    { numerator: 'sentiment points in all', denominator: 'comments', alternatives: 'Vendors use trained language models; scores are not comparable between tools.' },
  ),
];

/** Every metric's catalogue entry by id. */
export const INSIGHT_METRIC_CATALOGUE: Readonly<Record<InsightMetric, InsightMetricInfo>> = Object.fromEntries(ENTRIES.map((entry) => [entry.id, entry])) as Record<
  InsightMetric,
  InsightMetricInfo
>;

/** The catalogue entry of a metric. */
export function metricInfo(metric: InsightMetric): InsightMetricInfo {
  return INSIGHT_METRIC_CATALOGUE[metric];
}

/** Whether a metric can be broken down by a dimension (a refused pair gets an error, not wrong figures). */
export function supportsDimension(metric: InsightMetric, dimension: InsightDimension): boolean {
  return INSIGHT_METRIC_CATALOGUE[metric].dimensions.includes(dimension);
}
