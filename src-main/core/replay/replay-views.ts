/**
 * What the replay page shows beyond the tiles, built from a replayed floor by the live views' own
 * builders (the conversations tab's rows and panel, the performance tab's agent rows), so a
 * replayed queue reads exactly as its live detail read at that instant. Pure: the engine rebuilds
 * the state, the API area checks the scope.
 */
import type { ReplayQueueFrame, ReplayTranscript } from '../../../src-shared/api/replay.js';
import type { TranscriptEntry } from '../../../src-shared/api/transcript.js';
import type { LiveState } from '../floor-state/state.js';
import type { ThresholdsOf } from '../floor-state/overview.js';
import { buildConversationRows, buildQueuePanel } from '../live-insights/conversation-rows.js';
import { buildPerformance } from '../live-insights/performance.js';

/** The past is judged by the feed's thresholds of that moment, not today's personal overrides. */
const FEED_THRESHOLDS: ThresholdsOf = (queue) => queue.thresholds;

/** One queue of a replayed floor, or null when the floor did not know it then. */
export function buildReplayQueue(state: LiveState, epoch: string, at: number, queueId: string): ReplayQueueFrame | null {
  const queue = state.queues.get(queueId);
  if (!queue) return null;
  const performance = buildPerformance(state, { queueIds: [queueId], period: 'now' }, at, FEED_THRESHOLDS);
  return {
    epoch,
    at,
    seq: state.lastSeq,
    queueId,
    queueName: queue.name,
    timeZone: queue.timeZone,
    panel: buildQueuePanel(state, [queueId], at, FEED_THRESHOLDS),
    agents: performance.agents,
    rows: buildConversationRows(state, [queueId], at, FEED_THRESHOLDS),
  };
}

/** What a stored conversation row says about where it belongs, for one the replayed floor no longer holds. */
export interface StoredPlace {
  readonly queueId: string;
  readonly createdAt: number;
}

/**
 * A conversation's transcript at a replayed instant: the lifecycle lines its replayed state
 * carries (created, queued, assigned) and the stored messages sent by then.
 */
export function buildReplayTranscript(
  state: LiveState,
  conversationId: string,
  at: number,
  stored: StoredPlace | null,
  messages: readonly Extract<TranscriptEntry, { kind: 'message' }>[],
): Omit<ReplayTranscript, 'queueName'> & { readonly queueName: string | null } | null {
  const live = state.conversations.get(conversationId);
  const queueId = live?.queueId ?? stored?.queueId;
  if (queueId === undefined) return null;
  const queueName = state.queues.get(queueId)?.name ?? null;
  const entries: TranscriptEntry[] = [];
  if (live) {
    entries.push({ kind: 'event', at: live.createdAt, event: 'created', text: `Started in ${queueName ?? queueId}${live.intent ? ` (${live.intent})` : ''}` });
    if (live.queuedAt !== null) entries.push({ kind: 'event', at: live.queuedAt, event: 'queued', text: `Queued in ${queueName ?? queueId}` });
    if (live.assignedAt !== null && live.agentId !== null) {
      entries.push({ kind: 'event', at: live.assignedAt, event: 'assigned', text: `Assigned to ${state.agents.get(live.agentId)?.name ?? live.agentId}` });
    }
  }
  entries.push(...messages);
  // In time order; at equal times a lifecycle line reads before the message it led to.
  entries.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1));
  const phase: ReplayTranscript['state'] = live ? live.state : stored !== null && stored.createdAt > at ? 'not_started' : 'done';
  return {
    conversationId,
    at,
    queueId,
    queueName,
    agentName: live?.agentId ? (state.agents.get(live.agentId)?.name ?? live.agentId) : null,
    state: phase,
    entries: phase === 'not_started' ? [] : entries,
  };
}
