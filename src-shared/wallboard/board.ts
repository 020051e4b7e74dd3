/**
 * The portable board definition (docs/product.md §3): a versioned JSON document that is exported,
 * imported and validated here, so an invalid document is refused with the reason before anything
 * is stored. docs/wallboard.md documents the format.
 */
import { z } from 'zod';
import { METRIC_IDS } from '../metrics/dictionary.js';
import { fail, ok, type Result } from '../result.js';
import { errorMessage } from '../errors.js';

export const BOARD_SCHEMA_NAME = 'floorwatch.board';
export const BOARD_SCHEMA_VERSION = 1;

const id = z.string().min(1).max(128);
const queueIds = z.array(id).max(200);

/** Where a tile sits on the board's grid, in cells. */
const placement = {
  tileId: id,
  x: z.number().int().min(0).max(23),
  y: z.number().int().min(0).max(23),
  w: z.number().int().min(1).max(24),
  h: z.number().int().min(1).max(24),
  title: z.string().max(80).optional(),
};

export const boardTileSchema = z.discriminatedUnion('kind', [
  z.object({ ...placement, kind: z.literal('queue'), queueId: id }),
  z.object({
    ...placement,
    kind: z.literal('kpi'),
    metricId: z.enum(METRIC_IDS),
    /** Queues the figure is computed over; empty means every queue in view. */
    queueIds,
  }),
  z.object({
    ...placement,
    kind: z.literal('chart'),
    series: z.enum(['queued', 'service_level', 'volume']),
    queueIds,
    hours: z.number().int().min(1).max(24),
  }),
  z.object({ ...placement, kind: z.literal('agent_grid'), queueIds }),
  z.object({
    ...placement,
    kind: z.literal('leaderboard'),
    metric: z.enum(['assignments', 'aht', 'csat']),
    limit: z.number().int().min(3).max(20),
    queueIds,
  }),
  z.object({ ...placement, kind: z.literal('ticker'), queueIds }),
]);
export type BoardTile = z.infer<typeof boardTileSchema>;
export type BoardTileKind = BoardTile['kind'];

export const boardSchema = z
  .object({
    schema: z.literal(BOARD_SCHEMA_NAME),
    version: z.literal(BOARD_SCHEMA_VERSION),
    boardId: id,
    name: z.string().trim().min(1).max(80),
    theme: z.enum(['dark', 'light']),
    columns: z.number().int().min(1).max(24),
    rows: z.number().int().min(1).max(24),
    tiles: z.array(boardTileSchema).max(64),
  })
  .superRefine((board, context) => {
    const seen = new Set<string>();
    board.tiles.forEach((tile, index) => {
      if (seen.has(tile.tileId)) context.addIssue({ code: 'custom', path: ['tiles', index, 'tileId'], message: `duplicate tile id ${tile.tileId}` });
      seen.add(tile.tileId);
      if (tile.x + tile.w > board.columns || tile.y + tile.h > board.rows) {
        context.addIssue({ code: 'custom', path: ['tiles', index], message: `tile ${tile.tileId} runs off the ${board.columns}×${board.rows} grid` });
      }
    });
  });
export type Board = z.infer<typeof boardSchema>;

export const playlistSchema = z.object({
  entries: z.array(z.object({ boardId: id, seconds: z.number().int().min(5).max(3600) })).max(32),
});
export type Playlist = z.infer<typeof playlistSchema>;

/** How many validation problems an import refusal lists; the first ones are the useful ones. */
const MAX_REPORTED_ISSUES = 3;

function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'board' : path.map(String).join('.');
}

/**
 * Reads a board document (an exported file's text) into a Board, or the reason it is refused.
 *
 * Shared so the console can explain a refusal before sending and the core refuses the same
 * documents for the same reasons. A newer format version gets its own message: the person
 * importing needs to update the console, not fix the file.
 */
export function parseBoardDocument(text: string): Result<Board> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`The board document is not JSON: ${errorMessage(error)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('The board document must be a JSON object.');
  const header = json as { schema?: unknown; version?: unknown };
  if (header.schema !== BOARD_SCHEMA_NAME) return fail(`This is not a board document (expected "schema": "${BOARD_SCHEMA_NAME}").`);
  if (typeof header.version === 'number' && Number.isInteger(header.version) && header.version > BOARD_SCHEMA_VERSION) {
    return fail(`Board format version ${header.version} is newer than this console understands (${BOARD_SCHEMA_VERSION}).`);
  }
  const parsed = boardSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => `${issuePath(issue.path)}: ${issue.message}`);
    const more = parsed.error.issues.length - issues.length;
    return fail(`The board document is invalid: ${issues.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`);
  }
  return ok(parsed.data);
}
