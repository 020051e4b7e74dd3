/**
 * What an agent's figure is made of (the agent panel of the performance page): time in status,
 * handle time, average response time and assignments, for "right now" or "since midnight", with
 * the same terms as a queue's figure (explanation.ts), so one dialog and one check serve both.
 */
import type { ExplanationBehind, ExplanationTerms } from './explanation.js';

export const AGENT_FIGURE_IDS = ['timeInStatusSec', 'handleTimeSec', 'avgResponseTimeSec', 'assignments'] as const;
export type AgentFigureId = (typeof AGENT_FIGURE_IDS)[number];
export type AgentFigurePeriod = 'now' | 'today';

export function isAgentFigureId(id: string): id is AgentFigureId {
  return (AGENT_FIGURE_IDS as readonly string[]).includes(id);
}

export interface AgentFigureExplanation extends ExplanationTerms {
  readonly figureId: AgentFigureId;
  readonly agentId: string;
  readonly agentName: string;
  readonly period: AgentFigurePeriod;
  readonly asOfSeq: number;
  readonly asOfTime: number;
  /** The figure at asOfTime, exactly as the agent panel computes it; null when it has no inputs. */
  readonly value: number | null;
  /**
   * Conversations held now (only those of queues the asker sees), the agent themself, or the
   * agent's finished conversations of the day in the Conversation Manager.
   */
  readonly behind: ExplanationBehind;
}

export interface AgentFigureDefinition {
  readonly label: string;
  /** Seconds, shown as a duration, or a count. */
  readonly unit: 'seconds' | 'count';
  readonly definition: string;
  readonly formula: string;
  readonly alternatives: string;
}

/** Definitions of the agent panel's figures, worded as the metric dictionary words the queue's. */
export const AGENT_FIGURES: Readonly<Record<AgentFigureId, AgentFigureDefinition>> = {
  timeInStatusSec: {
    label: 'Time in status',
    unit: 'seconds',
    definition: 'How long the agent has been in their current status (available, busy, away or offline), from the feed event that set it.',
    formula: 'now − time the current status began',
    alternatives: 'Some consoles reset the clock when an available agent gets or loses a chat (busy ↔ available); here busy is derived from chats held and does not reset it. Others count only the time logged in.',
  },
  handleTimeSec: {
    label: 'Handle time',
    unit: 'seconds',
    definition: 'Right now: the mean time the agent has held the conversations they hold now, in any queue. Since midnight: the mean handle time of the assignments the agent finished today.',
    formula: 'Σ handle time ÷ conversations (held now, or finished since midnight)',
    alternatives: 'Voice vendors add after-call work and hold time (talk + hold + wrap-up); chat vendors often divide by slots, or count only the time the agent was actively typing.',
  },
  avgResponseTimeSec: {
    label: 'Average response time',
    unit: 'seconds',
    definition: "The mean time customers waited for this agent's replies: in the conversations held now, and since midnight also in the assignments finished today.",
    formula: 'Σ customer wait before each agent reply ÷ agent replies',
    alternatives: 'Some vendors count only the first response of each conversation, or measure from the first unanswered customer message only.',
  },
  assignments: {
    label: 'Assignments',
    unit: 'count',
    definition: 'Right now: the conversations the agent holds, against their concurrency slots. Since midnight: the assignments the agent received today.',
    formula: 'conversations held now (of slots), or assignments since midnight',
    alternatives: 'Some vendors count transfers in and takeovers handed back as new assignments; some count only accepted offers.',
  },
};

/** Time in status in seconds at floor time `now` (the agent panel ticks it with the floor's clock). */
export function secondsInStatus(statusSince: number, now: number): number {
  return Math.max(0, (now - statusSince) / 1000);
}
