/** The playlist: which boards a wallboard shows in turn, in what order, and for how many seconds each. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Board, Playlist } from '../../../src-shared/wallboard/board.js';
import { useCommandIssuer } from '../../hooks/use-command-issuer.js';
import { plainEqual } from '../../store/plain-equal.js';
import { MAX_PLAYLIST_ENTRIES, MAX_PLAYLIST_SECONDS, MIN_PLAYLIST_SECONDS, playlistFromRows } from './wallboard-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('wallboard');

interface Row {
  readonly key: number;
  readonly boardId: string;
  /** As typed, so a half-typed number is not corrected under the cursor. */
  readonly seconds: string;
}

function rowsOf(playlist: Playlist): Row[] {
  return playlist.entries.map((entry, index) => ({ key: index, boardId: entry.boardId, seconds: String(entry.seconds) }));
}

export function PlaylistEditor({ boards, playlist, onSaved }: { readonly boards: readonly Board[]; readonly playlist: Playlist; readonly onSaved: () => void }) {
  const commands = useCommandIssuer();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(playlist));
  const [nextKey, setNextKey] = useState(playlist.entries.length);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ readonly tone: 'ok' | 'error'; readonly text: string } | null>(null);
  const draft = playlistFromRows(rows);
  const dirty = !draft.ok || !plainEqual(draft.playlist, playlist);
  const names = new Map(boards.map((board) => [board.boardId, board.name]));

  const update = (next: Row[]): void => {
    setRows(next);
    setMessage(null);
  };
  const move = (index: number, by: number): void => {
    const target = index + by;
    if (target < 0 || target >= rows.length) return;
    const next = [...rows];
    const [row] = next.splice(index, 1);
    if (row !== undefined) next.splice(target, 0, row);
    update(next);
  };

  const save = (event: FormEvent): void => {
    event.preventDefault();
    if (!draft.ok) {
      setMessage({ tone: 'error', text: draft.error });
      return;
    }
    setSaving(true);
    void commands.send({ type: 'wallboard.playlist.save', playlist: draft.playlist }).then((result) => {
      setSaving(false);
      if (result.ok) {
        setMessage({ tone: 'ok', text: t('playlistSavedWallboardsPick') });
        onSaved();
      } else setMessage({ tone: 'error', text: result.error });
    });
  };

  return (
    <section className="panel wb-section" aria-labelledby="playlist-title" data-testid="playlist-editor">
      <h2 id="playlist-title" className="wb-section__title">
        {t('playlist')}
      </h2>
      <p className="wb-section__help">{t('wallboardsShowTheseBoards')}</p>
      <form onSubmit={save}>
        {rows.length === 0 ? <p className="wb-section__empty">{t('thePlaylistIsEmpty')}</p> : null}
        <ol className="wb-playlist">
          {rows.map((row, index) => (
            <li key={row.key} className="wb-playlist__row" data-testid="playlist-row">
              <span className="wb-playlist__index">{index + 1}</span>
              <label className="field wb-playlist__board">
                <span className="visually-hidden">{t('boardForEntry')}{index + 1}</span>
                <select className="input" value={row.boardId} onChange={(event) => update(rows.map((candidate) => (candidate.key === row.key ? { ...candidate, boardId: event.target.value } : candidate)))} data-testid="playlist-board">
                  {names.has(row.boardId) ? null : <option value={row.boardId}>{row.boardId}{t('deleted')}</option>}
                  {boards.map((board) => (
                    <option key={board.boardId} value={board.boardId}>
                      {board.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field wb-playlist__seconds">
                <span className="visually-hidden">{t('secondsForEntry')}{index + 1}</span>
                <input
                  className="input"
                  type="number"
                  min={MIN_PLAYLIST_SECONDS}
                  max={MAX_PLAYLIST_SECONDS}
                  value={row.seconds}
                  onChange={(event) => update(rows.map((candidate) => (candidate.key === row.key ? { ...candidate, seconds: event.target.value } : candidate)))}
                  data-testid="playlist-seconds"
                />
                <span aria-hidden="true">{t('s')}</span>
              </label>
              <span className="wb-playlist__actions">
                <button type="button" className="button button--small" onClick={() => move(index, -1)} disabled={index === 0} aria-label={t('moveEntryValue0Up', { value0: index + 1 })}>
                  ↑
                </button>
                <button type="button" className="button button--small" onClick={() => move(index, 1)} disabled={index === rows.length - 1} aria-label={t('moveEntryValue0Down', { value0: index + 1 })}>
                  ↓
                </button>
                <button type="button" className="button button--small" onClick={() => update(rows.filter((candidate) => candidate.key !== row.key))} aria-label={t('removeEntryValue0', { value0: index + 1 })}>
                  {t('remove')}
                </button>
              </span>
            </li>
          ))}
        </ol>
        <div className="wb-form__actions">
          <button
            type="button"
            className="button"
            disabled={boards.length === 0 || rows.length >= MAX_PLAYLIST_ENTRIES}
            onClick={() => {
              const first = boards[0];
              if (first === undefined) return;
              update([...rows, { key: nextKey, boardId: first.boardId, seconds: '30' }]);
              setNextKey(nextKey + 1);
            }}
            data-testid="playlist-add"
          >
            {t('addABoard')}
          </button>
          <button type="submit" className="button button--primary" disabled={saving || !dirty} data-testid="playlist-save">
            {saving ? t('saving') : t('savePlaylist')}
          </button>
        </div>
        {message === null ? null : (
          <p className={message.tone === 'ok' ? 'wb-form__ok' : 'form-error'} role={message.tone === 'ok' ? 'status' : 'alert'} data-testid="playlist-message">
            {message.text}
          </p>
        )}
      </form>
    </section>
  );
}
