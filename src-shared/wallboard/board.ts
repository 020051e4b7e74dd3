/**
 * The portable board definition (PRODUCT.md §3): a versioned JSON document that is exported,
 * imported and validated here, so an invalid document is refused with the reason before anything
 * is stored. docs/wallboard.md documents the format.
 */
import { z } from 'zod';
import { METRIC_IDS } from '../metrics/dictionary.js';

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
