/**
 * The words and links of a figure's explanation (explain-figure.tsx), as pure functions of the
 * core's answer, so what the dialog says is tested without a browser.
 */
import { metricDefinition, type MetricId } from '../../src-shared/metrics/dictionary.js';
import type { ExplanationTerm, MetricExplanation } from '../../src-shared/metrics/explanation.js';
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

/** The arithmetic from the inputs to the figure, e.g. "100 × 4 / 6 = 67%". */
export function arithmetic(explanation: Pick<MetricExplanation, 'metricId' | 'kind' | 'numerator' | 'denominator' | 'value'>): string {
  const shown = formatMetricValue(explanation.metricId, explanation.value);
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
  /** The Conversation Manager, for conversations that are finished. */
  history(): string;
  /** The metric's entry in the data dictionary. */
  dictionary(metricId: MetricId): string;
}

/** "Queued: 3" — a figure's accessible name, with what pressing it does. */
export function figureButtonName(metricId: MetricId, value: number | null): string {
  return t('labelValue1ExplainThis', { label: metricDefinition(metricId).label, value1: formatMetricValue(metricId, value) });
}

/** "and 48 more" under a capped list; null when every id is listed. */
export function moreNote(listed: number, total: number): string | null {
  return total > listed ? t('andValue0MoreNot', { value0: total - listed }) : null;
}
