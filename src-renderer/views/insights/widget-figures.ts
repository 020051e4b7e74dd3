/**
 * What a figure is, for its explanation and its drill-down: the metric, the member of the
 * dimension it belongs to (none for a total), its cell and the result it came from. Pure.
 */
import type { HistoryFilters } from '../../../src-shared/api/history.js';
import type { InsightCell, InsightDimension, InsightMetric, InsightResult, InsightRow } from '../../../src-shared/api/insights.js';
import { drillFilters } from './insights-model.js';

export interface FigureRef {
  readonly widgetTitle: string;
  readonly metric: InsightMetric;
  readonly dimension: InsightDimension;
  /** The row the figure is in; null for the whole range's figure (a KPI). */
  readonly row: InsightRow | null;
  readonly rowLabel: string | null;
  readonly cell: InsightCell;
  /** The previous period's figure, for a KPI. */
  readonly previous: InsightCell | null;
  readonly result: InsightResult;
}

/**
 * The Conversation Manager search behind one figure: the widget's search narrowed to the figure's
 * member where the history filters can say it (a queue, agent, team, channel or intent; an
 * interval by its start and the next one's). Null for a figure not made of conversations.
 */
export function figureDrill(figure: FigureRef): HistoryFilters | null {
  const base = figure.result.drill;
  if (base === null) return null;
  const row = figure.row;
  let filters: HistoryFilters = base;
  if (row !== null) {
    switch (figure.dimension) {
      case 'queue':
        filters = { ...filters, queueIds: [row.key] };
        break;
      case 'agent':
        filters = { ...filters, agentIds: [row.key] };
        break;
      case 'team':
        filters = { ...filters, teamIds: [row.key] };
        break;
      case 'channel':
        if (row.key === 'chat' || row.key === 'voice') filters = { ...filters, channels: [row.key] };
        break;
      case 'intent':
        filters = { ...filters, intents: [row.key] };
        break;
      case 'interval': {
        const start = Number(row.key);
        const starts = [...new Set(figure.result.rows.map((candidate) => Number(candidate.key)))].sort((a, b) => a - b);
        const next = starts.find((value) => value > start) ?? base.createdAt?.max ?? figure.result.range.to;
        if (Number.isFinite(start)) filters = { ...filters, createdAt: { min: start, max: next } };
        break;
      }
      default:
        break;
    }
  }
  return drillFilters(filters);
}
