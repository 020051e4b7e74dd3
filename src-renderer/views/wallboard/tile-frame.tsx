/**
 * What every tile on a board shares: its place on the grid, a title, the age of its data and the
 * states before data arrives. The board says whether it is stale; each tile then shows the time
 * of its own last update and dims, so no number passes for fresh when it is not.
 */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { BoardTileKind } from '../../../src-shared/wallboard/board.js';
import { formatClockTime } from '../../store/freshness.js';
import { gridArea, type Placement } from './board-layout.js';
import { useT } from '../../i18n/translate.js';

const t = useT('wallboard');

export interface BoardContextValue {
  readonly stale: boolean;
  /** The board's queue time zone; undefined speaks the viewer's. */
  readonly timeZone: string | undefined;
  readonly theme: 'dark' | 'light';
}

const BoardContext = createContext<BoardContextValue>({ stale: false, timeZone: undefined, theme: 'dark' });

export const BoardContextProvider = BoardContext.Provider;

export function useBoardContext(): BoardContextValue {
  return useContext(BoardContext);
}

export interface TileFrameProps {
  readonly tileId: string;
  readonly kind: BoardTileKind;
  readonly placement: Placement;
  /** The heading; null for tiles that carry their own (queue tiles). */
  readonly title: string | null;
  /** Floor time of the data shown, or null before any arrived. */
  readonly asOf: number | null;
  /** Large figure beside the title (a chart's latest value), optional. */
  readonly aside?: ReactNode;
  readonly children: ReactNode;
}

/** A tile's frame. `data-as-of` lets a test (or a curious engineer) read the age of each tile's data. */
export function TileFrame({ tileId, kind, placement, title, asOf, aside, children }: TileFrameProps) {
  const { stale, timeZone } = useBoardContext();
  const headingId = `wallboard-tile-${tileId}`;
  return (
    <section
      className={`wb-tile wb-tile--${kind}${stale ? ' is-stale' : ''}`}
      style={gridArea(placement)}
      aria-labelledby={title === null ? undefined : headingId}
      data-testid="wallboard-tile"
      data-kind={kind}
      data-tile-id={tileId}
      data-as-of={asOf ?? undefined}
    >
      {title === null ? null : (
        <header className="wb-tile__header">
          <h2 className="wb-tile__title" id={headingId}>
            {title}
          </h2>
          {aside}
        </header>
      )}
      <div className="wb-tile__body">{children}</div>
      {stale ? (
        <p className="wb-tile__age" data-testid="tile-age">
          {asOf === null ? t('noDataYet') : t('asOfValue0', { value0: formatClockTime(asOf, asOf, timeZone) })}
        </p>
      ) : null}
    </section>
  );
}

/** What a tile says instead of figures: waiting for data, or why there is none. */
export function TileMessage({ children, tone = 'muted' }: { readonly children: ReactNode; readonly tone?: 'muted' | 'error' }) {
  return (
    <div className={`wb-tile__message wb-tile__message--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
