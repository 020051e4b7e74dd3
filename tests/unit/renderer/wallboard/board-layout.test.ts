import { describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../../../../src-shared/metrics/dictionary.js';
import { boardSchema, parseBoardDocument, type Board, type BoardTile } from '../../../../src-shared/wallboard/board.js';
import {
  addTile,
  boardDocument,
  boardFileName,
  clampPlacement,
  editorTitle,
  metricChoiceLabel,
  MAX_GRID,
  copyName,
  duplicateBoard,
  findFreeSpot,
  gridArea,
  moveTile,
  newBoard,
  overlappingTileIds,
  placeTile,
  removeTile,
  resizeGrid,
  resizeTile,
  TILE_KINDS,
  updateTile,
} from '../../../../src-renderer/views/wallboard/board-layout.js';

function kpi(tileId: string, x: number, y: number, w: number, h: number): BoardTile {
  return { tileId, kind: 'kpi', metricId: 'queued', queueIds: [], x, y, w, h };
}

function board(tiles: BoardTile[], columns = 12, rows = 8): Board {
  return { ...newBoard('b-1', 'Floor'), columns, rows, tiles };
}

function placementOf(value: Board, tileId: string): [number, number, number, number] {
  const tile = value.tiles.find((candidate) => candidate.tileId === tileId);
  if (tile === undefined) throw new Error(`no tile ${tileId}`);
  return [tile.x, tile.y, tile.w, tile.h];
}

describe('clampPlacement', () => {
  it.each([
    [{ x: 0, y: 0, w: 3, h: 2 }, { x: 0, y: 0, w: 3, h: 2 }],
    [{ x: 11, y: 7, w: 3, h: 2 }, { x: 9, y: 6, w: 3, h: 2 }],
    [{ x: -4, y: -1, w: 2, h: 2 }, { x: 0, y: 0, w: 2, h: 2 }],
    [{ x: 3, y: 3, w: 40, h: 0 }, { x: 0, y: 3, w: 12, h: 1 }],
    [{ x: 2.6, y: 1.2, w: 2.4, h: 1.6 }, { x: 3, y: 1, w: 2, h: 2 }],
  ])('fits %o inside a 12×8 grid as %o', (input, expected) => {
    expect(clampPlacement({ columns: 12, rows: 8 }, input)).toEqual(expected);
  });
});

describe('moving and resizing', () => {
  it('moves by whole cells and stops at every edge', () => {
    const start = board([kpi('a', 1, 1, 3, 2)]);
    expect(placementOf(moveTile(start, 'a', 2, 1), 'a')).toEqual([3, 2, 3, 2]);
    expect(placementOf(moveTile(start, 'a', -5, -5), 'a')).toEqual([0, 0, 3, 2]);
    expect(placementOf(moveTile(start, 'a', 50, 50), 'a')).toEqual([9, 6, 3, 2]);
  });

  it('returns the same board when a move changes nothing (at the edge, or an unknown tile)', () => {
    const start = board([kpi('a', 0, 0, 3, 2)]);
    expect(moveTile(start, 'a', -1, 0)).toBe(start);
    expect(moveTile(start, 'nope', 1, 0)).toBe(start);
  });

  it('resizes from the top-left corner without moving, cut at the grid edge and never below one cell', () => {
    const start = board([kpi('a', 8, 5, 3, 2)]);
    expect(placementOf(resizeTile(start, 'a', 1, 1), 'a')).toEqual([8, 5, 4, 3]);
    expect(placementOf(resizeTile(start, 'a', 5, 5), 'a')).toEqual([8, 5, 4, 3]);
    expect(placementOf(resizeTile(start, 'a', -9, -9), 'a')).toEqual([8, 5, 1, 1]);
  });

  it('places a dragged tile at a cell, clamped', () => {
    const start = board([kpi('a', 0, 0, 4, 4)]);
    expect(placementOf(placeTile(start, 'a', 10, 6), 'a')).toEqual([8, 4, 4, 4]);
  });

  it('shrinks the grid by shrinking then moving tiles back inside, so the board stays valid', () => {
    const start = board([kpi('a', 8, 4, 4, 4), kpi('b', 0, 0, 12, 2)]);
    const smaller = resizeGrid(start, 6, 5);
    expect(smaller.columns).toBe(6);
    expect(smaller.rows).toBe(5);
    expect(placementOf(smaller, 'a')).toEqual([2, 1, 4, 4]);
    expect(placementOf(smaller, 'b')).toEqual([0, 0, 6, 2]);
    expect(boardSchema.safeParse(smaller).success).toBe(true);
    expect(resizeGrid(start, 12, 8)).toBe(start);
    expect(resizeGrid(start, 99, 0).columns).toBe(24);
  });
});

describe('free spots and overlaps', () => {
  it('finds the first free spot row by row, or none on a full board', () => {
    const start = board([kpi('a', 0, 0, 6, 2)], 12, 4);
    expect(findFreeSpot(start, 6, 2)).toEqual({ x: 6, y: 0 });
    expect(findFreeSpot(start, 7, 2)).toEqual({ x: 0, y: 2 });
    expect(findFreeSpot(board([kpi('a', 0, 0, 12, 4)], 12, 4), 1, 1)).toBeNull();
    expect(findFreeSpot(start, 13, 1)).toBeNull();
  });

  it('names the tiles that share cells, and only those', () => {
    const value = board([kpi('a', 0, 0, 4, 4), kpi('b', 3, 3, 2, 2), kpi('c', 4, 0, 2, 2), kpi('d', 6, 6, 1, 1)]);
    expect([...overlappingTileIds(value)].sort()).toEqual(['a', 'b']);
  });
});

describe('adding tiles', () => {
  it.each(TILE_KINDS)('adds a valid %s tile in a free spot', (kind) => {
    const start = board([kpi('a', 0, 0, 12, 2)]);
    const next = addTile(start, kind, 't-new', 'q-1');
    const added = next.tiles.find((tile) => tile.tileId === 't-new');
    expect(added?.kind).toBe(kind);
    expect(overlappingTileIds(next).size).toBe(0);
    expect(boardSchema.safeParse(next).success).toBe(true);
  });

  it('uses a smaller size when the default does not fit anywhere', () => {
    const start = board([kpi('a', 0, 0, 12, 7)], 12, 8);
    const next = addTile(start, 'chart', 't', 'q-1');
    expect(placementOf(next, 't')).toEqual([0, 7, 6, 1]);
    expect(overlappingTileIds(next).size).toBe(0);
  });

  it('grows a full board by rows rather than dropping the tile on top of another', () => {
    const next = addTile(board([kpi('a', 0, 0, 12, 8)]), 'queue', 't', 'q-1');
    expect(next.rows).toBeGreaterThan(8);
    expect(placementOf(next, 't')?.[1]).toBe(8);
    expect(overlappingTileIds(next).size).toBe(0);
    expect(boardSchema.safeParse(next).success).toBe(true);
  });

  it('puts the tile in the corner only when the board is full at the largest grid (the editor then shows the overlap)', () => {
    const next = addTile(board([kpi('a', 0, 0, MAX_GRID, MAX_GRID)], MAX_GRID, MAX_GRID), 'queue', 't', 'q-1');
    expect(placementOf(next, 't')).toEqual([0, 0, 1, 1]);
    expect(overlappingTileIds(next).has('t')).toBe(true);
  });

  it('gives a queue tile the first queue', () => {
    const next = addTile(board([]), 'queue', 't', 'q-7');
    expect(next.tiles[0]).toMatchObject({ kind: 'queue', queueId: 'q-7' });
  });
});

describe('tile settings and removal', () => {
  it('changes settings but never the id or placement', () => {
    const start = board([kpi('a', 1, 1, 2, 2)]);
    const next = updateTile(start, 'a', (tile) => ({ ...tile, tileId: 'other', x: 9, metricId: 'csatPct' }) as BoardTile);
    expect(next.tiles[0]).toMatchObject({ tileId: 'a', x: 1, metricId: 'csatPct' });
  });

  it('removes a tile, and returns the same board for an unknown one', () => {
    const start = board([kpi('a', 0, 0, 1, 1), kpi('b', 1, 0, 1, 1)]);
    expect(removeTile(start, 'a').tiles.map((tile) => tile.tileId)).toEqual(['b']);
    expect(removeTile(start, 'zzz')).toBe(start);
  });
});

describe('copies and documents', () => {
  it('duplicates under a new id and name, without sharing tile objects', () => {
    const start = board([kpi('a', 0, 0, 1, 1)]);
    const copy = duplicateBoard(start, 'b-2', copyName(start.name));
    expect(copy).toMatchObject({ boardId: 'b-2', name: 'Copy of Floor' });
    expect(copy.tiles[0]).toEqual(start.tiles[0]);
    expect(copy.tiles[0]).not.toBe(start.tiles[0]);
    expect(copyName('x'.repeat(80))).toHaveLength(80);
  });

  it('exports a document that imports back to the same board', () => {
    const start = board([kpi('a', 0, 0, 3, 2), { tileId: 'c', kind: 'chart', series: 'volume', queueIds: ['q-1'], hours: 6, x: 3, y: 0, w: 6, h: 3, title: 'Volume' }]);
    const parsed = parseBoardDocument(boardDocument(start));
    expect(parsed).toEqual({ ok: true, value: start });
  });

  it('names the file after the board, never empty', () => {
    expect(boardFileName({ name: 'Floor 2 — Chat & Voice', boardId: 'b-1' })).toBe('floor-2-chat-voice.board.json');
    expect(boardFileName({ name: '★★★', boardId: 'b/9' })).toBe('b-9.board.json');
  });

  it('writes grid lines for CSS from a placement', () => {
    expect(gridArea({ x: 2, y: 0, w: 3, h: 4 })).toEqual({ gridColumn: '3 / span 3', gridRow: '1 / span 4' });
  });
});

describe('editor words', () => {
  it('names each metric with its period once: "Offered (now)", not "Offered (now) (now)"', () => {
    expect(metricChoiceLabel('offered')).toBe('Offered (now)');
    expect(metricChoiceLabel('queued')).toBe('Queued (now)');
    expect(metricChoiceLabel('serviceLevelPct')).toMatch(/\(today\)$/u);
    for (const metricId of METRIC_IDS) expect(metricChoiceLabel(metricId)).not.toMatch(/\((now|today)\) \((now|today)\)/u);
  });

  it('titles a copy as a copy, not as a new board', () => {
    expect(editorTitle('copy', 'Copy of Orders floor')).toBe('Edit a copy: Copy of Orders floor');
    expect(editorTitle('new', 'New board')).toBe('New board');
    expect(editorTitle('edit', 'Orders')).toBe('Edit board: Orders');
  });
});
