/**
 * Boards and the playlist through the core's API: built-ins on first start, saving, importing
 * with reasons for refusals, deleting, and retries that apply once.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src-main/core/core.js';
import type { Session } from '../../../../src-main/core/api/session.js';
import { BUILT_IN_BOARD_IDS, builtInBoards } from '../../../../src-main/core/wallboard/built-in-boards.js';
import { BOARD_SCHEMA_NAME, boardSchema, parseBoardDocument, type Board } from '../../../../src-shared/wallboard/board.js';
import { tempDir } from '../../../support/host-process.js';

let dir: string;
let core: Core;
const supervisor: Session = { userId: 'sam', displayName: 'Sam', role: 'wfm_leader', queueScope: null };
let commandNumber = 0;
const nextId = (): string => `cmd-${++commandNumber}`;

beforeAll(async () => {
  dir = tempDir('wallboard-boards');
  // The feed is unreachable: boards live in the store and need no floor.
  core = await createCore({ dataDir: join(dir, 'data'), feed: { kind: 'remote', url: 'ws://127.0.0.1:9/feed', token: 'x' }, backfillDays: 0 });
});

afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

function board(boardId: string, overrides: Partial<Board> = {}): Board {
  return {
    schema: BOARD_SCHEMA_NAME,
    version: 1,
    boardId,
    name: `Board ${boardId}`,
    theme: 'dark',
    columns: 12,
    rows: 8,
    tiles: [{ kind: 'kpi', tileId: 't1', metricId: 'queued', queueIds: [], x: 0, y: 0, w: 3, h: 2 }],
    ...overrides,
  };
}

function setup() {
  const result = core.api.query(supervisor, { type: 'wallboard.setup' });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('built-in boards', () => {
  it('exist on first start, in a playlist of 20 s each, and are valid documents', () => {
    const { boards, playlist, builtInBoardIds } = setup();
    expect(boards.map((entry) => entry.boardId)).toEqual([...BUILT_IN_BOARD_IDS]);
    expect(builtInBoardIds).toEqual([...BUILT_IN_BOARD_IDS]);
    expect(boards.map((entry) => entry.name)).toEqual(['Floor overview', 'Service & queues', 'Agents', 'Alerts']);
    expect(playlist.entries).toEqual(BUILT_IN_BOARD_IDS.map((boardId) => ({ boardId, seconds: 20 })));
    for (const entry of boards) expect(boardSchema.safeParse(entry).success, entry.boardId).toBe(true);
  });

  it('lays out a queue tile per queue, for small and large floors', () => {
    for (const count of [0, 3, 16, 17, 60, 80]) {
      const queues = Array.from({ length: count }, (_, index) => ({ queueId: `q${index}`, name: `Queue ${String(index).padStart(2, '0')}` }));
      const [overview] = builtInBoards(queues);
      const parsed = boardSchema.safeParse(overview);
      expect(parsed.success, `${count} queues: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
      expect(overview!.tiles.filter((tile) => tile.kind === 'queue')).toHaveLength(Math.min(count, 60));
    }
  });

  it('cannot be changed or deleted', async () => {
    const saved = await core.api.command(supervisor, { type: 'wallboard.board.save', board: board('builtin-agents') }, nextId());
    expect(saved).toEqual({ ok: false, error: expect.stringMatching(/ships with the console.*copy/) });
    const deleted = await core.api.command(supervisor, { type: 'wallboard.board.delete', boardId: 'builtin-alerts' }, nextId());
    expect(deleted).toEqual({ ok: false, error: expect.stringMatching(/cannot be deleted/) });
  });
});

describe('saving, importing and deleting boards', () => {
  it('saves a board and lists it after the built-ins', async () => {
    const saved = await core.api.command(supervisor, { type: 'wallboard.board.save', board: board('mine') }, nextId());
    expect(saved).toEqual({ ok: true, value: board('mine') });
    expect(setup().boards.map((entry) => entry.boardId)).toEqual([...BUILT_IN_BOARD_IDS, 'mine']);
  });

  it('imports a valid document and an exported built-in as a copy', async () => {
    const imported = await core.api.command(supervisor, { type: 'wallboard.board.import', document: JSON.stringify(board('imported')) }, nextId());
    expect(imported).toEqual({ ok: true, value: board('imported') });
    const builtIn = setup().boards.find((entry) => entry.boardId === 'builtin-alerts')!;
    const copy = await core.api.command(supervisor, { type: 'wallboard.board.import', document: JSON.stringify(builtIn) }, nextId());
    expect(copy.ok && copy.value.boardId).toBe('builtin-alerts-copy');
    expect(setup().boards.find((entry) => entry.boardId === 'builtin-alerts')).toEqual(builtIn);
  });

  it.each([
    ['not JSON', '{ nope', /not JSON/],
    ['an array', '[]', /must be a JSON object/],
    ['another kind of document', JSON.stringify({ schema: 'something.else', version: 1 }), /not a board document/],
    ['a newer version', JSON.stringify({ ...board('v2'), version: 2 }), /^Board format version 2 is newer than this console understands \(1\)\.$/],
    [
      'a tile off the grid',
      JSON.stringify(board('off', { tiles: [...board('x').tiles, { kind: 'ticker', tileId: 't2', queueIds: [], x: 0, y: 2, w: 2, h: 2 }, { kind: 'ticker', tileId: 't3', queueIds: [], x: 10, y: 0, w: 4, h: 2 }] })),
      /tiles\.2: tile t3 runs off the 12×8 grid/,
    ],
    ['an unknown metric', JSON.stringify(board('m', { tiles: [{ kind: 'kpi', tileId: 't1', metricId: 'happiness', queueIds: [], x: 0, y: 0, w: 1, h: 1 }] as never })), /tiles\.0\.metricId/],
    ['duplicate tile ids', JSON.stringify(board('d', { tiles: [board('x').tiles[0]!, board('x').tiles[0]!] })), /duplicate tile id t1/],
  ])('refuses %s with the reason', async (_what, document, reason) => {
    const result = await core.api.command(supervisor, { type: 'wallboard.board.import', document }, nextId());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(reason);
    expect(parseBoardDocument(document).ok).toBe(false);
  });

  it('applies a retried command once and refuses a command id reused for another command', async () => {
    const commandId = nextId();
    const first = await core.api.command(supervisor, { type: 'wallboard.board.save', board: board('retry', { name: 'First' }) }, commandId);
    const retry = await core.api.command(supervisor, { type: 'wallboard.board.save', board: board('retry', { name: 'Changed meanwhile' }) }, commandId);
    expect(retry).toEqual(first);
    expect(setup().boards.find((entry) => entry.boardId === 'retry')?.name).toBe('First');
    const reused = await core.api.command(supervisor, { type: 'wallboard.board.delete', boardId: 'retry' }, commandId);
    expect(reused).toEqual({ ok: false, error: expect.stringMatching(/already used for wallboard.board.save/) });
  });

  it('deletes a user board and takes it out of the playlist', async () => {
    await core.api.command(supervisor, { type: 'wallboard.board.save', board: board('gone') }, nextId());
    const saved = await core.api.command(supervisor, { type: 'wallboard.playlist.save', playlist: { entries: [{ boardId: 'gone', seconds: 30 }, { boardId: 'builtin-agents', seconds: 10 }] } }, nextId());
    expect(saved.ok).toBe(true);
    expect(await core.api.command(supervisor, { type: 'wallboard.board.delete', boardId: 'gone' }, nextId())).toEqual({ ok: true, value: null });
    expect(setup().playlist.entries).toEqual([{ boardId: 'builtin-agents', seconds: 10 }]);
    expect(await core.api.command(supervisor, { type: 'wallboard.board.delete', boardId: 'gone' }, nextId())).toEqual({ ok: false, error: 'No board gone.' });
  });
});

describe('the playlist', () => {
  it('refuses an unknown board id and an empty playlist, keeping the one it had', async () => {
    const before = setup().playlist;
    const unknown = await core.api.command(supervisor, { type: 'wallboard.playlist.save', playlist: { entries: [{ boardId: 'builtin-agents', seconds: 20 }, { boardId: 'nope', seconds: 20 }] } }, nextId());
    expect(unknown).toEqual({ ok: false, error: 'entries.1: there is no board nope.' });
    const empty = await core.api.command(supervisor, { type: 'wallboard.playlist.save', playlist: { entries: [] } }, nextId());
    expect(empty).toEqual({ ok: false, error: 'A playlist needs at least one board.' });
    expect(setup().playlist).toEqual(before);
  });

  it('saves a valid playlist', async () => {
    const playlist = { entries: [{ boardId: 'builtin-alerts', seconds: 15 }, { boardId: 'mine', seconds: 60 }] };
    expect(await core.api.command(supervisor, { type: 'wallboard.playlist.save', playlist }, nextId())).toEqual({ ok: true, value: playlist });
    expect(setup().playlist).toEqual(playlist);
  });
});

describe('without a LAN listener', () => {
  it('reports LAN serving off and refuses to turn it on or make a device link', async () => {
    expect(core.api.query(supervisor, { type: 'wallboard.lan' })).toEqual({ ok: true, value: { enabled: false, urls: [], maxConnections: 20 } });
    const on = await core.api.command(supervisor, { type: 'wallboard.lan.set', enabled: true }, nextId());
    expect(on.ok).toBe(false);
    const device = await core.api.command(supervisor, { type: 'wallboard.device.create', name: 'TV' }, nextId());
    expect(device.ok).toBe(false);
    expect(core.api.query(supervisor, { type: 'wallboard.devices' })).toEqual({ ok: true, value: [] });
  });
});
