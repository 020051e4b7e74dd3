/**
 * The metric dictionary (docs/product.md §7) as data: every number the UI shows names one of these ids,
 * so its definition and formula are one click away. docs/metrics.md is checked against this list.
 */

export const METRIC_IDS = [
  // right now
  'queued',
  'longestWaitSec',
  'offered',
  'assigned',
  'avgCurrentTimeInQueueSec',
  'avgTimeToAssignSec',
  'avgWaitSec',
  'ahtNowSec',
  'avgResponseTimeSec',
  'avgFirstResponseTimeSec',
  'activeSlotsPct',
  'occupancyNowPct',
  'concurrencyNow',
  'loggedInAgents',
  'agentsAvailable',
  'agentsBusy',
  'agentsAway',
  // since midnight in the queue's zone
  'enteredToday',
  'offeredToday',
  'assignedToday',
  'abandonedToday',
  'timedOutToday',
  'abandonRatePct',
  'avgAbandonTimeSec',
  'avgTimeInQueueTodaySec',
  'avgTimeToAssignTodaySec',
  'ahtTodaySec',
  'occupancyTodayPct',
  'concurrencyToday',
  'serviceLevelPct',
  'resolutionRatePct',
  'csatPct',
  'csatMean',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export type MetricUnit = 'count' | 'seconds' | 'percent' | 'ratio' | 'score';
export type MetricPeriod = 'now' | 'today';

export interface MetricDefinition {
  readonly id: MetricId;
  readonly label: string;
  readonly unit: MetricUnit;
  readonly period: MetricPeriod;
  readonly definition: string;
  readonly formula: string;
  /** Other definitions vendors use, where they disagree with ours. */
  readonly alternatives?: string;
}

/** All metric values of one queue; null where the metric has no inputs (e.g. AHT with no assignments). */
export type MetricValues = Readonly<Record<MetricId, number | null>>;

const definitions: readonly MetricDefinition[] = [
  { id: 'queued', label: 'Queued', unit: 'count', period: 'now', definition: 'Customers waiting in the queue now.', formula: 'count(conversations in state queued)' },
  { id: 'longestWaitSec', label: 'Longest wait', unit: 'seconds', period: 'now', definition: 'Wait of the customer waiting longest (max queue time).', formula: 'max(now − queuedAt) over queued conversations; 0 when none' },
  { id: 'offered', label: 'Offered (now)', unit: 'count', period: 'now', definition: 'Conversations assigned to an agent or waiting.', formula: 'queued + assigned' },
  { id: 'assigned', label: 'Assigned', unit: 'count', period: 'now', definition: 'Conversations with an agent now.', formula: 'count(conversations in state assigned)' },
  { id: 'avgCurrentTimeInQueueSec', label: 'Avg current time in queue', unit: 'seconds', period: 'now', definition: 'Mean wait of those waiting now.', formula: 'mean(now − queuedAt) over queued conversations' },
  { id: 'avgTimeToAssignSec', label: 'Avg time to assign', unit: 'seconds', period: 'now', definition: 'Mean queue time of those assigned now (0 for direct assignment).', formula: 'mean(assignedAt − queuedAt) over assigned conversations' },
  { id: 'avgWaitSec', label: 'Avg wait', unit: 'seconds', period: 'now', definition: 'Mean queue time over those waiting and those assigned now.', formula: 'mean over queued (now − queuedAt) ∪ assigned (assignedAt − queuedAt)' },
  { id: 'ahtNowSec', label: 'AHT (now)', unit: 'seconds', period: 'now', definition: 'Mean handle time so far of current assignments.', formula: 'mean(now − assignedAt) over assigned conversations' },
  { id: 'avgResponseTimeSec', label: 'Avg response time', unit: 'seconds', period: 'now', definition: "Mean time from a customer message to the agent's next reply, over current assignments.", formula: 'sum(reply − first unanswered customer message) / count(replies) over assigned conversations' },
  { id: 'avgFirstResponseTimeSec', label: 'Avg first response', unit: 'seconds', period: 'now', definition: "Mean time from assignment to the agent's first message, over current assignments that have one.", formula: 'mean(firstAgentMessageAt − assignedAt) over assigned conversations with a first agent message' },
  { id: 'activeSlotsPct', label: 'Active slots', unit: 'percent', period: 'now', definition: 'Active conversations over the concurrency slots of agents who are available or handling chats.', formula: '100 × assigned / sum(slots of agents available or with ≥ 1 chat)' },
  { id: 'occupancyNowPct', label: 'Occupancy (now)', unit: 'percent', period: 'now', definition: 'Assigned chats over the slots of available agents.', formula: '100 × chats of available agents / sum(slots of available agents)' },
  { id: 'concurrencyNow', label: 'Concurrency (now)', unit: 'ratio', period: 'now', definition: 'Assigned chats per agent with at least one chat.', formula: 'assigned / count(agents with ≥ 1 chat)' },
  { id: 'loggedInAgents', label: 'Logged in', unit: 'count', period: 'now', definition: 'Agents of the queue not offline.', formula: 'count(agents in queue with status ≠ offline)' },
  { id: 'agentsAvailable', label: 'Available', unit: 'count', period: 'now', definition: 'Agents in an available status with no chat.', formula: 'count(status = available ∧ chats = 0)' },
  { id: 'agentsBusy', label: 'Busy', unit: 'count', period: 'now', definition: 'Agents in an available status handling at least one chat.', formula: 'count(status = available ∧ chats ≥ 1)' },
  { id: 'agentsAway', label: 'Away', unit: 'count', period: 'now', definition: 'Agents in an away status (break, lunch, training…), whether or not they still hold chats.', formula: 'count(status = away)' },
  { id: 'enteredToday', label: 'Entered queue', unit: 'count', period: 'today', definition: 'Conversations that entered the queue since midnight (queue time zone).', formula: 'count(queued events since midnight)' },
  { id: 'offeredToday', label: 'Offered', unit: 'count', period: 'today', definition: 'Conversations offered to the queue since midnight: entered the queue or assigned directly.', formula: 'count(distinct conversations queued or assigned in the queue since midnight)' },
  { id: 'assignedToday', label: 'Assigned', unit: 'count', period: 'today', definition: 'Assignments to agents since midnight.', formula: 'count(assigned events since midnight)' },
  { id: 'abandonedToday', label: 'Abandoned', unit: 'count', period: 'today', definition: 'Customers who left the queue before an agent took them, since midnight.', formula: 'count(abandoned events since midnight)' },
  {
    id: 'timedOutToday',
    label: 'Timed out by agent',
    unit: 'count',
    period: 'today',
    definition:
      'Assignments an agent let time out since midnight: the conversation went back to the queue before the agent sent a first message. Not known on a day whose earlier hours come from the cache, which keeps no time-outs.',
    formula: 'count(queued events for a conversation assigned to an agent with no agent message yet, since midnight)',
    alternatives: 'Platforms with a ring or accept step count offers not accepted in time, or include assignments that returned after a late reply.',
  },
  { id: 'abandonRatePct', label: 'Abandon rate', unit: 'percent', period: 'today', definition: 'Abandoned over entered queue, since midnight.', formula: '100 × abandonedToday / enteredToday', alternatives: 'Some vendors divide by offered, or exclude short abandons (< 5 s) from both sides.' },
  { id: 'avgAbandonTimeSec', label: 'Avg abandon time', unit: 'seconds', period: 'today', definition: 'Mean time in queue before abandoning, since midnight.', formula: 'mean(abandonedAt − queuedAt)' },
  { id: 'avgTimeInQueueTodaySec', label: 'Avg time in queue', unit: 'seconds', period: 'today', definition: 'Mean queue time of those who left the queue (assigned or abandoned) since midnight.', formula: 'mean(leftQueueAt − queuedAt)' },
  { id: 'avgTimeToAssignTodaySec', label: 'Avg time to assign', unit: 'seconds', period: 'today', definition: 'Mean queue time of assignments since midnight.', formula: 'mean(assignedAt − queuedAt) over assignments since midnight' },
  { id: 'ahtTodaySec', label: 'AHT', unit: 'seconds', period: 'today', definition: 'Mean handle time (assignment to disposition) of assignments finished since midnight.', formula: 'mean(endedAt − assignedAt) over finished assignments' },
  {
    id: 'occupancyTodayPct',
    label: 'Occupancy',
    unit: 'percent',
    period: 'today',
    definition:
      "Utilised slot-time over available slot-time of the queue's agents since midnight: how full the slots of agents in an available status were. Not known on a day whose earlier hours come from the cache, which keeps no slot time.",
    formula: '100 × ∫ min(chats, slots) dt / ∫ slots dt, over agents of the queue while in an available status, since midnight',
    alternatives: 'Some count handling time over logged-in time per agent (utilisation), or include after-call work and chats held while away.',
  },
  {
    id: 'concurrencyToday',
    label: 'Concurrency',
    unit: 'ratio',
    period: 'today',
    definition: 'Time-weighted mean of simultaneous chats per agent while the agent holds at least one chat, since midnight. Not known on a day whose earlier hours come from the cache, which keeps no slot time.',
    formula: '∫ chats dt / ∫ [chats ≥ 1] dt, over agents of the queue, since midnight',
    alternatives: 'Some average the count at each assignment, or divide by all logged-in time (idle time lowers the figure).',
  },
  { id: 'serviceLevelPct', label: 'Service level', unit: 'percent', period: 'today', definition: "Share of conversations answered (assigned) within the queue's target (default 60 s chat, 20 s voice); abandons within 5 s excluded.", formula: '100 × assigned within target / (assigned + abandoned after 5 s)', alternatives: 'Others count abandons in the denominator without the 5 s grace, exclude all abandons, or count abandons within target as met.' },
  { id: 'resolutionRatePct', label: 'Resolution rate', unit: 'percent', period: 'today', definition: 'Conversations dispositioned "resolved" over all dispositioned.', formula: '100 × resolved / dispositioned' },
  { id: 'csatPct', label: 'CSAT', unit: 'percent', period: 'today', definition: 'Share of survey ratings of 4 or 5 on a 5-point scale.', formula: '100 × count(rating ≥ 4) / count(ratings)', alternatives: 'Some report the mean rating instead (see CSAT mean).' },
  { id: 'csatMean', label: 'CSAT mean', unit: 'score', period: 'today', definition: 'Mean survey rating on a 5-point scale.', formula: 'mean(rating)' },
];

export const METRIC_DICTIONARY: ReadonlyMap<MetricId, MetricDefinition> = new Map(definitions.map((d) => [d.id, d]));

export function metricDefinition(id: MetricId): MetricDefinition {
  const found = METRIC_DICTIONARY.get(id);
  if (!found) throw new Error(`No dictionary entry for metric ${id}`);
  return found;
}

export function emptyMetricValues(): Record<MetricId, number | null> {
  return Object.fromEntries(METRIC_IDS.map((id) => [id, null])) as Record<MetricId, number | null>;
}
