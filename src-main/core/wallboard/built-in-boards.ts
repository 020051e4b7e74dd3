/**
 * The boards that ship with the console (docs/product.md §3), so a TV shows something useful before
 * anyone has designed a board. "Floor overview" lays out a tile per known queue, so it is rebuilt
 * whenever the floor's queues change; the others cover every queue in view by leaving their tiles'
 * queue lists empty.
 */
import type { MetricId } from '../../../src-shared/metrics/dictionary.js';
import { BOARD_SCHEMA_NAME, BOARD_SCHEMA_VERSION, type Board, type BoardTile, type Playlist } from '../../../src-shared/wallboard/board.js';

export const BUILT_IN_BOARD_IDS = ['builtin-floor-overview', 'builtin-service-queues', 'builtin-agents', 'builtin-alerts'] as const;
export type BuiltInBoardId = (typeof BUILT_IN_BOARD_IDS)[number];

/** Seconds each built-in board shows in the default playlist. */
export const DEFAULT_PLAYLIST_SECONDS = 20;

/** A board holds at most 64 tiles; the overview keeps four for its KPIs. */
const MAX_OVERVIEW_QUEUES = 60;
const COLUMNS = 12;

export interface QueueRef {
  readonly queueId: string;
  readonly name: string;
}

export function isBuiltInBoardId(boardId: string): boardId is BuiltInBoardId {
  return (BUILT_IN_BOARD_IDS as readonly string[]).includes(boardId);
}

function board(boardId: BuiltInBoardId, name: string, rows: number, tiles: readonly BoardTile[]): Board {
  return { schema: BOARD_SCHEMA_NAME, version: BOARD_SCHEMA_VERSION, boardId, name, theme: 'dark', columns: COLUMNS, rows, tiles: [...tiles] };
}

function kpi(tileId: string, metricId: MetricId, x: number, y: number, w: number, h: number): BoardTile {
  return { kind: 'kpi', tileId, metricId, queueIds: [], x, y, w, h };
}

/**
 * The queue tiles of the overview, in name order, on a grid that stays readable: four per row
 * (3×2 cells) for a small floor, six per row (2×1) for a large one.
 */
function queueTiles(queues: readonly QueueRef[], top: number): { tiles: BoardTile[]; rows: number } {
  const shown = [...queues].sort((a, b) => a.name.localeCompare(b.name) || (a.queueId < b.queueId ? -1 : 1)).slice(0, MAX_OVERVIEW_QUEUES);
  const perRow = shown.length <= 16 ? 4 : 6;
  const width = COLUMNS / perRow;
  const height = shown.length <= 16 ? 2 : 1;
  const tiles = shown.map(
    (queue, index): BoardTile => ({
      kind: 'queue',
      tileId: `queue-${index + 1}`,
      queueId: queue.queueId,
      x: (index % perRow) * width,
      y: top + Math.floor(index / perRow) * height,
      w: width,
      h: height,
    }),
  );
  const usedRows = Math.ceil(shown.length / perRow) * height;
  return { tiles, rows: Math.min(24, Math.max(8, top + usedRows)) };
}

/** Every built-in board, the overview laid out for `queues`. */
export function builtInBoards(queues: readonly QueueRef[]): Board[] {
  const overviewKpis = [
    kpi('kpi-queued', 'queued', 0, 0, 3, 2),
    kpi('kpi-longest-wait', 'longestWaitSec', 3, 0, 3, 2),
    kpi('kpi-service-level', 'serviceLevelPct', 6, 0, 3, 2),
    kpi('kpi-abandon-rate', 'abandonRatePct', 9, 0, 3, 2),
  ];
  const overview = queueTiles(queues, 2);
  return [
    board('builtin-floor-overview', 'Floor overview', overview.rows, [...overviewKpis, ...overview.tiles]),
    board('builtin-service-queues', 'Service & queues', 8, [
      { kind: 'chart', tileId: 'chart-queued', series: 'queued', queueIds: [], hours: 4, x: 0, y: 0, w: 6, h: 4, title: 'Queued, last 4 hours' },
      { kind: 'chart', tileId: 'chart-service-level', series: 'service_level', queueIds: [], hours: 4, x: 6, y: 0, w: 6, h: 4, title: 'Service level today' },
      { kind: 'chart', tileId: 'chart-volume', series: 'volume', queueIds: [], hours: 12, x: 0, y: 4, w: 8, h: 4, title: 'Intraday volume' },
      kpi('kpi-entered', 'enteredToday', 8, 4, 4, 2),
      kpi('kpi-service-level', 'serviceLevelPct', 8, 6, 4, 2),
    ]),
    board('builtin-agents', 'Agents', 8, [
      { kind: 'agent_grid', tileId: 'agents', queueIds: [], x: 0, y: 0, w: 8, h: 8 },
      { kind: 'leaderboard', tileId: 'leaderboard', metric: 'assignments', limit: 10, queueIds: [], x: 8, y: 0, w: 4, h: 8, title: 'Most conversations today' },
    ]),
    board('builtin-alerts', 'Alerts', 8, [
      kpi('kpi-queued', 'queued', 0, 0, 3, 2),
      kpi('kpi-longest-wait', 'longestWaitSec', 3, 0, 3, 2),
      kpi('kpi-available', 'agentsAvailable', 6, 0, 3, 2),
      kpi('kpi-away', 'agentsAway', 9, 0, 3, 2),
      { kind: 'ticker', tileId: 'ticker', queueIds: [], x: 0, y: 2, w: 12, h: 6 },
    ]),
  ];
}

/** The playlist a new console starts with: every built-in board in turn. */
export function defaultPlaylist(): Playlist {
  return { entries: BUILT_IN_BOARD_IDS.map((boardId) => ({ boardId, seconds: DEFAULT_PLAYLIST_SECONDS })) };
}
