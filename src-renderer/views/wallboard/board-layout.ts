/**
 * Editing a board's grid as pure functions: new boards and tiles, moving and resizing with
 * clamping to the grid, free-spot search, overlaps, and the portable document. The editor only
 * calls these and saves the result, so every rule here is tested without a UI.
 */
import type { Board, BoardTile, BoardTileKind } from '../../../src-shared/wallboard/board.js';
import { BOARD_SCHEMA_NAME, BOARD_SCHEMA_VERSION } from '../../../src-shared/wallboard/board.js';
import { assertNever } from '../../../src-shared/result.js';
import { metricDefinition, type MetricId } from '../../../src-shared/metrics/dictionary.js';
import { useT } from '../../i18n/translate.js';

const t = useT('wallboard');

/** The largest grid a board may have (src-shared/wallboard/board.ts). */
export const MAX_GRID = 24;

export const TILE_KINDS: readonly BoardTileKind[] = ['queue', 'kpi', 'chart', 'agent_grid', 'leaderboard', 'ticker'];

export const TILE_KIND_LABELS: Readonly<Record<BoardTileKind, string>> = {
  queue: 'Queue tile',
  kpi: 'KPI number',
  chart: 'Chart',
  agent_grid: 'Agent grid',
  leaderboard: 'Leaderboard',
  ticker: 'Alert ticker',
};

export interface Placement {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

type GridSize = Pick<Board, 'columns' | 'rows'>;

const DEFAULT_SIZE: Readonly<Record<BoardTileKind, { readonly w: number; readonly h: number }>> = {
  queue: { w: 4, h: 4 },
  kpi: { w: 3, h: 2 },
  chart: { w: 6, h: 3 },
  agent_grid: { w: 6, h: 4 },
  leaderboard: { w: 3, h: 4 },
  ticker: { w: 4, h: 3 },
};

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, Math.round(value)));
}

/** An empty dark board of 12×8 cells: a common TV layout that leaves room for every tile kind. */
export function newBoard(boardId: string, name: string): Board {
  return { schema: BOARD_SCHEMA_NAME, version: BOARD_SCHEMA_VERSION, boardId, name, theme: 'dark', columns: 12, rows: 8, tiles: [] };
}

/**
 * Fits a placement inside the grid: the size is cut to the grid first, then the position is moved
 * so the tile does not run off the edge. A tile is never made smaller than one cell.
 */
export function clampPlacement(grid: GridSize, placement: Placement): Placement {
  const w = clamp(placement.w, 1, grid.columns);
  const h = clamp(placement.h, 1, grid.rows);
  return { x: clamp(placement.x, 0, grid.columns - w), y: clamp(placement.y, 0, grid.rows - h), w, h };
}

function withPlacement(tile: BoardTile, placement: Placement): BoardTile {
  if (tile.x === placement.x && tile.y === placement.y && tile.w === placement.w && tile.h === placement.h) return tile;
  return { ...tile, ...placement };
}

function replaceTile(board: Board, tileId: string, change: (tile: BoardTile) => BoardTile): Board {
  let changed = false;
  const tiles = board.tiles.map((tile) => {
    if (tile.tileId !== tileId) return tile;
    const next = change(tile);
    if (next !== tile) changed = true;
    return next;
  });
  return changed ? { ...board, tiles } : board;
}

/** Moves a tile by whole cells, stopping at the grid's edges. The same board comes back when nothing moved. */
export function moveTile(board: Board, tileId: string, dx: number, dy: number): Board {
  return replaceTile(board, tileId, (tile) => withPlacement(tile, clampPlacement(board, { x: tile.x + dx, y: tile.y + dy, w: tile.w, h: tile.h })));
}

/** Places a tile at a cell (mouse drop), clamped to the grid. */
export function placeTile(board: Board, tileId: string, x: number, y: number): Board {
  return replaceTile(board, tileId, (tile) => withPlacement(tile, clampPlacement(board, { x, y, w: tile.w, h: tile.h })));
}

/**
 * Grows or shrinks a tile from its top-left corner, by whole cells. It keeps its position: a tile
 * that would run off the grid is cut at the edge rather than pushed, so resizing never moves it.
 */
export function resizeTile(board: Board, tileId: string, dw: number, dh: number): Board {
  return replaceTile(board, tileId, (tile) => {
    const w = clamp(tile.w + dw, 1, board.columns - tile.x);
    const h = clamp(tile.h + dh, 1, board.rows - tile.y);
    return withPlacement(tile, { x: tile.x, y: tile.y, w, h });
  });
}

/** Changes the grid's size; tiles that no longer fit shrink, then move back inside. */
export function resizeGrid(board: Board, columns: number, rows: number): Board {
  const grid = { columns: clamp(columns, 1, MAX_GRID), rows: clamp(rows, 1, MAX_GRID) };
  if (grid.columns === board.columns && grid.rows === board.rows) return board;
  return { ...board, ...grid, tiles: board.tiles.map((tile) => withPlacement(tile, clampPlacement(grid, tile))) };
}

/** Whether two placements share at least one cell. */
export function overlaps(left: Placement, right: Placement): boolean {
  return left.x < right.x + right.w && right.x < left.x + left.w && left.y < right.y + right.h && right.y < left.y + left.h;
}

/** Tiles that share cells with another tile: the board still saves, but the editor warns, since one hides the other. */
export function overlappingTileIds(board: Board): ReadonlySet<string> {
  const found = new Set<string>();
  board.tiles.forEach((tile, index) => {
    for (const other of board.tiles.slice(index + 1)) {
      if (overlaps(tile, other)) {
        found.add(tile.tileId);
        found.add(other.tileId);
      }
    }
  });
  return found;
}

/** The first place, reading rows top to bottom, where a w×h tile fits without covering another; null when none does. */
export function findFreeSpot(board: Board, w: number, h: number): { readonly x: number; readonly y: number } | null {
  if (w > board.columns || h > board.rows) return null;
  for (let y = 0; y + h <= board.rows; y += 1) {
    for (let x = 0; x + w <= board.columns; x += 1) {
      const candidate = { x, y, w, h };
      if (!board.tiles.some((tile) => overlaps(tile, candidate))) return { x, y };
    }
  }
  return null;
}

/** What a new tile of a kind shows before it is configured: every queue, or the first queue for a queue tile. */
export function defaultTile(kind: BoardTileKind, tileId: string, placement: Placement, firstQueueId: string): BoardTile {
  const base = { tileId, ...placement };
  switch (kind) {
    case 'queue':
      return { ...base, kind, queueId: firstQueueId };
    case 'kpi':
      return { ...base, kind, metricId: 'serviceLevelPct', queueIds: [] };
    case 'chart':
      return { ...base, kind, series: 'queued', queueIds: [], hours: 4 };
    case 'agent_grid':
      return { ...base, kind, queueIds: [] };
    case 'leaderboard':
      return { ...base, kind, metric: 'assignments', limit: 10, queueIds: [] };
    case 'ticker':
      return { ...base, kind, queueIds: [] };
    default:
      return assertNever(kind, 'tile kind');
  }
}

/**
 * Adds a tile of a kind at the first free spot for its default size; when that does not fit, the
 * largest smaller size that does. A full board grows by rows (up to MAX_GRID) so the new tile
 * never lands on top of another; only a board at the largest grid gets it in the corner as one
 * cell (the editor then shows the overlap).
 */
export function addTile(board: Board, kind: BoardTileKind, tileId: string, firstQueueId: string): Board {
  const placed = placeNew(board, kind, tileId, firstQueueId);
  if (placed !== null) return placed;
  if (board.rows < MAX_GRID) {
    // Every cell is covered (not even one cell was free): the new rows below are all free.
    const rows = Math.min(MAX_GRID, board.rows + DEFAULT_SIZE[kind].h);
    const placement = { x: 0, y: board.rows, w: Math.min(DEFAULT_SIZE[kind].w, board.columns), h: rows - board.rows };
    return { ...board, rows, tiles: [...board.tiles, defaultTile(kind, tileId, placement, firstQueueId)] };
  }
  return { ...board, tiles: [...board.tiles, defaultTile(kind, tileId, { x: 0, y: 0, w: 1, h: 1 }, firstQueueId)] };
}

function placeNew(board: Board, kind: BoardTileKind, tileId: string, firstQueueId: string): Board | null {
  const preferred = clampPlacement(board, { x: 0, y: 0, ...DEFAULT_SIZE[kind] });
  const sizes: { w: number; h: number }[] = [];
  for (let w = preferred.w; w >= 1; w -= 1) for (let h = preferred.h; h >= 1; h -= 1) sizes.push({ w, h });
  sizes.sort((left, right) => right.w * right.h - left.w * left.h || right.w - left.w);
  for (const { w, h } of sizes) {
    const spot = findFreeSpot(board, w, h);
    if (spot !== null) return { ...board, tiles: [...board.tiles, defaultTile(kind, tileId, { ...spot, w, h }, firstQueueId)] };
  }
  return null;
}

/** Replaces one tile's settings; placement and id stay the board's business. */
export function updateTile(board: Board, tileId: string, change: (tile: BoardTile) => BoardTile): Board {
  return replaceTile(board, tileId, (tile) => {
    const next = change(tile);
    return next === tile ? tile : { ...next, tileId: tile.tileId, x: tile.x, y: tile.y, w: tile.w, h: tile.h };
  });
}

export function removeTile(board: Board, tileId: string): Board {
  const tiles = board.tiles.filter((tile) => tile.tileId !== tileId);
  return tiles.length === board.tiles.length ? board : { ...board, tiles };
}

/** A copy under a new id and name; tile ids are kept (they only need to be unique within a board). */
export function duplicateBoard(board: Board, boardId: string, name: string): Board {
  return { ...board, boardId, name: name.slice(0, 80), tiles: board.tiles.map((tile) => ({ ...tile })) };
}

/** "Copy of X", shortened to fit the 80-character name limit. */
export function copyName(name: string): string {
  return `Copy of ${name}`.slice(0, 80);
}

/** CSS grid lines of a placement (1-based lines, spans in cells). */
export function gridArea(placement: Placement): { readonly gridColumn: string; readonly gridRow: string } {
  return { gridColumn: `${placement.x + 1} / span ${placement.w}`, gridRow: `${placement.y + 1} / span ${placement.h}` };
}

/** The exported document: the board as pretty JSON, which import reads back unchanged. */
export function boardDocument(board: Board): string {
  return `${JSON.stringify(board, null, 2)}\n`;
}

/** A file name for an exported board: its name in lower-case words, never empty. */
export function boardFileName(board: Pick<Board, 'name' | 'boardId'>): string {
  const slug = board.name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60);
  return `${slug.length > 0 ? slug : board.boardId.replace(/[^A-Za-z0-9_-]+/g, '-')}.board.json`;
}

/**
 * A metric as the editor's list names it: its label and period, "Queued (now)", "Handled
 * (today)"; a label that already names its period ("Offered (now)") is not told it twice.
 */
export function metricChoiceLabel(metricId: MetricId): string {
  const { label, period } = metricDefinition(metricId);
  const suffix = period === 'now' ? '(now)' : '(today)';
  return /\((now|today)\)$/u.test(label) ? label : `${label} ${suffix}`;
}

/** How the editor opened a board: a blank new one, a copy (of a built-in or a duplicate), or the board itself. */
export type EditorMode = 'new' | 'copy' | 'edit';

/** The editor's heading: "New board", "Edit a copy: Copy of Orders", "Edit board: Orders". */
export function editorTitle(mode: EditorMode, name: string): string {
  switch (mode) {
    case 'new':
      return t('newBoard');
    case 'copy':
      return t('editACopyName', { name });
    case 'edit':
      return t('editBoardName', { name });
    default:
      return assertNever(mode, 'editor mode');
  }
}
