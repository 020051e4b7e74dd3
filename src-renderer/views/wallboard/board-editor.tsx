/**
 * The board editor: name, theme and grid size; tiles added from a kind picker, moved and resized
 * on the grid with the keyboard (arrow keys move, Shift+arrow keys resize) or dragged with the
 * mouse; each tile's settings (queues, metric, series, hours...). Saving sends the whole board;
 * a refusal is shown with its reason and nothing on screen is lost.
 */
import { useMemo, useRef, useState } from 'react';
import type { CSSProperties, FormEvent, KeyboardEvent, PointerEvent, ReactNode } from 'react';
import { METRIC_IDS, metricDefinition, type MetricId } from '../../../src-shared/metrics/dictionary.js';
import type { Board, BoardTile, BoardTileKind } from '../../../src-shared/wallboard/board.js';
import { parseBoardDocument } from '../../../src-shared/wallboard/board.js';
import { assertNever } from '../../../src-shared/result.js';
import { useCommandIssuer } from '../../hooks/use-command-issuer.js';
import { useConsole } from '../../hooks/store-context.js';
import { addTile, clampPlacement, editorTitle, metricChoiceLabel, type EditorMode, gridArea, MAX_GRID, moveTile, overlappingTileIds, placeTile, removeTile, resizeGrid, resizeTile, TILE_KIND_LABELS, TILE_KINDS, updateTile } from './board-layout.js';
import { CHART_SERIES_LABELS } from './chart-data.js';
import { newId } from './ids.js';
import { useT } from '../../i18n/translate.js';

const t = useT('wallboard');

export interface QueueOption {
  readonly queueId: string;
  readonly name: string;
  readonly isGroup: boolean;
}

/** The floor's queues (and groups) for pickers, by display order; re-renders only when names or the set change. */
export function useQueueOptions(): readonly QueueOption[] {
  const key = useConsole((state) =>
    state.overview.order
      .map((queueId) => {
        const tile = state.overview.queues[queueId];
        return `${queueId}\u0001${tile?.name ?? queueId}\u0001${tile?.group === undefined ? '' : 'g'}`;
      })
      .join('\u0000'),
  );
  return useMemo(
    () =>
      key.length === 0
        ? []
        : key.split('\u0000').map((line) => {
            const [queueId = '', name = '', group = ''] = line.split('\u0001');
            return { queueId, name, isGroup: group === 'g' };
          }),
    [key],
  );
}

const ARROWS: Readonly<Record<string, readonly [number, number]>> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

function tileSummary(tile: BoardTile, queues: readonly QueueOption[]): string {
  const queueNames = (ids: readonly string[]): string => (ids.length === 0 ? 'all queues' : ids.map((id) => queues.find((queue) => queue.queueId === id)?.name ?? id).join(', '));
  switch (tile.kind) {
    case 'queue':
      return queues.find((queue) => queue.queueId === tile.queueId)?.name ?? tile.queueId;
    case 'kpi':
      return `${metricDefinition(tile.metricId).label} · ${queueNames(tile.queueIds)}`;
    case 'chart':
      return `${CHART_SERIES_LABELS[tile.series]} · ${tile.hours} h · ${queueNames(tile.queueIds)}`;
    case 'agent_grid':
    case 'ticker':
      return queueNames(tile.queueIds);
    case 'leaderboard':
      return t('topLimitByMetric', { limit: tile.limit, metric: tile.metric, value2: queueNames(tile.queueIds) });
    default:
      return assertNever(tile, 'board tile');
  }
}

function Field({ label, children, hint }: { readonly label: string; readonly children: ReactNode; readonly hint?: string }) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      {children}
      {hint === undefined ? null : <span className="field__hint">{hint}</span>}
    </label>
  );
}

/** Queues a tile covers: none ticked means every queue on the floor, so new queues join by themselves. */
function QueuePicker({ value, queues, onChange }: { readonly value: readonly string[]; readonly queues: readonly QueueOption[]; readonly onChange: (queueIds: string[]) => void }) {
  const plain = queues.filter((queue) => !queue.isGroup);
  return (
    <fieldset className="wb-picker" data-testid="queue-picker">
      <legend className="field__label">{t('queues')}</legend>
      <label className="wb-check">
        <input type="checkbox" checked={value.length === 0} onChange={() => onChange([])} />
        {t('allQueuesFollowsThe')}
      </label>
      <div className="wb-picker__list">
        {plain.map((queue) => (
          <label key={queue.queueId} className="wb-check">
            <input
              type="checkbox"
              checked={value.includes(queue.queueId)}
              onChange={(event) => onChange(event.target.checked ? [...value, queue.queueId] : value.filter((id) => id !== queue.queueId))}
            />
            {queue.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function numberInRange(text: string, low: number, high: number, fallback: number): number {
  const value = Number(text);
  return Number.isFinite(value) ? Math.min(high, Math.max(low, Math.round(value))) : fallback;
}

/** The settings of one tile, by kind. */
function TileSettings({ tile, queues, onChange }: { readonly tile: BoardTile; readonly queues: readonly QueueOption[]; readonly onChange: (tile: BoardTile) => void }) {
  const specific = ((): ReactNode => {
    switch (tile.kind) {
      case 'queue':
        return (
          <Field label={t('queueOrGroup')}>
            <select className="input" value={tile.queueId} onChange={(event) => onChange({ ...tile, queueId: event.target.value })} data-testid="tile-queue">
              {queues.some((queue) => queue.queueId === tile.queueId) ? null : <option value={tile.queueId}>{tile.queueId}{t('notOnTheFloor')}</option>}
              {queues.map((queue) => (
                <option key={queue.queueId} value={queue.queueId}>
                  {queue.isGroup ? t('groupName', { name: queue.name }) : queue.name}
                </option>
              ))}
            </select>
          </Field>
        );
      case 'kpi':
        return (
          <>
            <Field label={t('metric')} hint={metricDefinition(tile.metricId).definition}>
              <select className="input" value={tile.metricId} onChange={(event) => onChange({ ...tile, metricId: event.target.value as MetricId })} data-testid="tile-metric">
                {METRIC_IDS.map((metricId) => (
                  <option key={metricId} value={metricId}>
                    {metricChoiceLabel(metricId)}
                  </option>
                ))}
              </select>
            </Field>
            <a className="wb-link" href={`#/dictionary/${tile.metricId}`}>
              {t('whatIsThisMetric')}
            </a>
            <QueuePicker value={tile.queueIds} queues={queues} onChange={(queueIds) => onChange({ ...tile, queueIds })} />
          </>
        );
      case 'chart':
        return (
          <>
            <Field label={t('series')}>
              <select className="input" value={tile.series} onChange={(event) => onChange({ ...tile, series: event.target.value as typeof tile.series })} data-testid="tile-series">
                {(Object.keys(CHART_SERIES_LABELS) as (typeof tile.series)[]).map((series) => (
                  <option key={series} value={series}>
                    {CHART_SERIES_LABELS[series]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('hoursShown')} hint="1 to 24">
              <input className="input" type="number" min={1} max={24} value={tile.hours} onChange={(event) => onChange({ ...tile, hours: numberInRange(event.target.value, 1, 24, tile.hours) })} data-testid="tile-hours" />
            </Field>
            <QueuePicker value={tile.queueIds} queues={queues} onChange={(queueIds) => onChange({ ...tile, queueIds })} />
          </>
        );
      case 'agent_grid':
      case 'ticker':
        return <QueuePicker value={tile.queueIds} queues={queues} onChange={(queueIds) => onChange({ ...tile, queueIds })} />;
      case 'leaderboard':
        return (
          <>
            <Field label={t('rankBy')}>
              <select className="input" value={tile.metric} onChange={(event) => onChange({ ...tile, metric: event.target.value as typeof tile.metric })} data-testid="tile-leaderboard-metric">
                <option value="assignments">{t('conversationsTodayMostFirst')}</option>
                <option value="aht">{t('handleTimeTodayShortest')}</option>
                <option value="csat">{t('csatTodayBestFirst')}</option>
              </select>
            </Field>
            <Field label={t('agentsShown')} hint="3 to 20">
              <input className="input" type="number" min={3} max={20} value={tile.limit} onChange={(event) => onChange({ ...tile, limit: numberInRange(event.target.value, 3, 20, tile.limit) })} />
            </Field>
            <QueuePicker value={tile.queueIds} queues={queues} onChange={(queueIds) => onChange({ ...tile, queueIds })} />
          </>
        );
      default:
        return assertNever(tile, 'board tile');
    }
  })();
  return (
    <div className="wb-editor__settings-group" data-testid="tile-settings">
      <Field label={t('title')} hint="Optional; the tile names itself otherwise">
        <input
          className="input"
          type="text"
          maxLength={80}
          value={tile.title ?? ''}
          onChange={(event) => {
            const { title: _old, ...rest } = tile;
            onChange(event.target.value.length === 0 ? (rest as BoardTile) : { ...tile, title: event.target.value });
          }}
          data-testid="tile-title"
        />
      </Field>
      {specific}
    </div>
  );
}

interface Drag {
  readonly tileId: string;
  readonly pointerId: number;
  readonly offsetX: number;
  readonly offsetY: number;
}

/** The grid with its tiles: select, then move and resize with the keyboard, or drag. */
function GridCanvas({
  board,
  selectedId,
  queues,
  onSelect,
  onChange,
  onAnnounce,
}: {
  readonly board: Board;
  readonly selectedId: string | null;
  readonly queues: readonly QueueOption[];
  readonly onSelect: (tileId: string) => void;
  readonly onChange: (board: Board) => void;
  readonly onAnnounce: (text: string) => void;
}) {
  const gridRef = useRef<HTMLDivElement | null>(null);
  const drag = useRef<Drag | null>(null);
  const overlapping = overlappingTileIds(board);

  const cellAt = (event: PointerEvent): { x: number; y: number } | null => {
    const rect = gridRef.current?.getBoundingClientRect();
    if (rect === undefined || rect.width === 0 || rect.height === 0) return null;
    return { x: Math.floor(((event.clientX - rect.left) / rect.width) * board.columns), y: Math.floor(((event.clientY - rect.top) / rect.height) * board.rows) };
  };

  const describe = (next: Board, tileId: string): string => {
    const tile = next.tiles.find((candidate) => candidate.tileId === tileId);
    return tile === undefined ? '' : t('columnValue0RowValue1', { value0: tile.x + 1, value1: tile.y + 1, w: tile.w, h: tile.h });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, tileId: string): void => {
    const arrow = ARROWS[event.key];
    if (arrow === undefined) return;
    event.preventDefault();
    const next = event.shiftKey ? resizeTile(board, tileId, arrow[0], arrow[1]) : moveTile(board, tileId, arrow[0], arrow[1]);
    onSelect(tileId);
    if (next !== board) onChange(next);
    onAnnounce(next === board ? t('atTheEdgeOf') : describe(next, tileId));
  };

  return (
    <div
      ref={gridRef}
      className={`wb-editor__grid wb-theme--${board.theme}`}
      style={
        {
          gridTemplateColumns: `repeat(${board.columns}, minmax(0, 1fr))`,
          gridTemplateRows: `repeat(${board.rows}, minmax(0, 1fr))`,
          '--wb-columns': board.columns,
          '--wb-rows': board.rows,
        } as CSSProperties
      }
      data-testid="editor-grid"
    >
      {board.tiles.map((tile) => (
        <button
          key={tile.tileId}
          type="button"
          className={`wb-editor__tile${tile.tileId === selectedId ? ' is-selected' : ''}${overlapping.has(tile.tileId) ? ' is-overlapping' : ''}`}
          style={gridArea(tile)}
          aria-pressed={tile.tileId === selectedId}
          aria-describedby="editor-grid-help"
          data-testid="editor-tile"
          data-tile-id={tile.tileId}
          data-placement={`${tile.x},${tile.y},${tile.w},${tile.h}`}
          onClick={() => onSelect(tile.tileId)}
          onKeyDown={(event) => onKeyDown(event, tile.tileId)}
          onPointerDown={(event) => {
            if (event.button !== 0) return;
            const cell = cellAt(event);
            if (cell === null) return;
            onSelect(tile.tileId);
            event.currentTarget.setPointerCapture(event.pointerId);
            drag.current = { tileId: tile.tileId, pointerId: event.pointerId, offsetX: cell.x - tile.x, offsetY: cell.y - tile.y };
          }}
          onPointerMove={(event) => {
            const current = drag.current;
            if (current === null || current.pointerId !== event.pointerId) return;
            const cell = cellAt(event);
            if (cell === null) return;
            const next = placeTile(board, current.tileId, cell.x - current.offsetX, cell.y - current.offsetY);
            if (next !== board) onChange(next);
          }}
          onPointerUp={(event) => {
            if (drag.current?.pointerId === event.pointerId) {
              drag.current = null;
              onAnnounce(describe(board, tile.tileId));
            }
          }}
          onPointerCancel={() => {
            drag.current = null;
          }}
        >
          <span className="wb-editor__tile-kind">{tile.title ?? TILE_KIND_LABELS[tile.kind]}</span>
          <span className="wb-editor__tile-summary">{tileSummary(tile, queues)}</span>
          {overlapping.has(tile.tileId) ? <span className="wb-editor__tile-warning">{t('overlapsAnotherTile')}</span> : null}
        </button>
      ))}
    </div>
  );
}

export interface BoardEditorProps {
  readonly initial: Board;
  /** A new or copied board is saved as a board of its own; "edit" changes the board itself. */
  readonly mode: EditorMode;
  /** Called with the saved board, or null when the editor was left without saving. */
  readonly onDone: (saved: Board | null) => void;
}

export function BoardEditor({ initial, mode, onDone }: BoardEditorProps) {
  const commands = useCommandIssuer();
  const queues = useQueueOptions();
  const [board, setBoard] = useState<Board>(initial);
  const [selectedId, setSelectedId] = useState<string | null>(initial.tiles[0]?.tileId ?? null);
  const [kind, setKind] = useState<BoardTileKind>('kpi');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const selected = board.tiles.find((tile) => tile.tileId === selectedId) ?? null;
  const overlapCount = overlappingTileIds(board).size;

  const change = (next: Board): void => {
    setBoard(next);
    setError(null);
  };

  const add = (): void => {
    const tileId = newId('tile');
    const firstQueue = queues.find((queue) => !queue.isGroup)?.queueId ?? queues[0]?.queueId ?? 'queue';
    change(addTile(board, kind, tileId, firstQueue));
    setSelectedId(tileId);
    setAnnouncement(t('value0Added', { value0: TILE_KIND_LABELS[kind] }));
  };

  const save = (event: FormEvent): void => {
    event.preventDefault();
    if (saving) return;
    const checked = parseBoardDocument(JSON.stringify(board));
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setSaving(true);
    void commands.send({ type: 'wallboard.board.save', board: checked.value }).then((result) => {
      setSaving(false);
      if (result.ok) onDone(result.value);
      else setError(result.error);
    });
  };

  return (
    <section className="view wb-editor" aria-labelledby="editor-title" data-testid="board-editor">
      <form className="wb-editor__form" onSubmit={save}>
        <header className="wb-editor__header">
          <h1 id="editor-title" className="view__title">
            {editorTitle(mode, initial.name)}
          </h1>
          <div className="wb-editor__header-actions">
            <button type="button" className="button" onClick={() => onDone(null)} data-testid="editor-cancel">
              {t('cancel')}
            </button>
            <button type="submit" className="button button--primary" disabled={saving} data-testid="editor-save">
              {saving ? t('saving') : t('saveBoard')}
            </button>
          </div>
        </header>
        {error === null ? null : (
          <p className="form-error" role="alert" data-testid="board-save-error">
            {error}
          </p>
        )}
        <div className="wb-editor__board-settings">
          <Field label={t('name')}>
            <input className="input" type="text" required maxLength={80} value={board.name} onChange={(event) => change({ ...board, name: event.target.value })} data-testid="board-name" />
          </Field>
          <Field label={t('theme')}>
            <select className="input" value={board.theme} onChange={(event) => change({ ...board, theme: event.target.value === 'light' ? 'light' : 'dark' })} data-testid="board-theme">
              <option value="dark">{t('dark')}</option>
              <option value="light">{t('light')}</option>
            </select>
          </Field>
          <Field label={t('columns')} hint={`1 to ${MAX_GRID}`}>
            <input className="input" type="number" min={1} max={MAX_GRID} value={board.columns} onChange={(event) => change(resizeGrid(board, numberInRange(event.target.value, 1, MAX_GRID, board.columns), board.rows))} data-testid="board-columns" />
          </Field>
          <Field label={t('rows')} hint={`1 to ${MAX_GRID}`}>
            <input className="input" type="number" min={1} max={MAX_GRID} value={board.rows} onChange={(event) => change(resizeGrid(board, board.columns, numberInRange(event.target.value, 1, MAX_GRID, board.rows)))} data-testid="board-rows" />
          </Field>
        </div>
        <div className="wb-editor__main">
          <div className="wb-editor__canvas">
            <p id="editor-grid-help" className="wb-editor__help">
              {t('selectATileThen')}
            </p>
            {board.tiles.length === 0 ? <p className="wb-editor__empty">{t('noTilesYetPick')}</p> : null}
            <GridCanvas board={board} selectedId={selectedId} queues={queues} onSelect={setSelectedId} onChange={change} onAnnounce={setAnnouncement} />
            <p className="visually-hidden" aria-live="polite">
              {announcement}
            </p>
            {overlapCount === 0 ? null : (
              <p className="wb-form__warning" role="status">
                {overlapCount}{t('tilesOverlapOnThe')}
              </p>
            )}
          </div>
          <aside className="panel wb-editor__side" aria-label={t('tiles')}>
            <div className="wb-editor__add">
              <Field label={t('tileKind')}>
                <select className="input" value={kind} onChange={(event) => setKind(event.target.value as BoardTileKind)} data-testid="tile-kind">
                  {TILE_KINDS.map((tileKind) => (
                    <option key={tileKind} value={tileKind}>
                      {TILE_KIND_LABELS[tileKind]}
                    </option>
                  ))}
                </select>
              </Field>
              <button type="button" className="button" onClick={add} disabled={board.tiles.length >= 64} data-testid="tile-add">
                {t('addTile')}
              </button>
            </div>
            {selected === null ? (
              <p className="wb-editor__help">{t('selectATileTo')}</p>
            ) : (
              <div className="wb-editor__tile-settings">
                <h2 className="wb-section__title">{TILE_KIND_LABELS[selected.kind]}</h2>
                <div className="wb-editor__placement">
                  {(['x', 'y', 'w', 'h'] as const).map((axis) => (
                    <Field key={axis} label={{ x: 'Column', y: 'Row', w: 'Width', h: 'Height' }[axis]}>
                      <input
                        className="input"
                        type="number"
                        min={1}
                        max={axis === 'x' || axis === 'w' ? board.columns : board.rows}
                        value={axis === 'x' || axis === 'y' ? selected[axis] + 1 : selected[axis]}
                        onChange={(event) => {
                          const raw = Number(event.target.value);
                          if (!Number.isFinite(raw)) return;
                          const value = axis === 'x' || axis === 'y' ? raw - 1 : raw;
                          const placement = clampPlacement(board, { x: selected.x, y: selected.y, w: selected.w, h: selected.h, [axis]: value });
                          change({ ...board, tiles: board.tiles.map((tile) => (tile.tileId === selected.tileId ? { ...tile, ...placement } : tile)) });
                        }}
                        data-testid={`tile-${axis}`}
                      />
                    </Field>
                  ))}
                </div>
                <TileSettings tile={selected} queues={queues} onChange={(next) => change(updateTile(board, selected.tileId, () => next))} />
                <button
                  type="button"
                  className="button button--danger"
                  onClick={() => {
                    change(removeTile(board, selected.tileId));
                    setSelectedId(null);
                    setAnnouncement(t('tileRemoved'));
                  }}
                  data-testid="tile-remove"
                >
                  {t('removeTile')}
                </button>
              </div>
            )}
          </aside>
        </div>
      </form>
    </section>
  );
}
