/**
 * Boards and the playlist in the store. Boards are kept as their portable document; the built-in
 * ones are written on first start and refreshed when the floor's queues change (their overview
 * lays out one tile per queue), and are refused to editors so a refresh never overwrites work.
 */
import type { StoreConnection } from '../store/connection.js';
import type { WallboardSetup } from '../../../src-shared/api/wallboard.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import { boardSchema, playlistSchema, type Board, type Playlist } from '../../../src-shared/wallboard/board.js';
import { BUILT_IN_BOARD_IDS, builtInBoards, defaultPlaylist, isBuiltInBoardId, type QueueRef } from './built-in-boards.js';

/** A console keeps at most this many boards of its own. */
export const MAX_USER_BOARDS = 200;

const PLAYLIST_SETTING = 'playlist';

export interface BoardStore {
  /** Every board (built-ins first, then in the order saved) and the playlist. */
  setup(): WallboardSetup;
  /** Rewrites the built-in boards for the floor's queues when they differ from what is stored. */
  refreshBuiltIns(queues: readonly QueueRef[], at: number): void;
  get(boardId: string): Board | null;
  /** Creates or replaces a user board. Built-in ids are refused. */
  save(board: Board, at: number): Result<Board>;
  /** Deletes a user board and drops it from the playlist. Built-ins and unknown ids are refused. */
  remove(boardId: string): Result<null>;
  /** Replaces the playlist; every entry must name an existing board. */
  savePlaylist(playlist: Playlist): Result<Playlist>;
  /** A board id not yet taken, derived from `boardId` (for imports of a built-in's export). */
  freeBoardId(boardId: string): string;
}

interface BoardRow {
  board_id: string;
  document: string;
}

function readBoard(row: BoardRow): Board | null {
  try {
    const parsed = boardSchema.safeParse(JSON.parse(row.document));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function createBoardStore(db: StoreConnection): BoardStore {
  const statements = {
    all: db.prepare<[], BoardRow>('SELECT board_id, document FROM wallboard_boards ORDER BY built_in DESC, position, board_id'),
    get: db.prepare<[string], BoardRow & { built_in: number }>('SELECT board_id, document, built_in FROM wallboard_boards WHERE board_id = ?'),
    countUser: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM wallboard_boards WHERE built_in = 0'),
    nextPosition: db.prepare<[], { n: number | null }>('SELECT max(position) + 1 AS n FROM wallboard_boards'),
    upsert: db.prepare<[string, number, number, string, number]>(
      `INSERT INTO wallboard_boards (board_id, built_in, position, document, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (board_id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at`,
    ),
    remove: db.prepare<[string]>('DELETE FROM wallboard_boards WHERE board_id = ? AND built_in = 0'),
    readSetting: db.prepare<[string], { value: string }>('SELECT value FROM wallboard_settings WHERE key = ?'),
    writeSetting: db.prepare<[string, string]>('INSERT INTO wallboard_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  };

  function playlist(): Playlist {
    const row = statements.readSetting.get(PLAYLIST_SETTING);
    if (!row) return defaultPlaylist();
    try {
      const parsed = playlistSchema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : defaultPlaylist();
    } catch {
      return defaultPlaylist();
    }
  }

  const writePlaylist = (value: Playlist): void => {
    statements.writeSetting.run(PLAYLIST_SETTING, JSON.stringify(value));
  };

  function get(boardId: string): Board | null {
    const row = statements.get.get(boardId);
    return row ? readBoard(row) : null;
  }

  return {
    setup() {
      const boards = statements.all.all().flatMap((row) => readBoard(row) ?? []);
      return { boards, playlist: playlist(), builtInBoardIds: [...BUILT_IN_BOARD_IDS] };
    },
    refreshBuiltIns(queues, at) {
      const boards = builtInBoards(queues);
      db.transaction(() => {
        boards.forEach((board, position) => {
          const document = JSON.stringify(board);
          if (statements.get.get(board.boardId)?.document === document) return;
          statements.upsert.run(board.boardId, 1, position, document, at);
        });
      })();
    },
    get,
    save(board, at) {
      if (isBuiltInBoardId(board.boardId)) return fail(`Board ${board.boardId} ships with the console and cannot be changed; save a copy under a new id.`);
      const existing = statements.get.get(board.boardId);
      if (!existing && statements.countUser.get()!.n >= MAX_USER_BOARDS) return fail(`A console keeps at most ${MAX_USER_BOARDS} boards; delete one first.`);
      const position = statements.nextPosition.get()?.n ?? 0;
      statements.upsert.run(board.boardId, 0, position, JSON.stringify(board), at);
      return ok(board);
    },
    remove(boardId) {
      if (isBuiltInBoardId(boardId)) return fail(`Board ${boardId} ships with the console and cannot be deleted; leave it out of the playlist instead.`);
      return db.transaction((): Result<null> => {
        if (statements.remove.run(boardId).changes === 0) return fail(`No board ${boardId}.`);
        const current = playlist();
        const entries = current.entries.filter((entry) => entry.boardId !== boardId);
        if (entries.length !== current.entries.length) writePlaylist({ entries: entries.length > 0 ? entries : defaultPlaylist().entries });
        return ok(null);
      })();
    },
    savePlaylist(value) {
      if (value.entries.length === 0) return fail('A playlist needs at least one board.');
      for (const [index, entry] of value.entries.entries()) {
        if (!statements.get.get(entry.boardId)) return fail(`entries.${index}: there is no board ${entry.boardId}.`);
      }
      writePlaylist(value);
      return ok(value);
    },
    freeBoardId(boardId) {
      const base = `${boardId.slice(0, 110)}-copy`;
      if (!statements.get.get(base) && !isBuiltInBoardId(base)) return base;
      for (let index = 2; ; index += 1) {
        const candidate = `${base}-${index}`;
        if (!statements.get.get(candidate)) return candidate;
      }
    },
  };
}
