/**
 * The Conversation Manager's logic, free of React: the search form and how it becomes a
 * HistorySearch (dates in the chosen zone turned into instants), the chips of applied filters,
 * sorting, result counts, snippet highlighting and transcript markers. The view only moves data.
 */
import type { Channel, Disposition, Sender } from '../../../src-shared/protocol/events.js';
import type { TranscriptEntry } from '../../../src-shared/api/transcript.js';
import {
  historySearchSchema,
  type CacheInfo,
  type FilterOptions,
  type HistoryFilters,
  type HistorySearch,
  type HistorySortColumn,
} from '../../../src-shared/api/history.js';
import type { MetricId } from '../../../src-shared/metrics/dictionary.js';
import { assertNever, fail, ok, type Result } from '../../../src-shared/result.js';
import { isValidTimeZone, localDate, zoneOffsetMs } from '../../../src-shared/time.js';
import { countOf, formatDateTime as formatLocaleDateTime, formatNumber as formatLocaleNumber, formatRelativeTime, formatTime } from '../../format/locale.js';
import { useT } from '../../i18n/translate.js';

const t = useT('history');

export const DURATION_FIELDS = ['handleTimeSec', 'waitSec', 'firstResponseSec', 'avgResponseSec'] as const;
export type DurationField = (typeof DURATION_FIELDS)[number];
export type DurationUnit = 'sec' | 'min';

export interface DurationInput {
  readonly min: string;
  readonly max: string;
  readonly unit: DurationUnit;
}

export type ResolvedChoice = 'any' | 'yes' | 'no';

/** What the user typed and picked, as strings where the user types: checked only when applied. */
export interface HistoryForm {
  readonly text: string;
  readonly queueIds: readonly string[];
  readonly agentIds: readonly string[];
  readonly teamIds: readonly string[];
  readonly channels: readonly Channel[];
  readonly intents: readonly string[];
  readonly dispositions: readonly Disposition[];
  /** "YYYY-MM-DD" in `timeZone`, or "" for open. */
  readonly dateFrom: string;
  readonly dateTo: string;
  readonly timeZone: string;
  readonly durations: Readonly<Record<DurationField, DurationInput>>;
  readonly csatMin: string;
  readonly csatMax: string;
  readonly resolved: ResolvedChoice;
  readonly customer: string;
}

export const DURATION_LABELS: Readonly<Record<DurationField, string>> = {
  handleTimeSec: 'Handle time',
  waitSec: 'Wait',
  firstResponseSec: 'First response',
  avgResponseSec: 'Avg response',
};

/** The dictionary entry behind each figure of a cached conversation ("what is this?"). */
export const FIGURE_METRICS: Readonly<Record<DurationField | 'csat', MetricId>> = {
  handleTimeSec: 'ahtTodaySec',
  waitSec: 'avgTimeInQueueTodaySec',
  firstResponseSec: 'avgFirstResponseTimeSec',
  avgResponseSec: 'avgResponseTimeSec',
  csat: 'csatMean',
};

export const DISPOSITION_LABELS: Readonly<Record<Disposition, string>> = {
  resolved: 'Resolved',
  unresolved: 'Unresolved',
  escalated: 'Escalated',
  transferred: 'Transferred',
  closed_by_supervisor: 'Closed by supervisor',
};

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = { chat: 'Chat', voice: 'Voice' };

const emptyDuration: DurationInput = { min: '', max: '', unit: 'min' };

/** A form with nothing filled in, dates in `timeZone`. */
export function emptyForm(timeZone: string): HistoryForm {
  return {
    text: '',
    queueIds: [],
    agentIds: [],
    teamIds: [],
    channels: [],
    intents: [],
    dispositions: [],
    dateFrom: '',
    dateTo: '',
    timeZone,
    durations: { handleTimeSec: emptyDuration, waitSec: emptyDuration, firstResponseSec: emptyDuration, avgResponseSec: emptyDuration },
    csatMin: '',
    csatMax: '',
    resolved: 'any',
    customer: '',
  };
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * The instant local midnight starts a calendar date in a zone. The offset is read twice because
 * it may differ between the UTC guess and the real instant (a DST change near midnight).
 */
export function startOfZonedDate(date: string, timeZone: string): number | null {
  const match = DATE_PATTERN.exec(date);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const asUtc = Date.UTC(year, month - 1, day);
  const check = new Date(asUtc);
  // Rejects 2025-02-30 and the like, which Date.UTC would silently roll over.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  let instant = asUtc - zoneOffsetMs(asUtc, timeZone);
  instant = asUtc - zoneOffsetMs(instant, timeZone);
  return instant;
}

function nextDate(date: string): string {
  const match = DATE_PATTERN.exec(date);
  if (match === null) return date;
  const next = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + DAY_MS);
  return next.toISOString().slice(0, 10);
}

/** A typed number: null when blank, NaN when not a number. */
function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed.length === 0) return null;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : Number.NaN;
}

interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

function bounds(label: string, minText: string, maxText: string, scale: number, limits: { readonly floor: number; readonly ceiling: number; readonly integer: boolean }): Result<Bounds | undefined> {
  const min = parseNumber(minText);
  const max = parseNumber(maxText);
  for (const value of [min, max]) {
    if (value === null) continue;
    if (Number.isNaN(value)) return fail(`${label}: enter a number.`);
    if (limits.integer && !Number.isInteger(value)) return fail(`${label}: enter a whole number.`);
    if (value * scale < limits.floor || value * scale > limits.ceiling) return fail(`${label}: must be between ${limits.floor / scale} and ${limits.ceiling / scale}.`);
  }
  if (min !== null && max !== null && min > max) return fail(`${label}: the lower bound is above the upper bound.`);
  if (min === null && max === null) return ok(undefined);
  return ok({ ...(min === null ? {} : { min: Math.round(min * scale) }), ...(max === null ? {} : { max: Math.round(max * scale) }) });
}

const MAX_DURATION_SEC = 10 * 86_400;

/**
 * Turns the form into filters the core accepts, or a message naming the field to fix. Dates are
 * whole days in the form's zone: from the first day's midnight to the last instant of the last day.
 */
export function buildFilters(form: HistoryForm): Result<HistoryFilters> {
  if (!isValidTimeZone(form.timeZone)) return fail(`Unknown time zone "${form.timeZone}".`);
  const filters: { -readonly [K in keyof HistoryFilters]: HistoryFilters[K] } = {};
  const text = form.text.trim();
  if (text.length > 0) filters.text = text;
  if (form.queueIds.length > 0) filters.queueIds = [...form.queueIds];
  if (form.agentIds.length > 0) filters.agentIds = [...form.agentIds];
  if (form.teamIds.length > 0) filters.teamIds = [...form.teamIds];
  if (form.channels.length > 0) filters.channels = [...form.channels];
  if (form.intents.length > 0) filters.intents = [...form.intents];
  if (form.dispositions.length > 0) filters.dispositions = [...form.dispositions];

  const from = form.dateFrom.trim();
  const to = form.dateTo.trim();
  if (from.length > 0 || to.length > 0) {
    const min = from.length > 0 ? startOfZonedDate(from, form.timeZone) : undefined;
    if (min === null) return fail('From date: use a real date (YYYY-MM-DD).');
    if (to.length > 0 && startOfZonedDate(to, form.timeZone) === null) return fail('To date: use a real date (YYYY-MM-DD).');
    const endExclusive = to.length > 0 ? startOfZonedDate(nextDate(to), form.timeZone) : undefined;
    if (endExclusive === null) return fail('To date: use a real date (YYYY-MM-DD).');
    if (min !== undefined && min < 0) return fail('From date: too far in the past.');
    const max = endExclusive === undefined ? undefined : endExclusive - 1;
    if (min !== undefined && max !== undefined && min > max) return fail('Dates: the start is after the end.');
    filters.createdAt = { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max: Math.max(0, max) }) };
  }

  for (const field of DURATION_FIELDS) {
    const input = form.durations[field];
    const result = bounds(DURATION_LABELS[field], input.min, input.max, input.unit === 'min' ? 60 : 1, { floor: 0, ceiling: MAX_DURATION_SEC, integer: false });
    if (!result.ok) return result;
    if (result.value !== undefined) filters[field] = result.value;
  }

  const csat = bounds('CSAT', form.csatMin, form.csatMax, 1, { floor: 1, ceiling: 5, integer: true });
  if (!csat.ok) return csat;
  if (csat.value !== undefined) filters.csat = csat.value;

  switch (form.resolved) {
    case 'any':
      break;
    case 'yes':
      filters.resolved = true;
      break;
    case 'no':
      filters.resolved = false;
      break;
    default:
      return assertNever(form.resolved, 'resolved choice');
  }

  const customer = form.customer.trim();
  if (customer.length > 0) filters.customer = customer;
  return ok(filters);
}

export interface HistorySort {
  readonly column: HistorySortColumn;
  readonly direction: 'asc' | 'desc';
}

export const DEFAULT_SORT: HistorySort = { column: 'createdAt', direction: 'desc' };

/** The whole search, checked against the contract's own schema so the core never sees what it would refuse. */
export function buildSearch(form: HistoryForm, sort: HistorySort): Result<HistorySearch> {
  const filters = buildFilters(form);
  if (!filters.ok) return filters;
  const parsed = historySearchSchema.safeParse({ filters: filters.value, sort });
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? 'The search is not valid.');
  return ok(parsed.data);
}

function durationInput(range: { readonly min?: number; readonly max?: number } | undefined): DurationInput {
  if (range === undefined) return emptyDuration;
  const values = [range.min, range.max].filter((value): value is number => value !== undefined);
  const unit: DurationUnit = values.every((value) => value % 60 === 0) ? 'min' : 'sec';
  const shown = (value: number | undefined): string => (value === undefined ? '' : String(unit === 'min' ? value / 60 : value));
  return { min: shown(range.min), max: shown(range.max), unit };
}

/** The form that produces a saved search again, its dates read in `timeZone`. */
export function formFromSearch(search: HistorySearch, timeZone: string): HistoryForm {
  const { filters } = search;
  return {
    text: filters.text ?? '',
    queueIds: filters.queueIds ?? [],
    agentIds: filters.agentIds ?? [],
    teamIds: filters.teamIds ?? [],
    channels: filters.channels ?? [],
    intents: filters.intents ?? [],
    dispositions: filters.dispositions ?? [],
    dateFrom: filters.createdAt?.min === undefined ? '' : localDate(filters.createdAt.min, timeZone),
    dateTo: filters.createdAt?.max === undefined ? '' : localDate(filters.createdAt.max, timeZone),
    timeZone,
    durations: {
      handleTimeSec: durationInput(filters.handleTimeSec),
      waitSec: durationInput(filters.waitSec),
      firstResponseSec: durationInput(filters.firstResponseSec),
      avgResponseSec: durationInput(filters.avgResponseSec),
    },
    csatMin: filters.csat?.min === undefined ? '' : String(filters.csat.min),
    csatMax: filters.csat?.max === undefined ? '' : String(filters.csat.max),
    resolved: filters.resolved === undefined ? 'any' : filters.resolved ? 'yes' : 'no',
    customer: filters.customer ?? '',
  };
}

// ---- chips ----

export interface FilterChip {
  /** Stable key: what removeChip takes back. */
  readonly key: string;
  readonly label: string;
}

/** Names for ids, from the filter options; an unknown id shows as itself. */
export interface ChipNames {
  readonly queues: ReadonlyMap<string, string>;
  readonly agents: ReadonlyMap<string, string>;
  readonly teams: ReadonlyMap<string, string>;
}

/** Lookup tables built once per FilterOptions answer. */
export function chipNames(options: FilterOptions | null): ChipNames {
  return {
    queues: new Map((options?.queues ?? []).map((queue) => [queue.queueId, queue.name])),
    agents: new Map((options?.agents ?? []).map((agent) => [agent.agentId, agent.name])),
    teams: new Map((options?.teams ?? []).map((team) => [team.teamId, team.name])),
  };
}

function rangeText(min: string, max: string, unit: string): string {
  const suffix = unit.length > 0 ? ` ${unit}` : '';
  if (min.trim().length > 0 && max.trim().length > 0) return `${min.trim()}–${max.trim()}${suffix}`;
  if (min.trim().length > 0) return `≥ ${min.trim()}${suffix}`;
  return `≤ ${max.trim()}${suffix}`;
}

function hasRange(min: string, max: string): boolean {
  return min.trim().length > 0 || max.trim().length > 0;
}

/** One chip per applied filter value, in the order of the form. */
export function chipsOf(form: HistoryForm, names: ChipNames): readonly FilterChip[] {
  const chips: FilterChip[] = [];
  if (form.text.trim().length > 0) chips.push({ key: 'text', label: t('textValue0', { value0: form.text.trim() }) });
  for (const queueId of form.queueIds) chips.push({ key: `queue:${queueId}`, label: t('queueValue0', { value0: names.queues.get(queueId) ?? queueId }) });
  for (const agentId of form.agentIds) chips.push({ key: `agent:${agentId}`, label: t('agentValue0', { value0: names.agents.get(agentId) ?? agentId }) });
  for (const teamId of form.teamIds) chips.push({ key: `team:${teamId}`, label: t('teamValue0', { value0: names.teams.get(teamId) ?? teamId }) });
  for (const channel of form.channels) chips.push({ key: `channel:${channel}`, label: t('channelValue0', { value0: CHANNEL_LABELS[channel] }) });
  for (const intent of form.intents) chips.push({ key: `intent:${intent}`, label: t('intentIntent', { intent }) });
  for (const disposition of form.dispositions) chips.push({ key: `disposition:${disposition}`, label: t('dispositionValue0', { value0: DISPOSITION_LABELS[disposition] }) });
  if (hasRange(form.dateFrom, form.dateTo)) {
    const from = form.dateFrom.trim();
    const to = form.dateTo.trim();
    const span = from.length > 0 && to.length > 0 ? (from === to ? from : `${from} to ${to}`) : from.length > 0 ? `from ${from}` : `until ${to}`;
    chips.push({ key: 'date', label: t('dateSpanTimezone', { span, timeZone: form.timeZone }) });
  }
  for (const field of DURATION_FIELDS) {
    const input = form.durations[field];
    if (hasRange(input.min, input.max)) chips.push({ key: field, label: `${DURATION_LABELS[field]}: ${rangeText(input.min, input.max, input.unit === 'min' ? 'min' : 's')}` });
  }
  if (hasRange(form.csatMin, form.csatMax)) chips.push({ key: 'csat', label: t('csatValue0', { value0: rangeText(form.csatMin, form.csatMax, '') }) });
  if (form.resolved !== 'any') chips.push({ key: 'resolved', label: form.resolved === 'yes' ? t('resolved') : t('notResolved') });
  if (form.customer.trim().length > 0) chips.push({ key: 'customer', label: t('customerValue0', { value0: form.customer.trim() }) });
  return chips;
}

function without<T>(values: readonly T[], value: T): readonly T[] {
  return values.filter((candidate) => candidate !== value);
}

/** The form without the filter a chip stands for; an unknown key changes nothing. */
export function removeChip(form: HistoryForm, key: string): HistoryForm {
  const colon = key.indexOf(':');
  const kind = colon === -1 ? key : key.slice(0, colon);
  const value = colon === -1 ? '' : key.slice(colon + 1);
  switch (kind) {
    case 'text':
      return { ...form, text: '' };
    case 'queue':
      return { ...form, queueIds: without(form.queueIds, value) };
    case 'agent':
      return { ...form, agentIds: without(form.agentIds, value) };
    case 'team':
      return { ...form, teamIds: without(form.teamIds, value) };
    case 'channel':
      return { ...form, channels: form.channels.filter((channel) => channel !== value) };
    case 'intent':
      return { ...form, intents: without(form.intents, value) };
    case 'disposition':
      return { ...form, dispositions: form.dispositions.filter((disposition) => disposition !== value) };
    case 'date':
      return { ...form, dateFrom: '', dateTo: '' };
    case 'csat':
      return { ...form, csatMin: '', csatMax: '' };
    case 'resolved':
      return { ...form, resolved: 'any' };
    case 'customer':
      return { ...form, customer: '' };
    default: {
      const field = DURATION_FIELDS.find((candidate) => candidate === kind);
      return field === undefined ? form : { ...form, durations: { ...form.durations, [field]: emptyDuration } };
    }
  }
}

// ---- results ----


/** "1,234 conversations", "10,000+ conversations" when the core stopped counting, "No conversations". */
export function formatCount(total: number, capped: boolean): string {
  if (total === 0 && !capped) return t('noConversations');
  const noun = total === 1 && !capped ? 'conversation' : 'conversations';
  return `${formatLocaleNumber(total)}${capped ? '+' : ''} ${noun}`;
}

/** A number with thousands separators ("1,020,331"). */
export function formatNumber(value: number): string {
  return formatLocaleNumber(value);
}

/** Clicking a column: the same column flips direction; a new one starts with its natural order. */
export function nextSort(current: HistorySort, column: HistorySortColumn): HistorySort {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  const ascendingFirst = column === 'queue' || column === 'agent';
  return { column, direction: ascendingFirst ? 'asc' : 'desc' };
}

/** The aria-sort of a column header. */
export function ariaSort(current: HistorySort, column: HistorySortColumn): 'ascending' | 'descending' | 'none' {
  if (current.column !== column) return 'none';
  return current.direction === 'asc' ? 'ascending' : 'descending';
}

export interface SnippetPart {
  readonly text: string;
  readonly marked: boolean;
}

const MARK_START = '\u0002';
const MARK_END = '\u0003';

/**
 * Splits a search snippet into plain and matched parts (between \u0002 and \u0003), so matches are
 * rendered as elements and the text is never parsed as HTML. A stray or missing marker ends or
 * starts a match rather than leaking a control character.
 */
export function splitSnippet(snippet: string): readonly SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  let current = '';
  const flush = (): void => {
    if (current.length > 0) {
      const last = parts[parts.length - 1];
      if (last !== undefined && last.marked === marked) parts[parts.length - 1] = { text: last.text + current, marked };
      else parts.push({ text: current, marked });
    }
    current = '';
  };
  for (const character of snippet) {
    if (character === MARK_START) {
      flush();
      marked = true;
    } else if (character === MARK_END) {
      flush();
      marked = false;
    } else {
      current += character;
    }
  }
  flush();
  return parts;
}

/** "12 Mar 2025, 14:02" in a zone: the table's and transcript's date-time. */
export function formatDateTime(epochMs: number, timeZone: string): string {
  return formatLocaleDateTime(epochMs, timeZone);
}

/** "14:02:07" in a zone. */
export function formatTimeOfDay(epochMs: number, timeZone: string): string {
  return formatTime(epochMs, timeZone, true);
}

/** "1.2 GB", "340 MB", "12 KB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${Math.round(value)} ${units[0]}` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

// ---- transcript ----

export type EntryMarker = 'whisper' | 'note' | 'system' | 'delivery-failure' | 'transfer' | 'takeover' | 'lifecycle';

export interface EntryBadge {
  readonly marker: EntryMarker;
  readonly label: string;
}

export const SENDER_LABELS: Readonly<Record<Sender, string>> = { customer: 'Customer', agent: 'Agent', bot: 'Bot', supervisor: 'Supervisor' };

/**
 * The badges of one transcript entry: what kind of line it is beyond plain text, so whispers,
 * notes, system lines, delivery failures, transfers and takeovers stand out (icon and label).
 */
export function entryBadges(entry: TranscriptEntry): readonly EntryBadge[] {
  switch (entry.kind) {
    case 'message': {
      const badges: EntryBadge[] = [];
      switch (entry.messageKind) {
        case 'text':
          break;
        case 'whisper':
          badges.push({ marker: 'whisper', label: t('whisperNotSeenBy') });
          break;
        case 'note':
          badges.push({ marker: 'note', label: t('note') });
          break;
        case 'system':
          badges.push({ marker: 'system', label: t('system') });
          break;
        default:
          return assertNever(entry.messageKind, 'message kind');
      }
      if (entry.deliveryFailure !== null) badges.push({ marker: 'delivery-failure', label: t('notDeliveredDeliveryfailure', { deliveryFailure: entry.deliveryFailure }) });
      return badges;
    }
    case 'event':
      switch (entry.event) {
        case 'transferred':
          return [{ marker: 'transfer', label: t('transfer') }];
        case 'taken_over':
          return [{ marker: 'takeover', label: t('takeover') }];
        case 'created':
        case 'queued':
        case 'assigned':
        case 'ended':
        case 'abandoned':
          return [{ marker: 'lifecycle', label: t('event') }];
        default:
          return assertNever(entry.event, 'conversation event');
      }
    default:
      return assertNever(entry, 'transcript entry');
  }
}

// ---- cache freshness ----

/** The newest instant the cache is known to hold: the later of the cache's and the live feed's last event. */
export function cacheLastUpdate(cacheInfo: CacheInfo | null, feedLastEventAt: number | null): number | null {
  const candidates = [cacheInfo?.lastEventAt ?? null, feedLastEventAt].filter((value): value is number => value !== null && Number.isFinite(value));
  return candidates.length === 0 ? null : Math.max(...candidates);
}

/**
 * "3 hours ago", "12 minutes ago", "just now" in the locale's words: coarse, because the strip is
 * read at a glance. "Just now" only while live: during an outage every second counts ("40 seconds ago").
 */
export function relativeAge(ageMs: number, live = true): string {
  const minutes = Math.floor(Math.max(0, ageMs) / 60_000);
  if (minutes < 1) return live ? t('justNow') : formatRelativeTime(-Math.max(1, Math.floor(Math.max(0, ageMs) / 1000)), 'second');
  if (minutes < 60) return formatRelativeTime(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return formatRelativeTime(-hours, 'hour');
  return formatRelativeTime(-Math.floor(hours / 24), 'day');
}

/** "last update 14:02 (3 h ago)", with the date when not today in the zone; "no data cached yet". */
export function describeLastUpdate(lastUpdate: number | null, nowMs: number, timeZone: string, live = true): string {
  if (lastUpdate === null) return t('noDataCachedYet');
  const sameDay = localDate(lastUpdate, timeZone) === localDate(nowMs, timeZone);
  const time = formatTime(lastUpdate, timeZone);
  const when = sameDay ? time : `${formatDateTime(lastUpdate, timeZone)}`;
  return t('lastUpdateWhenValue1', { when, value1: relativeAge(nowMs - lastUpdate, live) });
}

/** How often the cache's size is asked again: every 2 s while history arrives, so the count keeps up with the rows. */
export function cacheInfoRefreshMs(backfillRunning: boolean): number {
  return backfillRunning ? 2_000 : 30_000;
}

/**
 * The strip's count of cached conversations. While a backfill runs the count is a moment old and
 * growing: "1,204 conversations so far", and never a flat "0 conversations" beside rows on screen.
 */
export function cacheCountText(conversations: number, backfillRunning: boolean): string {
  if (backfillRunning) return conversations === 0 ? t('historyArriving') : t('value0SoFar', { value0: countOf(conversations, { one: 'conversation', other: 'conversations' }) });
  return countOf(conversations, { one: 'conversation', other: 'conversations' });
}

/** "Fetching history: 42%" while a backfill runs; null otherwise. */
export function backfillProgressText(backfill: { readonly state: string; readonly sentEvents: number; readonly totalEvents: number } | null | undefined): string | null {
  if (backfill === null || backfill === undefined || backfill.state !== 'running') return null;
  if (backfill.totalEvents <= 0) return t('fetchingHistory');
  return t('fetchingHistoryValue0', { value0: Math.min(100, Math.floor((backfill.sentEvents / backfill.totalEvents) * 100)) });
}

