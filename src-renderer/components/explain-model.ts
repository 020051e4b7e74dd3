/**
 * The words and links of a figure's explanation (explain-figure.tsx), as pure functions of the
 * core's answer, so what the dialog says is tested without a browser.
 */
import { metricDefinition, type MetricId } from '../../src-shared/metrics/dictionary.js';
import type { ExplanationTerm, MetricExplanation } from '../../src-shared/metrics/explanation.js';
import { AGENT_FIGURES, type AgentFigureExplanation, type AgentFigureId } from '../../src-shared/metrics/agent-explanation.js';
import { formatDuration } from '../../src-shared/time.js';
import { assertNever } from '../../src-shared/result.js';
import { formatMetricValue } from '../format/metric-format.js';
import { useT } from '../i18n/translate.js';

const t = useT('components');

/** A number of an explanation: whole numbers as they are, others to one decimal. */
export function formatTermValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** One line per input: numerator, denominator, then what was left out. */
export function termLines(explanation: Pick<MetricExplanation, 'numerator' | 'denominator' | 'exclusions'>): readonly { readonly role: 'numerator' | 'denominator' | 'excluded'; readonly term: ExplanationTerm }[] {
  return [
    { role: 'numerator' as const, term: explanation.numerator },
    ...(explanation.denominator === null ? [] : [{ role: 'denominator' as const, term: explanation.denominator }]),
    ...explanation.exclusions.map((term) => ({ role: 'excluded' as const, term })),
  ];
}

const UNKNOWN_TEXT = t('notKnown');

/** An agent figure as the agent panel shows it: a duration, or a count. */
export function formatAgentFigure(figureId: AgentFigureId, value: number | null): string {
  if (AGENT_FIGURES[figureId].unit === 'seconds') return formatDuration(value);
  return value === null ? UNKNOWN_TEXT : String(value);
}

export type AnyExplanation = MetricExplanation | AgentFigureExplanation;

export function isAgentExplanation(explanation: Pick<MetricExplanation, 'metricId'> | Pick<AgentFigureExplanation, 'figureId'>): explanation is AgentFigureExplanation {
  return 'figureId' in explanation;
}

/** The figure of an explanation, formatted as the view that shows it formats it. */
export function shownValue(explanation: Pick<MetricExplanation, 'metricId' | 'value'> | Pick<AgentFigureExplanation, 'figureId' | 'value'>): string {
  return 'figureId' in explanation ? formatAgentFigure(explanation.figureId, explanation.value) : formatMetricValue(explanation.metricId, explanation.value);
}

/** What the dialog says of a figure whatever it belongs to: its name, definition, formula and period. */
export function figureFacts(explanation: AnyExplanation): { readonly label: string; readonly definition: string; readonly formula: string; readonly alternatives: string | null; readonly period: 'now' | 'today' } {
  if (isAgentExplanation(explanation)) return { ...AGENT_FIGURES[explanation.figureId], period: explanation.period };
  const definition = metricDefinition(explanation.metricId);
  return { label: definition.label, definition: definition.definition, formula: definition.formula, alternatives: definition.alternatives ?? null, period: definition.period === 'now' ? 'now' : 'today' };
}

/** The arithmetic from the inputs to the figure, e.g. "100 × 4 / 6 = 67%". */
export function arithmetic(explanation: (Pick<MetricExplanation, 'metricId'> | Pick<AgentFigureExplanation, 'figureId'>) & Pick<MetricExplanation, 'kind' | 'numerator' | 'denominator' | 'value'>): string {
  const shown = shownValue(explanation);
  const part = formatTermValue(explanation.numerator.value);
  const whole = explanation.denominator === null ? '0' : formatTermValue(explanation.denominator.value);
  const result = explanation.value === null ? `no value (nothing to divide by): ${shown}` : shown;
  switch (explanation.kind) {
    case 'count':
    case 'max':
      return `${part} = ${result}`;
    case 'mean':
    case 'ratio':
      return `${part} / ${whole} = ${result}`;
    case 'percent':
      return `100 × ${part} / ${whole} = ${result}`;
    default:
      return assertNever(explanation.kind, 'explanation kind');
  }
}

/**
 * Where an explanation's links go: made by the shell's router for the view's target
 * (shell/explain-links.ts) and handed in, since the shared components do not know the routes.
 */
export interface ExplainLinks {
  /** The live conversations table of the target, opened on one conversation or filtered to one agent. */
  liveTable(focus?: { readonly conversationId?: string; readonly agentId?: string }): string;
  /** The Conversation Manager, for conversations that are finished; filtered to one agent's since `from` when given. */
  history(filter?: { readonly agentId: string; readonly from: number }): string;
  /** The metric's entry in the data dictionary. */
  dictionary(metricId: MetricId): string;
}

/** "Handle time of Ann: 2:05" — an agent figure's accessible name, with what pressing it does. */
export function agentFigureButtonName(figureId: AgentFigureId, agentName: string, value: number | null): string {
  return t('agentFigureExplainThis', { label: AGENT_FIGURES[figureId].label, name: agentName, value: formatAgentFigure(figureId, value) });
}

/** "Queued: 3" — a figure's accessible name, with what pressing it does. */
export function figureButtonName(metricId: MetricId, value: number | null): string {
  return t('labelValue1ExplainThis', { label: metricDefinition(metricId).label, value1: formatMetricValue(metricId, value) });
}

/** "and 48 more" under a capped list; null when every id is listed. */
export function moreNote(listed: number, total: number): string | null {
  return total > listed ? t('andValue0MoreNot', { value0: total - listed }) : null;
}
