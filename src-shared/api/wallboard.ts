/**
 * API contract of wallboards (docs/product.md §3): boards and the playlist, their live data, and LAN
 * serving with per-device tokens. Composed into the one contract in contract.ts. The wallboard
 * role reaches only `wallboard.view` and `live.view`: live tiles, never transcripts or actions.
 */
import { z } from 'zod';
import type { Capability } from '../permissions.js';
import type { StatusKind } from '../protocol/events.js';
import { boardSchema, playlistSchema, type Board, type Playlist } from '../wallboard/board.js';

const id = z.string().min(1).max(128);

// ---- shapes ----

export interface AgentTile {
  readonly agentId: string;
  readonly name: string;
  readonly statusKind: StatusKind;
  readonly busy: boolean;
  readonly statusSince: number;
  readonly queueIds: readonly string[];
}

/** One sample per queue per minute (floor time), kept for the last 24 hours. */
export interface SeriesPoint {
  readonly at: number;
  readonly queued: number;
  readonly serviceLevelPct: number | null;
  /** Conversations that entered the queue in that minute. */
  readonly entered: number;
}

export interface TickerItem {
  readonly at: number;
  readonly queueId: string | null;
  readonly text: string;
  readonly severity: 'info' | 'warning' | 'critical';
}

export interface LeaderboardEntry {
  readonly agentId: string;
  readonly name: string;
  readonly assignmentsToday: number;
  readonly ahtTodaySec: number | null;
  readonly csatPct: number | null;
  /** The agent's queues, so a tile limited to some queues can keep only their agents. */
  readonly queueIds?: readonly string[];
}

/**
 * Live data for boards, apart from queue tiles (which come from the overview topic). A snapshot,
 * then diffs at a bounded rate; series append points in place.
 */
export type WallboardLiveMessage =
  | {
      readonly kind: 'snapshot';
      readonly asOfSeq: number;
      readonly asOfTime: number;
      readonly agents: readonly AgentTile[];
      readonly series: Readonly<Record<string, readonly SeriesPoint[]>>;
      readonly ticker: readonly TickerItem[];
      readonly leaderboard: readonly LeaderboardEntry[];
    }
  | {
      readonly kind: 'diff';
      readonly asOfSeq: number;
      readonly asOfTime: number;
      readonly agentsUpsert: readonly AgentTile[];
      readonly agentsRemove: readonly string[];
      /** New or revised points per queue (the newest point is revised while its minute runs). */
      readonly seriesAppend: Readonly<Record<string, readonly SeriesPoint[]>>;
      readonly tickerAppend: readonly TickerItem[];
      readonly leaderboard: readonly LeaderboardEntry[] | null;
    };

export interface WallboardDevice {
  readonly deviceId: string;
  readonly name: string;
  readonly createdAt: number;
  readonly revokedAt: number | null;
  readonly lastSeenAt: number | null;
  /** Open connections from this device now. */
  readonly connections: number;
  readonly remoteAddress: string | null;
}

export interface LanServing {
  readonly enabled: boolean;
  /** Addresses a TV on the network can open (one per non-internal IPv4 interface), when enabled. */
  readonly urls: readonly string[];
  readonly maxConnections: number;
}

export interface WallboardSetup {
  readonly boards: readonly Board[];
  readonly playlist: Playlist;
  /** Boards that ship with the console: read-only (save a copy under a new id to change one), never deleted. */
  readonly builtInBoardIds?: readonly string[];
}

// ---- queries ----

export const wallboardQuerySchemas = [
  z.object({ type: z.literal('wallboard.setup') }),
  z.object({ type: z.literal('wallboard.devices') }),
  z.object({ type: z.literal('wallboard.lan') }),
] as const;

export interface WallboardQueryResults {
  'wallboard.setup': WallboardSetup;
  'wallboard.devices': readonly WallboardDevice[];
  'wallboard.lan': LanServing;
}

export const WALLBOARD_QUERY_CAPABILITY = {
  'wallboard.setup': 'wallboard.view',
  'wallboard.devices': 'wallboard.manage',
  'wallboard.lan': 'wallboard.manage',
} as const satisfies Record<keyof WallboardQueryResults, Capability>;

// ---- subscriptions ----

export const wallboardTopicSchemas = [z.object({ topic: z.literal('wallboard.live') })] as const;

export interface WallboardTopicMessages {
  'wallboard.live': WallboardLiveMessage;
}

export const WALLBOARD_TOPIC_CAPABILITY = {
  'wallboard.live': 'wallboard.view',
} as const satisfies Record<keyof WallboardTopicMessages, Capability>;

// ---- commands ----

export const wallboardCommandSchemas = [
  z.object({ type: z.literal('wallboard.board.save'), board: boardSchema }),
  z.object({ type: z.literal('wallboard.board.delete'), boardId: id }),
  /** A board document as text (an imported file): parsed and validated in the core, refused with the reason. */
  z.object({ type: z.literal('wallboard.board.import'), document: z.string().min(1).max(256 * 1024) }),
  z.object({ type: z.literal('wallboard.playlist.save'), playlist: playlistSchema }),
  z.object({ type: z.literal('wallboard.lan.set'), enabled: z.boolean() }),
  z.object({ type: z.literal('wallboard.device.create'), name: z.string().trim().min(1).max(80) }),
  z.object({ type: z.literal('wallboard.device.revoke'), deviceId: id }),
] as const;

export interface WallboardCommandResults {
  'wallboard.board.save': Board;
  'wallboard.board.delete': null;
  'wallboard.board.import': Board;
  'wallboard.playlist.save': Playlist;
  'wallboard.lan.set': LanServing;
  /** The token is shown once, inside `url`; only its hash is kept. */
  'wallboard.device.create': { readonly device: WallboardDevice; readonly url: string | null };
  'wallboard.device.revoke': WallboardDevice;
}

export const WALLBOARD_COMMAND_CAPABILITY = {
  'wallboard.board.save': 'wallboard.manage',
  'wallboard.board.delete': 'wallboard.manage',
  'wallboard.board.import': 'wallboard.manage',
  'wallboard.playlist.save': 'wallboard.manage',
  'wallboard.lan.set': 'wallboard.lan',
  'wallboard.device.create': 'wallboard.manage',
  'wallboard.device.revoke': 'wallboard.manage',
} as const satisfies Record<keyof WallboardCommandResults, Capability>;
