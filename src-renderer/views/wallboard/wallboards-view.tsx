/**
 * Wallboards in the console (#/wallboards): the boards (open, edit, duplicate, delete, export,
 * import), the playlist that rotates them, and the screens allowed to show them over the network.
 */
import { useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import type { WallboardSetup } from '../../../src-shared/api/wallboard.js';
import type { Board } from '../../../src-shared/wallboard/board.js';
import { parseBoardDocument } from '../../../src-shared/wallboard/board.js';
import { useCommandIssuer } from '../../hooks/use-command-issuer.js';
import { useCan, useQuery } from '../../hooks/use-api.js';
import { useConsole } from '../../hooks/store-context.js';
import { formatRoute } from '../../shell/router.js';
import { boardDocument, boardFileName, copyName, duplicateBoard, newBoard, type EditorMode } from './board-layout.js';
import { BoardEditor } from './board-editor.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { WALLBOARD_CONFIRM_PARTS } from './confirm-parts.js';
import { DevicesPanel } from './devices-panel.js';
import { newId } from './ids.js';
import { PlaylistEditor } from './playlist-editor.js';
import { useT } from '../../i18n/translate.js';

const t = useT('wallboard');

/** The largest document the core accepts for import (src-shared/api/wallboard.ts). */
const MAX_IMPORT_BYTES = 256 * 1024;

type Notice = { readonly tone: 'ok' | 'error'; readonly text: string } | null;

/** Saves a board document as a file through the browser's download. */
function download(board: Board): void {
  const url = URL.createObjectURL(new Blob([boardDocument(board)], { type: 'application/json' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = boardFileName(board);
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoked on the next turn: the download has taken the blob by then.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

function BoardRow({
  board,
  builtIn,
  onEdit,
  onDuplicate,
  onDelete,
}: {
  readonly board: Board;
  readonly builtIn: boolean;
  readonly onEdit: (board: Board) => void;
  readonly onDuplicate: (board: Board) => void;
  readonly onDelete: (board: Board) => void;
}) {
  return (
    <tr data-testid="board-row" data-board-id={board.boardId}>
      <th scope="row">
        <span className="wb-boards__name">{board.name}</span>
        {builtIn ? <span className="wb-badge">{t('builtIn')}</span> : null}
      </th>
      <td>
        {board.columns}×{board.rows} · {t('tileCount', { count: board.tiles.length })}
      </td>
      <td>{board.theme === 'dark' ? t('dark') : t('light')}</td>
      <td className="wb-boards__actions">
        <a className="button button--small" href={formatRoute({ view: 'wallboard', boardId: board.boardId })} data-testid="board-open">
          {t('open')}
        </a>
        <button type="button" className="button button--small" onClick={() => onEdit(board)} data-testid="board-edit" title={builtIn ? t('builtInBoardsAre') : undefined}>
          {builtIn ? t('editACopy') : t('edit')}
        </button>
        <button type="button" className="button button--small" onClick={() => onDuplicate(board)} data-testid="board-duplicate">
          {t('duplicate')}
        </button>
        <button type="button" className="button button--small" onClick={() => download(board)} data-testid="board-export">
          {t('export')}
        </button>
        {builtIn ? null : (
          <button type="button" className="button button--small button--danger" onClick={() => onDelete(board)} data-testid="board-delete">
            {t('delete')}
          </button>
        )}
      </td>
    </tr>
  );
}

function Boards({ setup, reload, onEdit, onNotice }: { readonly setup: WallboardSetup; readonly reload: () => void; readonly onEdit: (board: Board, mode: EditorMode) => void; readonly onNotice: (notice: Notice) => void }) {
  const duplicating = useCommandIssuer();
  const importing = useCommandIssuer();
  const removing = useCommandIssuer();
  const fileRef = useRef<HTMLInputElement | null>(null);
  const [deleting, setDeleting] = useState<Board | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const builtIns = new Set(setup.builtInBoardIds ?? []);

  const duplicate = (board: Board): void => {
    void duplicating.send({ type: 'wallboard.board.save', board: duplicateBoard(board, newId('board'), copyName(board.name)) }).then((result) => {
      onNotice(result.ok ? { tone: 'ok', text: t('savedName', { name: result.value.name }) } : { tone: 'error', text: t('theCopyWasNot', { error: result.error }) });
      if (result.ok) reload();
    });
  };

  const importFile = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    if (file.size > MAX_IMPORT_BYTES) {
      onNotice({ tone: 'error', text: t('nameWasNotImported', { name: file.name, value1: Math.ceil(file.size / 1024) }) });
      return;
    }
    void file.text().then(
      (text) => {
        // The core gives the authoritative answer; checking here too names the problem without a round trip.
        const local = parseBoardDocument(text);
        if (!local.ok) {
          onNotice({ tone: 'error', text: t('nameWasNotImported2', { name: file.name, error: local.error }) });
          return;
        }
        void importing.send({ type: 'wallboard.board.import', document: text }).then((result) => {
          onNotice(result.ok ? { tone: 'ok', text: t('importedName', { name: result.value.name }) } : { tone: 'error', text: t('nameWasNotImported2', { name: file.name, error: result.error }) });
          if (result.ok) reload();
        });
      },
      () => onNotice({ tone: 'error', text: t('nameCouldNotBe', { name: file.name }) }),
    );
  };

  const confirmDelete = (): void => {
    if (deleting === null) return;
    setDeleteBusy(true);
    setDeleteError(null);
    void removing.send({ type: 'wallboard.board.delete', boardId: deleting.boardId }).then((result) => {
      setDeleteBusy(false);
      if (result.ok) {
        onNotice({ tone: 'ok', text: t('deletedName', { name: deleting.name }) });
        setDeleting(null);
        reload();
      } else setDeleteError(result.error);
    });
  };

  return (
    <section className="panel wb-section" aria-labelledby="boards-title" data-testid="boards-panel">
      <div className="wb-section__header">
        <h2 id="boards-title" className="wb-section__title">
          {t('boards')}
        </h2>
        <div className="wb-section__actions">
          <button type="button" className="button button--primary" onClick={() => onEdit(newBoard(newId('board'), 'New board'), 'new')} data-testid="board-new">
            {t('newBoard')}
          </button>
          <button type="button" className="button" onClick={() => fileRef.current?.click()} data-testid="board-import">
            {t('import')}
          </button>
          <input ref={fileRef} type="file" accept=".json,application/json" className="visually-hidden" tabIndex={-1} onChange={importFile} data-testid="board-import-file" aria-label={t('boardDocumentToImport')} />
          <a className="button" href={formatRoute({ view: 'wallboard', boardId: null })} data-testid="wallboard-open-playlist">
            {t('openTheWallboard')}
          </a>
        </div>
      </div>
      {setup.boards.length === 0 ? (
        <p className="wb-section__empty">{t('noBoardsYetCreate')}</p>
      ) : (
        <table className="wb-table" data-testid="boards-table">
          <thead>
            <tr>
              <th scope="col">{t('board')}</th>
              <th scope="col">{t('grid')}</th>
              <th scope="col">{t('theme')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {setup.boards.map((board) => (
              <BoardRow
                key={board.boardId}
                board={board}
                builtIn={builtIns.has(board.boardId)}
                onEdit={(chosen) => (builtIns.has(chosen.boardId) ? onEdit(duplicateBoard(chosen, newId('board'), copyName(chosen.name)), 'copy') : onEdit(chosen, 'edit'))}
                onDuplicate={duplicate}
                onDelete={(chosen) => {
                  setDeleteError(null);
                  setDeleting(chosen);
                }}
              />
            ))}
          </tbody>
        </table>
      )}
      {deleting === null ? null : (
        <ConfirmDialog title={t('deleteName', { name: deleting.name })} confirmLabel={t('deleteBoard')} tone="danger" testId="confirm-dialog" partTestIds={WALLBOARD_CONFIRM_PARTS} busy={deleteBusy} error={deleteError} onConfirm={confirmDelete} onCancel={() => setDeleting(null)}>
          <p>{t('theBoardIsRemoved')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

export function WallboardsView() {
  const sessionReady = useConsole((state) => state.session.status === 'ready');
  const canManage = useCan('wallboard.manage');
  const setup = useQuery(canManage ? { type: 'wallboard.setup' } : null);
  const [editing, setEditing] = useState<{ readonly board: Board; readonly mode: EditorMode } | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  if (!sessionReady) {
    return (
      <section className="view" aria-labelledby="view-title">
        <h1 id="view-title" className="view__title">
          {t('wallboards')}
        </h1>
        <p role="status">{t('connecting')}</p>
      </section>
    );
  }
  if (!canManage) {
    return (
      <section className="view" aria-labelledby="view-title">
        <h1 id="view-title" className="view__title">
          {t('wallboards')}
        </h1>
        <p role="alert">{t('yourRoleIsNot')}</p>
      </section>
    );
  }
  if (editing !== null) {
    return (
      <BoardEditor
        key={editing.board.boardId}
        initial={editing.board}
        mode={editing.mode}
        onDone={(saved) => {
          setEditing(null);
          if (saved !== null) {
            setNotice({ tone: 'ok', text: t('savedName', { name: saved.name }) });
            setup.reload();
          }
        }}
      />
    );
  }
  return (
    <section className="view wb-manage" aria-labelledby="view-title" data-testid="wallboards-view">
      <h1 id="view-title" className="view__title">
        {t('wallboards')}
      </h1>
      {notice === null ? null : (
        <p className={notice.tone === 'ok' ? 'wb-form__ok' : 'form-error'} role={notice.tone === 'ok' ? 'status' : 'alert'} data-testid="wallboards-notice">
          {notice.text}
        </p>
      )}
      {setup.status === 'loading' ? (
        <p role="status">{t('loadingBoards')}</p>
      ) : setup.status === 'error' ? (
        <p className="form-error" role="alert">
          {t('boardsCannotBeRead')}{setup.error}
        </p>
      ) : (
        <>
          <Boards setup={setup.value} reload={setup.reload} onEdit={(board, mode) => setEditing({ board, mode })} onNotice={setNotice} />
          <PlaylistEditor key={JSON.stringify(setup.value.playlist)} boards={setup.value.boards} playlist={setup.value.playlist} onSaved={setup.reload} />
        </>
      )}
      <DevicesPanel />
    </section>
  );
}
