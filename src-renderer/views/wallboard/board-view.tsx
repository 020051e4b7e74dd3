/** A board on screen: its grid of cells, and each tile in its place. */
import { memo } from 'react';
import type { CSSProperties } from 'react';
import type { Board, BoardTile } from '../../../src-shared/wallboard/board.js';
import { assertNever } from '../../../src-shared/result.js';
import { AgentGridTile } from './agent-grid-tile.js';
import { ChartTile } from './chart-tile.js';
import { KpiTile } from './kpi-tile.js';
import { LeaderboardTile } from './leaderboard-tile.js';
import { QueueBoardTile } from './queue-tile.js';
import { TickerTile } from './ticker-tile.js';
import { useT } from '../../i18n/translate.js';

const t = useT('wallboard');

function BoardTileView({ tile }: { readonly tile: BoardTile }) {
  switch (tile.kind) {
    case 'queue':
      return <QueueBoardTile tile={tile} />;
    case 'kpi':
      return <KpiTile tile={tile} />;
    case 'chart':
      return <ChartTile tile={tile} />;
    case 'agent_grid':
      return <AgentGridTile tile={tile} />;
    case 'leaderboard':
      return <LeaderboardTile tile={tile} />;
    case 'ticker':
      return <TickerTile tile={tile} />;
    default:
      return assertNever(tile, 'board tile');
  }
}

/** The grid. Memoised on the board object, which keeps its identity while the setup is unchanged. */
export const BoardView = memo(function BoardView({ board }: { readonly board: Board }) {
  const style: CSSProperties = {
    gridTemplateColumns: `repeat(${board.columns}, minmax(0, 1fr))`,
    gridTemplateRows: `repeat(${board.rows}, minmax(0, 1fr))`,
  };
  return (
    <div className="wb-board" style={style} data-testid="wallboard-board" data-board-id={board.boardId} data-board-name={board.name}>
      {board.tiles.length === 0 ? (
        <p className="wb-board__empty" role="status">
          {t('thisBoardHasNo')}
        </p>
      ) : (
        board.tiles.map((tile) => <BoardTileView key={tile.tileId} tile={tile} />)
      )}
    </div>
  );
});
