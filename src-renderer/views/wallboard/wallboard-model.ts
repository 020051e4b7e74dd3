/**
 * The wallboard's decisions as pure functions: which board the playlist shows now, the pixel
 * shift against burn-in, how stale the board is, KPI figures over several queues and their
 * trend, the leaderboard, the ticker and the agent grid's cells. The player only moves data
 * through these; clocks and timers are passed in.
 */
import type { BreachSeverity, QueueTile } from '../../../src-shared/api/live.js';
import type { AgentTile, LeaderboardEntry, SeriesPoint, TickerItem } from '../../../src-shared/api/wallboard.js';
import type { FeedStatus } from '../../../src-shared/api/live.js';
import type { MetricId } from '../../../src-shared/metrics/dictionary.js';
import { metricDefinition } from '../../../src-shared/metrics/dictionary.js';
import type { Board, BoardTile, Playlist } from '../../../src-shared/wallboard/board.js';
import { playlistSchema } from '../../../src-shared/wallboard/board.js';
import { assertNever } from '../../../src-shared/result.js';
import { formatDuration } from '../../../src-shared/time.js';
import type { Timers } from '../../client/client-core.js';
import type { LinkState } from '../../client/console-client.js';
import { breachesByMetric } from '../../format/metric-format.js';
import { formatAge, formatClockTime, isStale, staleNotice } from '../../store/freshness.js';
import { collator, formatTime } from '../../format/locale.js';
import { useT } from '../../i18n/translate.js';

const t = useT('wallboard');

// ---- playlist rotation ----

export type Rotation =
  | { readonly kind: 'none' }
  /** The route pins a board that does not exist (deleted, or a typo in the address). */
  | { readonly kind: 'missing'; readonly boardId: string }
  | {
      readonly kind: 'board';
      readonly boardId: string;
      /** Index in the playable entries, and their count (1 when nothing rotates). */
      readonly position: number;
      readonly count: number;
      /** Until the next board, or null when the board stays. */
      readonly nextChangeInMs: number | null;
    };

/** The playlist entries that can be shown: those whose board exists. */
export function playableEntries(boardIds: readonly string[], playlist: Playlist): Playlist['entries'] {
  const known = new Set(boardIds);
  return playlist.entries.filter((entry) => known.has(entry.boardId) && Number.isFinite(entry.seconds) && entry.seconds > 0);
}

/**
 * The board to show `elapsedMs` after the playlist started. A pinned board (the route names one)
 * always wins; an empty or unusable playlist shows the first board without rotating. Computed
 * from elapsed time, not counted ticks, so a late timer never shifts the schedule.
 */
export function rotationAt(boardIds: readonly string[], playlist: Playlist, pinnedBoardId: string | null, elapsedMs: number): Rotation {
  if (pinnedBoardId !== null) {
    return boardIds.includes(pinnedBoardId) ? { kind: 'board', boardId: pinnedBoardId, position: 0, count: 1, nextChangeInMs: null } : { kind: 'missing', boardId: pinnedBoardId };
  }
  const entries = playableEntries(boardIds, playlist);
  const first = entries[0];
  if (first === undefined || entries.length === 1) {
    const boardId = first?.boardId ?? boardIds[0];
    return boardId === undefined ? { kind: 'none' } : { kind: 'board', boardId, position: 0, count: 1, nextChangeInMs: null };
  }
  const cycleMs = entries.reduce((sum, entry) => sum + entry.seconds * 1000, 0);
  let offset = Math.max(0, elapsedMs) % cycleMs;
  for (let position = 0; position < entries.length; position += 1) {
    const entry = entries[position] as Playlist['entries'][number];
    const lengthMs = entry.seconds * 1000;
    if (offset < lengthMs) return { kind: 'board', boardId: entry.boardId, position, count: entries.length, nextChangeInMs: lengthMs - offset };
    offset -= lengthMs;
  }
  return { kind: 'board', boardId: first.boardId, position: 0, count: entries.length, nextChangeInMs: first.seconds * 1000 };
}

export const MIN_PLAYLIST_SECONDS = 5;
export const MAX_PLAYLIST_SECONDS = 3600;
export const MAX_PLAYLIST_ENTRIES = 32;

/** The playlist the editor's rows describe (seconds as typed), or the reason it cannot be saved. */
export function playlistFromRows(rows: readonly { readonly boardId: string; readonly seconds: string }[]): { readonly ok: true; readonly playlist: Playlist } | { readonly ok: false; readonly error: string } {
  const entries: Playlist['entries'] = [];
  for (const [index, row] of rows.entries()) {
    const seconds = Number(row.seconds);
    if (!Number.isInteger(seconds) || seconds < MIN_PLAYLIST_SECONDS || seconds > MAX_PLAYLIST_SECONDS) return { ok: false, error: t('entryValue0SecondsMust', { value0: index + 1, MIN_PLAYLIST_SECONDS: String(MIN_PLAYLIST_SECONDS), MAX_PLAYLIST_SECONDS: String(MAX_PLAYLIST_SECONDS) }) };
    entries.push({ boardId: row.boardId, seconds });
  }
  const parsed = playlistSchema.safeParse({ entries });
  return parsed.success ? { ok: true, playlist: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? t('thePlaylistIsInvalid') };
}

function sameRotation(left: Rotation | null, right: Rotation): boolean {
  if (left === null || left.kind !== right.kind) return false;
  if (left.kind === 'none' || right.kind === 'none') return true;
  if (left.kind === 'missing' || right.kind === 'missing') return left.boardId === right.boardId;
  return left.boardId === right.boardId && left.position === right.position && left.count === right.count;
}

export interface RotationOptions {
  readonly boardIds: readonly string[];
  readonly playlist: Playlist;
  readonly pinnedBoardId: string | null;
  readonly now: () => number;
  readonly timers: Timers;
  /** Called at once with the first board, then at each change. */
  readonly onChange: (rotation: Rotation) => void;
}

/**
 * Runs the playlist: reports the board now and at every change, with one timer at a time set to
 * the next change. Returns a function that stops it. The schedule counts from the start.
 */
export function startRotation(options: RotationOptions): () => void {
  const started = options.now();
  let last: Rotation | null = null;
  let timer: unknown = undefined;
  let stopped = false;
  const step = (): void => {
    if (stopped) return;
    const rotation = rotationAt(options.boardIds, options.playlist, options.pinnedBoardId, options.now() - started);
    if (!sameRotation(last, rotation)) {
      last = rotation;
      options.onChange(rotation);
    }
    if (rotation.kind === 'board' && rotation.nextChangeInMs !== null) timer = options.timers.setTimeout(step, Math.max(1, rotation.nextChangeInMs));
  };
  step();
  return () => {
    stopped = true;
    options.timers.clearTimeout(timer);
  };
}

// ---- clock times ----

/**
 * When a wallboard device was created, last seen or revoked, for the devices list. These are the
 * console's own records, not floor events, so they are in the viewer's zone (the one this machine
 * is set to), like every other clock on it; they were shown in the first queue's zone, New York,
 * five hours off for a supervisor in London or on UTC.
 */
export function deviceTime(epochMs: number, nowMs: number): string {
  return formatClockTime(epochMs, nowMs);
}

/** "14:05" in a zone (the viewer's when undefined); the formatter is cached in format/locale.ts. */
export function clockTime(epochMs: number, timeZone: string | undefined): string {
  return formatTime(epochMs, timeZone);
}

// ---- burn-in protection ----

const SHIFT_PATTERN: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
  [0, -1],
  [1, -1],
];

/** Every few minutes the whole board moves to the next of nine nearby offsets: too slow to notice, enough to spare the pixels. */
export const PIXEL_SHIFT_PERIOD_MS = 3 * 60_000;
export const PIXEL_SHIFT_AMPLITUDE_PX = 4;

/** The board's offset at an instant, and when it next moves. */
export function pixelShiftAt(nowMs: number, periodMs = PIXEL_SHIFT_PERIOD_MS, amplitudePx = PIXEL_SHIFT_AMPLITUDE_PX): { readonly x: number; readonly y: number; readonly nextInMs: number } {
  const step = Math.floor(Math.max(0, nowMs) / periodMs);
  const [dx, dy] = SHIFT_PATTERN[step % SHIFT_PATTERN.length] ?? [0, 0];
  return { x: dx * amplitudePx, y: dy * amplitudePx, nextInMs: periodMs - (Math.max(0, nowMs) % periodMs) };
}

// ---- staleness ----

export interface BoardFreshness {
  readonly stale: boolean;
  /** When the data on screen was last known current (core clock), or null before any data. */
  readonly asOf: number | null;
  /** "STALE — last update 10:42:13", or null when live. */
  readonly headline: string | null;
  /** What is wrong and how old the data is ("Feed connection lost · 2 min 5 s old · reconnecting…"). */
  readonly detail: string | null;
}

export interface FreshnessInput {
  readonly link: LinkState;
  readonly linkEverOpened: boolean;
  readonly status: FeedStatus | null;
  /** The floor positions (asOfTime) of the board's data sources: the overview and the live topic; used only before the feed's first word. */
  readonly sourcesAsOf: readonly (number | null)[];
  readonly coreNowMs: number;
  /** The board's queue time zone, for the time of the last update. */
  readonly timeZone?: string;
}

/**
 * Whether the board is stale and what the banner says. Stale when the link to the console or the
 * feed is lost. The last update is when the core last heard from the feed, on the core's clock,
 * like the age it is compared with; the sources' floor positions (the feed's clock, which a
 * replayed or simulated floor may run apart from ours) stand in only before the core has heard
 * anything.
 */
export function boardFreshness(input: FreshnessInput): BoardFreshness {
  const known = input.sourcesAsOf.filter((value): value is number => value !== null && Number.isFinite(value));
  const lastFrameAt = input.status?.lastFrameAt ?? null;
  const asOf = lastFrameAt !== null && Number.isFinite(lastFrameAt) ? lastFrameAt : known.length === 0 ? null : Math.max(...known);
  if (!isStale(input.link, input.linkEverOpened, input.status)) return { stale: false, asOf, headline: null, detail: null };
  const notice = staleNotice({ link: input.link, linkEverOpened: input.linkEverOpened, status: input.status, asOf, coreNowMs: input.coreNowMs, ...(input.timeZone === undefined ? {} : { timeZone: input.timeZone }) });
  const headline = asOf === null ? t('staleNoDataReceived') : t('staleLastUpdateValue0', { value0: formatClockTime(asOf, input.coreNowMs, input.timeZone) });
  const parts = [notice?.problem ?? 'Not live', asOf === null ? null : `${formatAge(input.coreNowMs - asOf)} old`, notice?.next ?? null];
  return { stale: true, asOf, headline, detail: parts.filter((part): part is string => part !== null).join(' · ') };
}

/** The time zone a board speaks in: that of the first queue it shows, else the first queue on the floor, else the viewer's. */
export function boardTimeZone(board: Board | null, queues: Readonly<Record<string, QueueTile>>): string | undefined {
  for (const tile of board?.tiles ?? []) {
    const ids = tile.kind === 'queue' ? [tile.queueId] : tile.queueIds;
    for (const queueId of ids) {
      const zone = queues[queueId]?.timeZone;
      if (zone !== undefined) return zone;
    }
  }
  for (const tile of Object.values(queues)) return tile.timeZone;
  return undefined;
}

// ---- KPI ----

/** What a multi-queue figure is weighted by: the count the metric is a mean or rate over. */
const KPI_WEIGHTS: Partial<Readonly<Record<MetricId, readonly MetricId[]>>> = {
  avgCurrentTimeInQueueSec: ['queued'],
  avgTimeToAssignSec: ['assigned'],
  avgWaitSec: ['offered'],
  ahtNowSec: ['assigned'],
  avgResponseTimeSec: ['assigned'],
  avgFirstResponseTimeSec: ['assigned'],
  activeSlotsPct: ['assigned'],
  occupancyNowPct: ['assigned'],
  concurrencyNow: ['assigned'],
  abandonRatePct: ['enteredToday'],
  avgAbandonTimeSec: ['abandonedToday'],
  avgTimeInQueueTodaySec: ['assignedToday', 'abandonedToday'],
  avgTimeToAssignTodaySec: ['assignedToday'],
  ahtTodaySec: ['assignedToday'],
  serviceLevelPct: ['assignedToday', 'abandonedToday'],
  resolutionRatePct: ['assignedToday'],
};

export type KpiCombination = 'single' | 'sum' | 'max' | 'weighted' | 'mean';

export interface KpiFigure {
  readonly value: number | null;
  /** Queues the figure covers (those of the tile that are on the floor and in scope). */
  readonly queueCount: number;
  readonly combination: KpiCombination;
  /** Worst threshold breach of the metric among those queues. */
  readonly severity: BreachSeverity | null;
}

/** The queue tiles a board tile covers: the listed ones, or every queue (not group) on the floor when the list is empty. */
export function tilesFor(queueIds: readonly string[], queues: Readonly<Record<string, QueueTile>>): readonly QueueTile[] {
  if (queueIds.length === 0) return Object.values(queues).filter((tile) => tile.group === undefined);
  return queueIds.map((queueId) => queues[queueId]).filter((tile): tile is QueueTile => tile !== undefined);
}

/**
 * One metric over several queues. Counts add up, the longest wait is the longest of all, and means
 * and rates are weighted by the count they are taken over (service level by answered and
 * abandoned, abandon rate by entered...), falling back to a plain mean when no weight is known.
 */
export function kpiFigure(metricId: MetricId, queueIds: readonly string[], queues: Readonly<Record<string, QueueTile>>): KpiFigure {
  const tiles = tilesFor(queueIds, queues);
  let severity: BreachSeverity | null = null;
  for (const tile of tiles) {
    const found = breachesByMetric(tile.breaches).get(metricId);
    if (found === 'critical' || (found === 'warning' && severity === null)) severity = found;
  }
  const values = tiles.map((tile) => ({ tile, value: tile.metrics[metricId] })).filter((entry): entry is { tile: QueueTile; value: number } => entry.value !== null && Number.isFinite(entry.value));
  const figure = (value: number | null, combination: KpiCombination): KpiFigure => ({ value, queueCount: tiles.length, combination, severity });
  if (tiles.length === 1) return figure(values[0]?.value ?? null, 'single');
  if (values.length === 0) return figure(null, 'sum');
  if (metricId === 'longestWaitSec') return figure(Math.max(...values.map((entry) => entry.value)), 'max');
  if (metricDefinition(metricId).unit === 'count') return figure(values.reduce((sum, entry) => sum + entry.value, 0), 'sum');
  const weightIds = KPI_WEIGHTS[metricId];
  if (weightIds !== undefined) {
    let weighted = 0;
    let totalWeight = 0;
    for (const { tile, value } of values) {
      const weight = weightIds.reduce((sum, id) => sum + (tile.metrics[id] ?? 0), 0);
      weighted += value * weight;
      totalWeight += weight;
    }
    if (totalWeight > 0) return figure(weighted / totalWeight, 'weighted');
  }
  return figure(values.reduce((sum, entry) => sum + entry.value, 0) / values.length, 'mean');
}

/** The sentence under a KPI saying how the figure was made, for the viewer who wonders. */
export function describeCombination(metricId: MetricId, figure: KpiFigure): string {
  const queues = t('queueCount', { count: figure.queueCount });
  switch (figure.combination) {
    case 'single':
      return queues;
    case 'sum':
      return t('sumOverQueues', { queues });
    case 'max':
      return t('longestOverQueues', { queues });
    case 'weighted':
      return t('weightedByValue0Queues', { value0: (KPI_WEIGHTS[metricId] ?? []).map((id) => metricDefinition(id).label.toLowerCase()).join(' + '), queues });
    case 'mean':
      return t('meanOverQueues', { queues });
    default:
      return assertNever(figure.combination, 'combination');
  }
}

// ---- trend ----

export interface TrendSample {
  readonly at: number;
  readonly value: number;
}

export const TREND_LOOKBACK_MS = 15 * 60_000;
const TREND_TOLERANCE_MS = 2 * 60_000;
const SAMPLE_EVERY_MS = 30_000;
const SAMPLE_KEEP_MS = TREND_LOOKBACK_MS + 5 * 60_000;

/**
 * Keeps a KPI's recent values, one every 30 s and no older than 20 minutes, for its trend
 * arrow. Returns the same array when the sample is not due.
 */
export function recordSample(samples: readonly TrendSample[], at: number, value: number | null): readonly TrendSample[] {
  if (value === null || !Number.isFinite(value) || !Number.isFinite(at)) return samples;
  const last = samples[samples.length - 1];
  if (last !== undefined && at - last.at < SAMPLE_EVERY_MS && at >= last.at) return samples;
  const kept = last !== undefined && at < last.at ? [] : samples.filter((sample) => sample.at >= at - SAMPLE_KEEP_MS);
  return [...kept, { at, value }];
}

export interface Trend {
  readonly direction: 'up' | 'down' | 'flat';
  readonly delta: number;
  readonly baseline: number;
}

/** The value nearest to `lookbackMs` before `at`, within two minutes of it; null when there is none. */
export function baselineAt(samples: readonly TrendSample[], at: number, lookbackMs = TREND_LOOKBACK_MS): number | null {
  const target = at - lookbackMs;
  let best: TrendSample | null = null;
  for (const sample of samples) {
    const distance = Math.abs(sample.at - target);
    if (distance <= TREND_TOLERANCE_MS && (best === null || distance < Math.abs(best.at - target))) best = sample;
  }
  return best?.value ?? null;
}

/** How a value moved against a baseline; changes smaller than `flatWithin` are flat. */
export function trendOf(value: number | null, baseline: number | null, flatWithin = 0.5): Trend | null {
  if (value === null || baseline === null || !Number.isFinite(value) || !Number.isFinite(baseline)) return null;
  const delta = value - baseline;
  return { direction: Math.abs(delta) < flatWithin ? 'flat' : delta > 0 ? 'up' : 'down', delta, baseline };
}

/**
 * The value of queued (sum) or service level (mean) over some queues at a past minute, from the
 * live series: lets a KPI show its trend from the first second instead of after 15 minutes.
 */
export function seriesValueAt(series: Readonly<Record<string, readonly SeriesPoint[]>>, queueIds: readonly string[], metricId: 'queued' | 'serviceLevelPct', at: number): number | null {
  const ids = queueIds.length === 0 ? Object.keys(series) : queueIds;
  const values: number[] = [];
  for (const queueId of ids) {
    const points = series[queueId];
    if (points === undefined) continue;
    let best: SeriesPoint | null = null;
    for (const point of points) {
      if (Math.abs(point.at - at) <= TREND_TOLERANCE_MS && (best === null || Math.abs(point.at - at) < Math.abs(best.at - at))) best = point;
    }
    const value = best === null ? null : metricId === 'queued' ? best.queued : best.serviceLevelPct;
    if (value !== null && Number.isFinite(value)) values.push(value);
  }
  if (values.length === 0) return null;
  const sum = values.reduce((total, value) => total + value, 0);
  return metricId === 'queued' ? sum : sum / values.length;
}

/** Words for a trend arrow, for the screen reader and the tooltip. */
export function describeTrend(metricId: MetricId, trend: Trend | null): string {
  if (trend === null) return t('noValueFrom15');
  const unit = metricDefinition(metricId).unit;
  const amount = unit === 'seconds' ? formatDuration(Math.abs(trend.delta)) : unit === 'percent' ? `${Math.round(Math.abs(trend.delta))} points` : String(Math.round(Math.abs(trend.delta) * 10) / 10);
  switch (trend.direction) {
    case 'flat':
      return t('aboutTheSameAs');
    case 'up':
      return t('upAmountFrom15', { amount });
    case 'down':
      return t('downAmountFrom15', { amount });
    default:
      return assertNever(trend.direction, 'trend direction');
  }
}

// ---- agents ----

export type AgentDisplayStatus = 'available' | 'busy' | 'away' | 'offline';

export const AGENT_STATUSES: readonly AgentDisplayStatus[] = ['available', 'busy', 'away', 'offline'];

export const AGENT_STATUS_LABELS: Readonly<Record<AgentDisplayStatus, string>> = {
  available: 'Available',
  busy: 'Busy',
  away: 'Away',
  offline: 'Offline',
};

/** Busy is an available agent with at least one conversation; away keeps away even with chats. */
export function agentDisplayStatus(agent: Pick<AgentTile, 'statusKind' | 'busy'>): AgentDisplayStatus {
  switch (agent.statusKind) {
    case 'available':
      return agent.busy ? 'busy' : 'available';
    case 'away':
      return 'away';
    case 'offline':
      return 'offline';
    default:
      return assertNever(agent.statusKind, 'status kind');
  }
}

/** Up to two initials from a name ("Ada Lovelace" → "AL"); "?" when the name has no letters. */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s._-]+/)
    .filter((word) => /\p{L}|\p{N}/u.test(word));
  const letters = words.length === 1 ? [...(words[0] ?? '')].filter((character) => /\p{L}|\p{N}/u.test(character)).slice(0, 2) : [words[0], words[words.length - 1]].map((word) => [...(word ?? '')].find((character) => /\p{L}|\p{N}/u.test(character)) ?? '');
  const result = letters.join('').toUpperCase();
  return result.length > 0 ? result : '?';
}

function inQueues(agent: Pick<AgentTile, 'queueIds'>, queueIds: readonly string[]): boolean {
  return queueIds.length === 0 || agent.queueIds.some((queueId) => queueIds.includes(queueId));
}


/** The agents a grid shows, by name: a stable order, so a status change repaints one cell and moves none. */
export function gridAgentIds(agents: Readonly<Record<string, AgentTile>>, queueIds: readonly string[]): readonly string[] {
  return Object.values(agents)
    .filter((agent) => inQueues(agent, queueIds))
    .sort((left, right) => collator({ sensitivity: 'base', numeric: true }).compare(left.name, right.name) || (left.agentId < right.agentId ? -1 : left.agentId > right.agentId ? 1 : 0))
    .map((agent) => agent.agentId);
}

/** How many of the shown agents are in each status, for the legend. */
export function statusCounts(agents: Readonly<Record<string, AgentTile>>, agentIds: readonly string[]): Readonly<Record<AgentDisplayStatus, number>> {
  const counts: Record<AgentDisplayStatus, number> = { available: 0, busy: 0, away: 0, offline: 0 };
  for (const agentId of agentIds) {
    const agent = agents[agentId];
    if (agent !== undefined) counts[agentDisplayStatus(agent)] += 1;
  }
  return counts;
}

/**
 * The largest square cell that fits `count` cells in a box, and the columns that gives. Cells
 * never go below 4 px: past that the grid scrolls out of view rather than becoming noise.
 */
export function gridCellSize(count: number, width: number, height: number, gap: number): { readonly columns: number; readonly cellPx: number } {
  if (count <= 0 || width <= 0 || height <= 0) return { columns: 1, cellPx: 0 };
  let best = { columns: 1, cellPx: 0 };
  for (let columns = 1; columns <= count; columns += 1) {
    const rows = Math.ceil(count / columns);
    const cell = Math.floor(Math.min((width - gap * (columns - 1)) / columns, (height - gap * (rows - 1)) / rows));
    if (cell > best.cellPx) best = { columns, cellPx: cell };
    if ((width - gap * (columns - 1)) / columns < best.cellPx) break;
  }
  return best.cellPx >= 4 ? best : { columns: Math.max(1, Math.floor((width + gap) / (4 + gap))), cellPx: 4 };
}

// ---- leaderboard and ticker ----

export type LeaderboardMetric = Extract<BoardTile, { kind: 'leaderboard' }>['metric'];

export interface LeaderboardRow {
  readonly rank: number;
  readonly agentId: string;
  readonly name: string;
  readonly value: number;
  readonly display: string;
}

function leaderboardValue(entry: LeaderboardEntry, metric: LeaderboardMetric): number | null {
  switch (metric) {
    case 'assignments':
      return entry.assignmentsToday;
    case 'aht':
      return entry.ahtTodaySec;
    case 'csat':
      return entry.csatPct;
    default:
      return assertNever(metric, 'leaderboard metric');
  }
}

/** How the leaderboard's value is written. */
export function formatLeaderboardValue(metric: LeaderboardMetric, value: number): string {
  switch (metric) {
    case 'assignments':
      return String(Math.round(value));
    case 'aht':
      return formatDuration(value);
    case 'csat':
      return `${Math.round(value)}%`;
    default:
      return assertNever(metric, 'leaderboard metric');
  }
}

/**
 * The top agents for a metric: most assignments, shortest AHT, best CSAT. Agents without a value
 * are left out; ties share a rank. Filtered to the tile's queues by the agents' membership.
 */
export function leaderboardRows(entries: readonly LeaderboardEntry[], metric: LeaderboardMetric, limit: number, queueIds: readonly string[], agents: Readonly<Record<string, AgentTile>>): readonly LeaderboardRow[] {
  const ascending = metric === 'aht';
  const scored = entries
    .filter((entry) => {
      if (queueIds.length === 0) return true;
      // The entry names its queues; older cores leave that to the agent's tile.
      const membership = entry.queueIds ?? agents[entry.agentId]?.queueIds;
      return membership !== undefined && inQueues({ queueIds: membership }, queueIds);
    })
    .map((entry) => ({ entry, value: leaderboardValue(entry, metric) }))
    .filter((item): item is { entry: LeaderboardEntry; value: number } => item.value !== null && Number.isFinite(item.value))
    .sort((left, right) => (ascending ? left.value - right.value : right.value - left.value) || left.entry.name.localeCompare(right.entry.name));
  const rows: LeaderboardRow[] = [];
  for (const [index, item] of scored.slice(0, Math.max(0, limit)).entries()) {
    const previous = rows[index - 1];
    const rank = previous !== undefined && previous.value === item.value ? previous.rank : index + 1;
    rows.push({ rank, agentId: item.entry.agentId, name: item.entry.name, value: item.value, display: formatLeaderboardValue(metric, item.value) });
  }
  return rows;
}

/** The ticker's alerts, newest first: those of the tile's queues and those about the whole floor. */
export function tickerItems(items: readonly TickerItem[], queueIds: readonly string[], limit: number): readonly TickerItem[] {
  const shown: TickerItem[] = [];
  for (let index = items.length - 1; index >= 0 && shown.length < limit; index -= 1) {
    const item = items[index];
    if (item !== undefined && (item.queueId === null || queueIds.length === 0 || queueIds.includes(item.queueId))) shown.push(item);
  }
  return shown;
}
