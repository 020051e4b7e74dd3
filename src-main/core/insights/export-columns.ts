/**
 * What an exported figure is called and how it is written: each metric's column heading and
 * kind of number, each dimension's heading, the filters in words, and instants as local wall-clock
 * text in the query's zone. Pure; shared by the CSV and XLSX writers so both files say the same.
 */
import type { InsightDimension, InsightFilters, InsightInterval, InsightMetric, InsightQuery } from '../../../src-shared/api/insights.js';
import { zonedParts } from '../../../src-shared/time.js';

/**
 * How a figure is written: `count` a whole number, `rate` a fraction 0–1 (a percentage in XLSX),
 * `seconds` a mean duration in seconds, `hours` a sum of agent time in hours, `number` any other
 * mean (rating, sentiment, chats per agent, agents).
 */
export type ExportUnit = 'count' | 'rate' | 'seconds' | 'hours' | 'number';

export interface MetricColumn {
  readonly heading: string;
  readonly unit: ExportUnit;
}

export const METRIC_COLUMNS: Readonly<Record<InsightMetric, MetricColumn>> = {
  offered: { heading: 'Offered', unit: 'count' },
  assigned: { heading: 'Assigned', unit: 'count' },
  abandoned: { heading: 'Abandoned', unit: 'count' },
  abandonRate: { heading: 'Abandon rate', unit: 'rate' },
  averageAbandonTime: { heading: 'Avg abandon time', unit: 'seconds' },
  averageWait: { heading: 'Avg wait', unit: 'seconds' },
  averageHandleTime: { heading: 'Avg handle time', unit: 'seconds' },
  averageFirstResponse: { heading: 'Avg first response', unit: 'seconds' },
  averageResponse: { heading: 'Avg response', unit: 'seconds' },
  serviceLevel: { heading: 'Service level', unit: 'rate' },
  resolutionRate: { heading: 'Resolution rate', unit: 'rate' },
  transfers: { heading: 'Transfers', unit: 'count' },
  timedOutByAgent: { heading: 'Timed out by agent', unit: 'count' },
  botConversations: { heading: 'Bot conversations', unit: 'count' },
  botContained: { heading: 'Contained by bot', unit: 'count' },
  botEscalated: { heading: 'Escalated to agent', unit: 'count' },
  containmentRate: { heading: 'Containment rate', unit: 'rate' },
  escalationRate: { heading: 'Escalation rate', unit: 'rate' },
  occupancy: { heading: 'Occupancy', unit: 'rate' },
  utilisation: { heading: 'Utilisation', unit: 'rate' },
  concurrency: { heading: 'Concurrency', unit: 'number' },
  loggedInAgents: { heading: 'Logged-in agents', unit: 'number' },
  statusTime: { heading: 'Time in status', unit: 'hours' },
  surveys: { heading: 'Surveys', unit: 'count' },
  csatPositive: { heading: 'CSAT', unit: 'rate' },
  csatMean: { heading: 'CSAT mean', unit: 'number' },
  sentimentMean: { heading: 'Sentiment', unit: 'number' },
};

/** A CSV heading says the unit, since CSV has no number formats. */
export function csvMetricHeading(metric: InsightMetric): string {
  const { heading, unit } = METRIC_COLUMNS[metric];
  switch (unit) {
    case 'rate':
      return `${heading} (0-1)`;
    case 'seconds':
      return `${heading} (s)`;
    case 'hours':
      return `${heading} (h)`;
    case 'count':
    case 'number':
      return heading;
  }
}

export const DIMENSION_HEADINGS: Readonly<Record<InsightDimension, string>> = {
  none: 'All',
  interval: 'Interval',
  queue: 'Queue',
  group: 'Group',
  channel: 'Channel',
  agent: 'Agent',
  team: 'Team',
  location: 'Location',
  intent: 'Intent',
  disposition: 'Disposition',
  hourOfWeek: 'Weekday and hour',
  csatScore: 'Rating',
  escalationReason: 'Escalation reason',
  status: 'Status',
  awayReason: 'Away reason',
};

const FILTER_NAMES: Readonly<Record<keyof InsightFilters, string>> = {
  queueIds: 'Queues',
  groupIds: 'Groups',
  channels: 'Channels',
  agentIds: 'Agents',
  teamIds: 'Teams',
  locations: 'Locations',
  intents: 'Intents',
};

/** The dashboard's and the widget's filters (both hold) in words; "none" when nothing narrows. */
export function filtersText(query: Pick<InsightQuery, 'filters' | 'widget'>): string {
  const parts: string[] = [];
  for (const [label, filters] of [
    ['dashboard', query.filters],
    ['widget', query.widget.filters],
  ] as const) {
    const named = (Object.keys(FILTER_NAMES) as (keyof InsightFilters)[])
      .filter((key) => (filters[key]?.length ?? 0) > 0)
      .map((key) => `${FILTER_NAMES[key]}: ${(filters[key] ?? []).join(', ')}`);
    if (named.length > 0) parts.push(`${label} — ${named.join('; ')}`);
  }
  return parts.length === 0 ? 'none' : parts.join(' | ');
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** An instant as the wall clock in the zone shows it: "2026-03-29 03:00" (date only for day steps). */
export function localText(epochMs: number, timeZone: string, withTime = true): string {
  const parts = zonedParts(epochMs, timeZone);
  const date = `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
  return withTime ? `${date} ${pad(parts.hour)}:${pad(parts.minute)}` : date;
}

/**
 * An instant as a spreadsheet date: a Date whose UTC fields are the zone's wall clock, since a
 * spreadsheet's dates have no zone and show what they hold.
 */
export function localDate(epochMs: number, timeZone: string): Date {
  let known = localDates.get(timeZone);
  if (known === undefined || known.size >= LOCAL_DATES_KEPT) {
    known = new Map();
    localDates.set(timeZone, known);
  }
  let wallClock = known.get(epochMs);
  if (wallClock === undefined) {
    const parts = zonedParts(epochMs, timeZone);
    wallClock = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    known.set(epochMs, wallClock);
  }
  return new Date(wallClock);
}

/**
 * Instants already turned into wall-clock time, per zone: an export writes the same interval
 * starts on many sheets, and asking Intl for each is the slowest part of writing a row.
 */
const localDates = new Map<string, Map<number, number>>();
const LOCAL_DATES_KEPT = 100_000;

/** Whether an interval's members start at midnight, so their time of day says nothing. */
export function dailyOrLonger(interval: InsightInterval): boolean {
  return interval === 'day' || interval === 'week' || interval === 'month';
}
