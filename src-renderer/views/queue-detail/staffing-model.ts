/**
 * The words of the Staffing tab (docs/staffing.md#live-advice): the advice as one plain sentence,
 * each figure formatted or replaced by the reason it is missing, and the steps that apply a
 * what-if (one `agent.queues` or `agent.capacity` command per agent it names). Pure, so it is
 * tested without a DOM.
 */
import type { CommandInput } from '../../../src-shared/api/contract.js';
import type { Figure, PredictedFigures, QueueStaffingAdvice, StaffingCapacityWhatIf, StaffingWhatIf } from '../../../src-shared/api/staffing.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

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
  return rest === 0 ? t('minutesMin', { minutes }) : t('minutesMinRestS', { minutes, rest });
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
  if (required.value === null || current.value === null) return t('noAdviceYetValue0', { value0: required.reason ?? current.reason ?? 'no data', has });
  const needs = `Needs ${plural(required.value.agents, 'agent', 'agents')} now, ${has}`;
  const level = `service level ${percentText(current.value.serviceLevel)} predicted`;
  return `${needs}; ${level}; ${breachText(minutesToBreach)}.`;
}

/** "breach in about 12 min at this trend", "target breached now", or why there is no time. */
export function breachText(minutesToBreach: Figure<number>): string {
  if (minutesToBreach.value === null) return t('noBreachExpectedReason', { reason: minutesToBreach.reason });
  if (minutesToBreach.value <= 0) return t('shortOfTheTarget');
  return t('breachInAboutValue0', { value0: Math.max(1, Math.round(minutesToBreach.value)) });
}

/** The rows of the figures table: label and text, for the figures of a number of agents. */
export function predictedRows(figures: Figure<PredictedFigures>): readonly { readonly label: string; readonly text: string }[] {
  if (figures.value === null) return [{ label: t('figures'), text: `${UNKNOWN_PREFIX}${figures.reason}` }];
  const value = figures.value;
  return [
    { label: t('agents'), text: String(value.agents) },
    { label: t('serviceLevel'), text: percentText(value.serviceLevel) },
    { label: t('probabilityOfWaiting'), text: percentText(value.probabilityOfWaiting) },
    { label: t('averageSpeedOfAnswer'), text: value.averageSpeedOfAnswerS === null ? t('unboundedMoreWorkThan') : secondsText(value.averageSpeedOfAnswerS) },
    { label: t('occupancy'), text: percentText(value.occupancy) },
    { label: t('abandons'), text: percentText(value.probabilityOfAbandon) },
  ];
}

/** The inputs behind the advice, with their windows. */
export function inputRows(advice: QueueStaffingAdvice): readonly { readonly label: string; readonly text: string }[] {
  const { inputs } = advice;
  const perHour = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} an hour`;
  return [
    { label: t('arrivalsLast15Min'), text: figureText(inputs.arrivalsPerHour15, perHour) },
    { label: t('arrivalsLast30Min'), text: figureText(inputs.arrivalsPerHour30, perHour) },
    { label: t('trend'), text: figureText(inputs.trendPerHourPerMin, (value) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)} an hour each minute`) },
    { label: t('handleTimeToday'), text: figureText(inputs.handleTimeS, secondsText) },
    { label: t('patienceTodaySAbandons'), text: figureText(inputs.patienceS, secondsText) },
    { label: t('target'), text: t('value0AnsweredWithinValue1', { value0: percentText(inputs.targetServiceLevel), value1: secondsText(inputs.targetAnswerS) }) },
    { label: t('model'), text: `${inputs.model === 'erlang-a' ? 'Erlang A (customers abandon)' : 'Erlang C'}${inputs.slotsPerAgent > 1 ? `, ${inputs.slotsPerAgent} conversations per agent` : ''}` },
  ];
}

/** One step of applying a what-if: the agent and the Management command that changes them. */
export interface ApplyStep {
  readonly agentId: string;
  readonly name: string;
  readonly command: Extract<CommandInput, { type: 'agent.queues' | 'agent.capacity' }>;
}

/** The `agent.queues` commands that apply a move, one per agent it names. */
export function moveSteps(whatIf: StaffingWhatIf): readonly ApplyStep[] {
  return whatIf.moves.map((move) => ({ agentId: move.agentId, name: move.name, command: { type: 'agent.queues', agentId: move.agentId, queueIds: [...move.queueIdsAfter] } }));
}

/** The `agent.capacity` commands that apply a slot change, one per agent whose limit changes. */
export function capacitySteps(whatIf: StaffingCapacityWhatIf): readonly ApplyStep[] {
  return whatIf.changes.map((change) => ({ agentId: change.agentId, name: change.name, command: { type: 'agent.capacity', agentId: change.agentId, slots: change.slotsAfter } }));
}

/** Says whose limit the slot change sets, from what to what, and the queues it reaches beyond those shown. */
export function capacitySummary(whatIf: StaffingCapacityWhatIf): string {
  const changed = whatIf.changes.length;
  if (changed === 0) return t('everyAgentAlreadyHasSlots', { count: whatIf.slots });
  const names = whatIf.changes.map((change) => `${change.name} (${change.slotsBefore} → ${change.slotsAfter})`).join(', ');
  const sets = t('setsSlotsOfAgents', { count: changed, slots: whatIf.slots, names });
  return whatIf.unseenQueues === 0 ? sets : `${sets} ${t('alsoServeUnseenQueues', { count: whatIf.unseenQueues })}`;
}

/** Says how many agents the what-if moves against how many were asked for. */
export function movesSummary(whatIf: StaffingWhatIf): string {
  const moved = whatIf.moves.length;
  if (moved === 0) return t('noAgentCanMove');
  const names = whatIf.moves.map((move) => move.name).join(', ');
  return moved < whatIf.requested ? t('onlyMovedOfRequested', { moved, requested: whatIf.requested, names }) : t('movesNames', { names });
}
