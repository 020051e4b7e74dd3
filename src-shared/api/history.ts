/**
 * API contract of the Conversation Manager and the offline cache (docs/product.md §5 and §8): search,
 * filters, cached transcripts, notes, downloads, backfill and retention. Composed into the one
 * contract in contract.ts. Every query and download is limited to the session's queue scope.
 */
import { z } from 'zod';
import type { Capability } from '../permissions.js';
import type { Channel, Customer, Disposition } from '../protocol/events.js';
import { channelSchema, dispositionSchema } from '../protocol/events.js';
import type { ConversationNote, TranscriptEntry } from './transcript.js';

const id = z.string().min(1).max(128);
/**
 * A cached conversation's id: the feed's (at most 128 characters), or, for a conversation whose id
 * a later feed epoch reused, `<id>@<epoch>` (docs/decisions/0016-cache-identity-and-salvage.md).
 */
const conversationKey = z.string().min(1).max(256);
const epochMs = z.number().int().nonnegative();
const seconds = z.number().nonnegative().max(10 * 86_400);

/** A closed range; either end may be left open. Refused when min > max. */
function range<T extends z.ZodType<number>>(bound: T) {
  return z
    .object({ min: bound.optional(), max: bound.optional() })
    .refine((value) => value.min === undefined || value.max === undefined || value.min <= value.max, {
      message: 'the lower bound is above the upper bound',
    });
}

export const historyFiltersSchema = z
  .object({
    /** Full-text search of message text (FTS5 syntax: words, "phrases", prefix*, AND/OR/NOT). */
    text: z.string().trim().max(500).optional(),
    queueIds: z.array(id).max(500).optional(),
    agentIds: z.array(id).max(500).optional(),
    teamIds: z.array(id).max(500).optional(),
    channels: z.array(channelSchema).max(2).optional(),
    intents: z.array(z.string().max(128)).max(200).optional(),
    dispositions: z.array(dispositionSchema).max(8).optional(),
    /** Conversation start, epoch ms; the UI turns dates in the user's chosen zone into instants. */
    createdAt: range(epochMs).optional(),
    handleTimeSec: range(seconds).optional(),
    waitSec: range(seconds).optional(),
    firstResponseSec: range(seconds).optional(),
    avgResponseSec: range(seconds).optional(),
    csat: range(z.number().int().min(1).max(5)).optional(),
    resolved: z.boolean().optional(),
    /** Customer id, name, e-mail or phone: matched exactly (e-mail case-insensitively) or as a prefix. */
    customer: z.string().trim().min(1).max(256).optional(),
  })
  .strict();
export type HistoryFilters = z.infer<typeof historyFiltersSchema>;

export const HISTORY_SORT_COLUMNS = ['createdAt', 'handleTimeSec', 'waitSec', 'firstResponseSec', 'avgResponseSec', 'csat', 'queue', 'agent'] as const;
export type HistorySortColumn = (typeof HISTORY_SORT_COLUMNS)[number];

export const historySearchSchema = z.object({
  filters: historyFiltersSchema,
  sort: z.object({ column: z.enum(HISTORY_SORT_COLUMNS), direction: z.enum(['asc', 'desc']) }).default({ column: 'createdAt', direction: 'desc' }),
});
export type HistorySearch = z.infer<typeof historySearchSchema>;
export type HistorySearchInput = z.input<typeof historySearchSchema>;

// ---- shapes ----

export interface HistoryRow {
  readonly conversationId: string;
  readonly queueId: string;
  readonly queueName: string;
  readonly channel: Channel;
  readonly intent: string;
  readonly agentId: string | null;
  readonly agentName: string | null;
  readonly customer: Customer | null;
  readonly createdAt: number;
  readonly endedAt: number | null;
  readonly state: 'created' | 'queued' | 'assigned' | 'ended' | 'abandoned';
  readonly disposition: Disposition | null;
  readonly handleTimeSec: number | null;
  readonly waitSec: number | null;
  readonly firstResponseSec: number | null;
  readonly avgResponseSec: number | null;
  readonly csat: number | null;
  readonly messageCount: number;
  /**
   * For text searches: a snippet of a matching message with the matches between \u0002 and \u0003
   * (control characters no message text contains), so the UI can highlight without parsing HTML.
   */
  readonly snippet: string | null;
}

export interface HistoryPage {
  readonly rows: readonly HistoryRow[];
  /** Rows matching the filters (exact up to `totalCapped`, then "at least"). */
  readonly total: number;
  readonly totalCapped: boolean;
  readonly offset: number;
  /**
   * True when the page was asked with `count: 'later'` and answered before its count: `total` is
   * then the rows so far ("at least", `totalCapped` true) and the count is asked with `count: 'only'`.
   */
  readonly countPending?: boolean;
}

/**
 * When a search's count is computed: with its page (one answer), after it (the page answers at once
 * and says `countPending`; a filter-only count can walk the whole cache), or alone (no rows).
 */
export const HISTORY_COUNT_MODES = ['withPage', 'later', 'only'] as const;
export type HistoryCountMode = (typeof HISTORY_COUNT_MODES)[number];

export interface SurveyAnswer {
  readonly at: number;
  readonly rating: number;
  readonly comment: string | null;
}

export interface CachedTranscript {
  readonly conversation: HistoryRow;
  readonly entries: readonly TranscriptEntry[];
  readonly notes: readonly ConversationNote[];
  readonly survey: SurveyAnswer | null;
}

export interface SavedSearch {
  readonly savedSearchId: string;
  readonly name: string;
  readonly search: HistorySearch;
  readonly createdAt: number;
}

export interface FilterOptions {
  readonly queues: readonly { readonly queueId: string; readonly name: string; readonly channel: Channel; readonly timeZone: string }[];
  readonly agents: readonly { readonly agentId: string; readonly name: string; readonly teamId: string }[];
  readonly teams: readonly { readonly teamId: string; readonly name: string }[];
  readonly intents: readonly string[];
}

export interface CacheInfo {
  /** Exact at the moment of the answer. */
  readonly conversations: number;
  /**
   * Estimated from the message id range: an upper bound once a prune has left gaps. Null for a
   * session limited to some queues: only the whole cache's retention panel shows it.
   */
  readonly messages: number | null;
  /** Oldest and newest cached conversation starts; null when the cache is empty. */
  readonly oldest: number | null;
  readonly newest: number | null;
  /** The last event stored from the feed: how old the cache is. */
  readonly lastEventAt: number | null;
  readonly sizeBytes: number;
  readonly retentionDays: number;
  /**
   * Days of raw feed events kept (replay and resume read them), never more than retentionDays:
   * replay cannot go further back than this.
   */
  readonly eventLogDays: number;
  readonly lastPrunedAt: number | null;
  /**
   * True while the background pass is still computing finished conversations' figures (after a
   * start or a backfill): until then, history figures and Insights totals may still grow.
   */
  readonly figuresPending?: boolean;
}

export type ExportFormat = 'html' | 'csv';

export interface ExportProgress {
  readonly exportId: string;
  readonly state: 'running' | 'done' | 'cancelled' | 'failed';
  readonly done: number;
  readonly total: number;
  readonly format: ExportFormat;
  /** When done: the file's name, its size, and its type; the UI fetches it with history.export.chunk. */
  readonly fileName: string | null;
  readonly sizeBytes: number | null;
  readonly mimeType: string | null;
  readonly error: string | null;
}

// ---- queries ----

export const historyQuerySchemas = [
  z.object({
    type: z.literal('history.search'),
    search: historySearchSchema,
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
    // Absent: 'withPage', as clients before it asked.
    count: z.enum(HISTORY_COUNT_MODES).optional(),
  }),
  z.object({ type: z.literal('history.transcript'), conversationId: conversationKey }),
  z.object({ type: z.literal('history.filterOptions') }),
  z.object({ type: z.literal('history.savedSearches') }),
  z.object({ type: z.literal('history.cacheInfo') }),
  /** A finished export is fetched in pieces, so a large file never travels as one message. */
  z.object({ type: z.literal('history.export.chunk'), exportId: id, offset: z.number().int().min(0) }),
] as const;

export interface HistoryQueryResults {
  'history.search': HistoryPage;
  'history.transcript': CachedTranscript;
  'history.filterOptions': FilterOptions;
  'history.savedSearches': readonly SavedSearch[];
  'history.cacheInfo': CacheInfo;
  /** Up to 256 KiB of the file as text; nextOffset is null at the end. */
  'history.export.chunk': { readonly data: string; readonly nextOffset: number | null; readonly size: number };
}

export const HISTORY_QUERY_CAPABILITY = {
  'history.search': 'history.view',
  'history.transcript': 'history.view',
  'history.filterOptions': 'history.view',
  'history.savedSearches': 'history.view',
  'history.cacheInfo': 'history.view',
  'history.export.chunk': 'history.export',
} as const satisfies Record<keyof HistoryQueryResults, Capability>;

// ---- subscriptions ----

export const historyTopicSchemas = [z.object({ topic: z.literal('history.export'), exportId: id })] as const;

export interface HistoryTopicMessages {
  'history.export': ExportProgress;
}

export const HISTORY_TOPIC_CAPABILITY = {
  'history.export': 'history.export',
} as const satisfies Record<keyof HistoryTopicMessages, Capability>;

// ---- commands ----

export const historyCommandSchemas = [
  z.object({ type: z.literal('history.note.add'), conversationId: conversationKey, text: z.string().trim().min(1).max(4000) }),
  z.object({ type: z.literal('history.savedSearch.save'), name: z.string().trim().min(1).max(80), search: historySearchSchema }),
  z.object({ type: z.literal('history.savedSearch.delete'), savedSearchId: id }),
  z.object({
    type: z.literal('history.retention.set'),
    days: z.number().int().min(1).max(3650),
    /** Days of raw feed events kept for replay and resume; at most `days` (docs/decisions/0042-a-small-cache.md). */
    eventLogDays: z.number().int().min(1).max(3650).optional(),
  }),
  z.object({ type: z.literal('history.backfill.start'), days: z.number().int().min(1).max(365) }),
  z.object({
    type: z.literal('history.export.start'),
    format: z.enum(['html', 'csv']),
    /** Either the conversations picked by hand, or every row of a search. */
    conversationIds: z.array(conversationKey).min(1).max(10_000).optional(),
    search: historySearchSchema.optional(),
  }),
  z.object({ type: z.literal('history.export.cancel'), exportId: id }),
] as const;

export interface HistoryCommandResults {
  'history.note.add': ConversationNote;
  'history.savedSearch.save': SavedSearch;
  'history.savedSearch.delete': null;
  'history.retention.set': CacheInfo;
  'history.backfill.start': { readonly requested: boolean; readonly reason: string | null };
  'history.export.start': ExportProgress;
  'history.export.cancel': ExportProgress;
}

export const HISTORY_COMMAND_CAPABILITY = {
  'history.note.add': 'history.notes',
  'history.savedSearch.save': 'history.view',
  'history.savedSearch.delete': 'history.view',
  'history.retention.set': 'history.retention',
  'history.backfill.start': 'history.view',
  'history.export.start': 'history.export',
  'history.export.cancel': 'history.export',
} as const satisfies Record<keyof HistoryCommandResults, Capability>;
