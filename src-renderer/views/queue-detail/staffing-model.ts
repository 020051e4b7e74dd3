/**
 * The words of the Staffing tab (docs/staffing.md#live-advice): the advice as one plain sentence,
 * each figure formatted or replaced by the reason it is missing, and the steps that apply a
 * what-if (one `agent.queues` command per agent it names). Pure, so it is tested without a DOM.
 */
import type { CommandInput } from '../../../src-shared/api/contract.js';
import type { Figure, PredictedFigures, QueueStaffingAdvice, StaffingWhatIf } from '../../../src-shared/api/staffing.js';

/** A whole percentage with a thin space, as the rest of the console writes them ("62 %"). */
export function percentText(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}

/** Seconds rounded to a whole number, or minutes and seconds from a minute up. */
export function secondsText(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** How a figure that is not known yet starts its text, before the reason. */
export const UNKNOWN_PREFIX = 'unknown: ';

/** A figure's text, or the reason it is missing ("unknown: …"). */
export function figureText<T>(figure: Figure<T>, format: (value: T) => string): string {
  return figure.value === null ? `${UNKNOWN_PREFIX}${figure.reason}` : format(figure.value);
}

/** The headline: what is needed, what is there, the predicted service level and the time to breach. */
export function adviceSentence(advice: QueueStaffingAdvice): string {
  const { required, current, minutesToBreach } = advice;
  const has = `has ${advice.agentsAvailable} available`;
  if (required.value === null || current.value === null) return `No advice yet (${required.reason ?? current.reason ?? 'no data'}); ${has}.`;
  const needs = `Needs ${plural(required.value.agents, 'agent', 'agents')} now, ${has}`;
  const level = `service level ${percentText(current.value.serviceLevel)} predicted`;
  return `${needs}; ${level}; ${breachText(minutesToBreach)}.`;
}

/** "breach in about 12 min at this trend", "target breached now", or why there is no time. */
export function breachText(minutesToBreach: Figure<number>): string {
  if (minutesToBreach.value === null) return `no breach expected (${minutesToBreach.reason})`;
  if (minutesToBreach.value <= 0) return 'short of the target now';
  return `breach in about ${Math.max(1, Math.round(minutesToBreach.value))} min at this trend`;
}

/** The rows of the figures table: label and text, for the figures of a number of agents. */
export function predictedRows(figures: Figure<PredictedFigures>): readonly { readonly label: string; readonly text: string }[] {
  if (figures.value === null) return [{ label: 'Figures', text: `${UNKNOWN_PREFIX}${figures.reason}` }];
  const value = figures.value;
  return [
    { label: 'Agents', text: String(value.agents) },
    { label: 'Service level', text: percentText(value.serviceLevel) },
    { label: 'Probability of waiting', text: percentText(value.probabilityOfWaiting) },
    { label: 'Average speed of answer', text: value.averageSpeedOfAnswerS === null ? 'unbounded (more work than agents)' : secondsText(value.averageSpeedOfAnswerS) },
    { label: 'Occupancy', text: percentText(value.occupancy) },
    { label: 'Abandons', text: percentText(value.probabilityOfAbandon) },
  ];
}

/** The inputs behind the advice, with their windows. */
export function inputRows(advice: QueueStaffingAdvice): readonly { readonly label: string; readonly text: string }[] {
  const { inputs } = advice;
  const perHour = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} an hour`;
  return [
    { label: 'Arrivals, last 15 min', text: figureText(inputs.arrivalsPerHour15, perHour) },
    { label: 'Arrivals, last 30 min', text: figureText(inputs.arrivalsPerHour30, perHour) },
    { label: 'Trend', text: figureText(inputs.trendPerHourPerMin, (value) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)} an hour each minute`) },
    { label: 'Handle time (today)', text: figureText(inputs.handleTimeS, secondsText) },
    { label: 'Patience (today’s abandons)', text: figureText(inputs.patienceS, secondsText) },
    { label: 'Target', text: `${percentText(inputs.targetServiceLevel)} answered within ${secondsText(inputs.targetAnswerS)}` },
    { label: 'Model', text: `${inputs.model === 'erlang-a' ? 'Erlang A (customers abandon)' : 'Erlang C'}${inputs.slotsPerAgent > 1 ? `, ${inputs.slotsPerAgent} conversations per agent` : ''}` },
  ];
}

/** One step of applying a what-if: the agent and the membership command that moves them. */
export interface MoveStep {
  readonly agentId: string;
  readonly name: string;
  readonly command: Extract<CommandInput, { type: 'agent.queues' }>;
}

/** The `agent.queues` commands that apply a what-if, one per agent it names. */
export function moveSteps(whatIf: StaffingWhatIf): readonly MoveStep[] {
  return whatIf.moves.map((move) => ({ agentId: move.agentId, name: move.name, command: { type: 'agent.queues', agentId: move.agentId, queueIds: [...move.queueIdsAfter] } }));
}

/** Says how many agents the what-if moves against how many were asked for. */
export function movesSummary(whatIf: StaffingWhatIf): string {
  const moved = whatIf.moves.length;
  if (moved === 0) return 'No agent can move: none of the source queue’s available agents is outside the target queue.';
  const names = whatIf.moves.map((move) => move.name).join(', ');
  return moved < whatIf.requested ? `Only ${moved} of ${whatIf.requested} can move: ${names}.` : `Moves ${names}.`;
}
