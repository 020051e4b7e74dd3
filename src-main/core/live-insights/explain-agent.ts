/**
 * The inputs behind an agent's figure on the agent panel, at one floor moment: the same sums as
 * buildAgentRow (performance.ts), in the form of terms. The figure itself is taken from
 * buildAgentRow, so an explanation carries the value the panel shows; its terms recompute it
 * (valueFromTerms), and the tests hold the two together for every agent figure and period.
 * Computed only when someone opens a figure, never on the live path.
 */
import { secondsInStatus, type AgentFigureExplanation, type AgentFigureId, type AgentFigurePeriod } from '../../../src-shared/metrics/agent-explanation.js';
import { MAX_EXPLAINED_IDS, type ExplanationBehind, type ExplanationTerm } from '../../../src-shared/metrics/explanation.js';
import { assertNever } from '../../../src-shared/result.js';
import type { AgentState, ConversationState, LiveState } from '../floor-state/state.js';
import { buildAgentRow } from './performance.js';

type Terms = Pick<AgentFigureExplanation, 'kind' | 'numerator' | 'denominator' | 'exclusions' | 'summary' | 'behind'>;

function term(label: string, value: number): ExplanationTerm {
  return { label, value };
}

function seconds(value: number): string {
  return `${value < 10 && !Number.isInteger(value) ? value.toFixed(1) : Math.round(value)} s`;
}

/** The conversations the agent holds now, oldest assignment first. */
function heldNow(state: LiveState, agent: AgentState): ConversationState[] {
  const held: ConversationState[] = [];
  for (const conversationId of agent.conversationIds) {
    const conversation = state.conversations.get(conversationId);
    if (conversation) held.push(conversation);
  }
  return held.sort((a, b) => (a.assignedAt ?? 0) - (b.assignedAt ?? 0) || (a.conversationId < b.conversationId ? -1 : 1));
}

/** Held conversations listed only where the asker sees their queue; the others are counted, not named. */
function conversationsBehind(items: readonly ConversationState[], sees: (queueId: string) => boolean): ExplanationBehind {
  const visible = items.filter((conversation) => sees(conversation.queueId));
  return { kind: 'conversations', ids: visible.slice(0, MAX_EXPLAINED_IDS).map((conversation) => conversation.conversationId), total: visible.length };
}

function meanTerms(sum: ExplanationTerm, count: ExplanationTerm, behind: ExplanationBehind, exclusions: readonly ExplanationTerm[] = []): Terms {
  const mean = count.value > 0 ? `mean ${seconds(sum.value / count.value)}` : 'no mean';
  return { kind: 'mean', numerator: sum, denominator: count, exclusions, summary: `${seconds(sum.value)} in total over ${count.value} ${count.label}: ${mean}`, behind };
}

function repliesSince(conversation: ConversationState): { readonly sumMs: number; readonly count: number } {
  return {
    sumMs: Math.max(0, conversation.responseTimeSumMs - (conversation.responseSumAtAssignMs ?? 0)),
    count: Math.max(0, conversation.responseCount - (conversation.responseCountAtAssign ?? 0)),
  };
}

function agentTerms(figureId: AgentFigureId, period: AgentFigurePeriod, state: LiveState, agent: AgentState, now: number, sees: (queueId: string) => boolean): Terms {
  const held = heldNow(state, agent);
  const today = agent.today !== undefined && now < agent.today.nextDayStart ? agent.today : undefined;
  const history: ExplanationBehind = { kind: 'history', from: today?.dayStart ?? now, until: now };
  const isNow = period === 'now';
  switch (figureId) {
    case 'timeInStatusSec': {
      const inStatus = secondsInStatus(agent.status.since, now);
      return {
        kind: 'count',
        numerator: term(`seconds ${agent.status.kind} since the status began`, inStatus),
        denominator: null,
        exclusions: [],
        summary: `${seconds(inStatus)} ${agent.status.kind}${agent.status.reason === '' ? '' : ` (${agent.status.reason})`}`,
        behind: { kind: 'agents', ids: [agent.agentId], total: 1 },
      };
    }
    case 'handleTimeSec': {
      if (!isNow) return meanTerms(term('seconds handled', (today?.handleTimeSumMs ?? 0) / 1000), term('assignments finished since midnight', today?.finished ?? 0), history);
      const timed = held.filter((conversation) => conversation.assignedAt !== null);
      const sum = timed.reduce((total, conversation) => total + Math.max(0, now - (conversation.assignedAt ?? now)), 0) / 1000;
      return meanTerms(term('seconds held so far', sum), term('conversations held now', timed.length), conversationsBehind(held, sees), [term('held with no assignment time left out', held.length - timed.length)]);
    }
    case 'avgResponseTimeSec': {
      const replies = held.map(repliesSince);
      const sumMs = replies.reduce((total, reply) => total + reply.sumMs, 0);
      const count = replies.reduce((total, reply) => total + reply.count, 0);
      if (isNow) return meanTerms(term('seconds customers waited for a reply', sumMs / 1000), term('replies in conversations held now', count), conversationsBehind(held, sees));
      return meanTerms(
        term('seconds customers waited for a reply (finished today and held now)', ((today?.responseTimeSumMs ?? 0) + sumMs) / 1000),
        term('replies (finished today and held now)', (today?.responseCount ?? 0) + count),
        history,
      );
    }
    case 'assignments': {
      if (!isNow) return { kind: 'count', numerator: term('assignments received since midnight', today?.assigned ?? 0), denominator: null, exclusions: [], summary: `${today?.assigned ?? 0} assignments since midnight`, behind: history };
      return {
        kind: 'count',
        numerator: term(`conversations held now (of ${agent.slots} slots)`, held.length),
        denominator: null,
        exclusions: [],
        summary: `${held.length} held of ${agent.slots} slots${held.length > agent.slots ? ', flexed above capacity' : ''}`,
        behind: conversationsBehind(held, sees),
      };
    }
    default:
      return assertNever(figureId, 'agent figure');
  }
}

/** The value the agent panel shows for the figure, from the row it is sent. */
function panelValue(figureId: AgentFigureId, row: ReturnType<typeof buildAgentRow>, now: number): number | null {
  switch (figureId) {
    case 'timeInStatusSec':
      return secondsInStatus(row.statusSince, now);
    case 'handleTimeSec':
      return row.ahtSec;
    case 'avgResponseTimeSec':
      return row.avgResponseTimeSec;
    case 'assignments':
      return row.assignments;
    default:
      return assertNever(figureId, 'agent figure');
  }
}

/**
 * The explanation of one figure of an agent's row at floor time `now`. `sees` says which queues'
 * conversations the asker may have named (the agent's own scope check is the caller's).
 */
export function explainAgentFigure(state: LiveState, agent: AgentState, figureId: AgentFigureId, period: AgentFigurePeriod, now: number, sees: (queueId: string) => boolean): AgentFigureExplanation {
  const row = buildAgentRow(state, agent, period, now);
  return {
    figureId,
    agentId: agent.agentId,
    agentName: agent.name,
    period,
    asOfSeq: state.lastSeq,
    asOfTime: now,
    value: panelValue(figureId, row, now),
    ...agentTerms(figureId, period, state, agent, now, sees),
  };
}
