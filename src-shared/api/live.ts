/** Shapes the core pushes to the UI for live views. Plain data: structured-clone and JSON safe. */
import type { Channel, MitigationState, OverflowRule, Thresholds } from '../protocol/events.js';
import type { MetricId, MetricValues } from '../metrics/dictionary.js';
import type { QueueHoursState } from '../business-hours.js';

export type BreachSeverity = 'warning' | 'critical';

export interface Breach {
  readonly metricId: MetricId;
  readonly severity: BreachSeverity;
}

/** One overview tile: a queue's configuration, its metrics now and since midnight, and what is past threshold. */
export interface QueueTile {
  readonly queueId: string;
  readonly name: string;
  readonly channel: Channel;
  readonly timeZone: string;
  readonly serviceLevelTargetSec: number;
  readonly thresholds: Thresholds;
  readonly mitigation: { readonly state: MitigationState; readonly message?: string };
  readonly overflowRules: readonly OverflowRule[];
  readonly metrics: MetricValues;
  readonly breaches: readonly Breach[];
  /** Local midnight (epoch ms) in the queue's zone that "today" metrics count from. */
  readonly dayStart: number;
  /**
   * When "today" metrics actually start counting: dayStart, or later when the console first saw
   * the floor mid-day (from a snapshot) and has no events before that.
   */
  readonly todaySince: number;
  /**
   * Whether the queue is open now by its business hours and when that changes; a group is open
   * while any member is. The overview is sent again at each change, event or not.
   */
  readonly hours: QueueHoursState;
  /**
   * Set on a queue group's tile (figures over its member queues); the tile's queueId is then
   * `group:<groupId>`, so group tiles and queue tiles share one list and one diff.
   */
  readonly group?: { readonly groupId: string; readonly queueIds: readonly string[]; readonly preset: boolean };
}

/** Prefix of a group tile's id: group tiles and queue tiles share one list and one diff. */
export const GROUP_TILE_PREFIX = 'group:';

/** The overview id of a queue group's tile, made the same way on both sides of the API. */
export function groupTileId(groupId: string): string {
  return `${GROUP_TILE_PREFIX}${groupId}`;
}

/** Whether an overview id names a group tile; the id alone tells, so order-only selectors need no tile. */
export function isGroupTileId(tileId: string): boolean {
  return tileId.startsWith(GROUP_TILE_PREFIX);
}

interface LivePosition {
  /** Seq of the last floor event reflected in this message. */
  readonly asOfSeq: number;
  /** Floor time (epoch ms) of that event. */
  readonly asOfTime: number;
}

export type OverviewMessage =
  | (LivePosition & { readonly kind: 'snapshot'; readonly queues: readonly QueueTile[] })
  | (LivePosition & { readonly kind: 'diff'; readonly upsert: readonly QueueTile[]; readonly remove: readonly string[] });

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface FeedCounters {
  readonly framesReceived: number;
  readonly eventsIngested: number;
  readonly eventsDuplicate: number;
  readonly gaps: number;
  /** Rejected frames and events by reason (not_json, oversized, bad_frame, invalid_event, unknown_event_type, out_of_order, ...). */
  readonly rejects: Readonly<Record<string, number>>;
}

export interface BackfillStatus {
  readonly state: 'idle' | 'running' | 'done' | 'failed';
  readonly sentEvents: number;
  readonly totalEvents: number;
  readonly error?: string;
}

export interface FeedStatus {
  /** The core's clock when this was sent, so a viewer on another machine can compute ages. */
  readonly now: number;
  readonly connection: ConnectionState;
  /** Feed address without credentials; "embedded simulator" when the built-in floor is used. */
  readonly feed: string;
  readonly connectionSince: number;
  /** When the core last heard anything from the feed (event or heartbeat): the age of the data. */
  readonly lastFrameAt: number | null;
  readonly lastEventAt: number | null;
  readonly lastSeq: number;
  readonly reconnectAttempts: number;
  readonly nextRetryAt: number | null;
  readonly lastError: string | null;
  readonly counters: FeedCounters;
  readonly backfill: BackfillStatus;
  /** The local cache's health: a standing write fault and the last recovery from damage. */
  readonly cache?: CacheHealth;
}

/**
 * A write to the cache that failed for a reason outside the data (disk full, read-only file
 * system, permissions). It stands until the next write succeeds.
 */
export interface CacheWriteFault {
  /** The file or directory the failure concerns. */
  readonly path: string;
  /** The cause's code: ENOSPC, EROFS, EACCES, SQLITE_FULL, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_IOERR... */
  readonly code: string;
  /** One sentence naming the path and the cause, for people. */
  readonly message: string;
  /** When the fault was first seen (core clock). */
  readonly since: number;
}

/** One local-only table's fate when a damaged cache was rebuilt. */
export interface SalvagedTable {
  readonly table: string;
  /** Rows copied bit-exact into the rebuilt cache. */
  readonly saved: number;
  /** Rows found but not copied (unreadable or refused), as far as they could be counted. */
  readonly lost: number;
  /** False when part of the table could not be read at all: more rows may be lost than counted. */
  readonly complete: boolean;
}

/** What recovery from a damaged cache saved and lost; the damaged file is kept at `movedTo`. */
export interface CacheRecoveryReport {
  readonly at: number;
  /** What the integrity check found. */
  readonly reason: string;
  readonly movedTo: string;
  readonly tables: readonly SalvagedTable[];
  /** Why nothing at all could be read from the damaged file, or null. */
  readonly error: string | null;
}

export interface CacheHealth {
  readonly path: string;
  readonly writeFault: CacheWriteFault | null;
  readonly recovery: CacheRecoveryReport | null;
  /** What the cache holds: the age and queue count an offline console shows. */
  readonly contents?: CachedDataSummary;
}

/** What the local cache holds, whatever the feed's state. */
export interface CachedDataSummary {
  /** The newest conversation time (created or ended) in the cache, floor clock; null when it holds none. */
  readonly lastEventAt: number | null;
  /** Queues the cache knows. */
  readonly queues: number;
}
