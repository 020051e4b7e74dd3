/** The day's top agents on one measure: most conversations, shortest handle time or best CSAT. */
import { memo, useMemo } from 'react';
import type { BoardTile } from '../../../src-shared/wallboard/board.js';
import { assertNever } from '../../../src-shared/result.js';
import { useWallboardLive, useWallboardLiveStore } from './live-context.js';
import { TileFrame, TileMessage } from './tile-frame.js';
import { leaderboardRows, type LeaderboardMetric } from './wallboard-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('wallboard');

type LeaderboardConfig = Extract<BoardTile, { kind: 'leaderboard' }>;

function metricTitle(metric: LeaderboardMetric): string {
  switch (metric) {
    case 'assignments':
      return t('mostConversationsToday');
    case 'aht':
      return t('shortestHandleTimeToday');
    case 'csat':
      return t('bestCsatToday');
    default:
      return assertNever(metric, 'leaderboard metric');
  }
}

export const LeaderboardTile = memo(function LeaderboardTile({ tile }: { readonly tile: LeaderboardConfig }) {
  const store = useWallboardLiveStore();
  const loaded = useWallboardLive((state) => state.loaded);
  const error = useWallboardLive((state) => (state.loaded ? null : state.error));
  const asOf = useWallboardLive((state) => state.asOfTime);
  const entries = useWallboardLive((state) => state.leaderboard);
  const roster = useWallboardLive((state) => state.rosterVersion);
  // Queue membership comes from the roster, which changes rarely; statuses do not matter here.
  const rows = useMemo(() => leaderboardRows(entries, tile.metric, tile.limit, tile.queueIds, store.getState().agents), [entries, tile.metric, tile.limit, tile.queueIds, store, roster]);
  return (
    <TileFrame tileId={tile.tileId} kind="leaderboard" placement={tile} title={tile.title ?? metricTitle(tile.metric)} asOf={asOf}>
      {error !== null ? (
        <TileMessage tone="error">{t('liveDataUnavailable')}{error}</TileMessage>
      ) : !loaded ? (
        <TileMessage>{t('waitingForLiveData')}</TileMessage>
      ) : rows.length === 0 ? (
        <TileMessage>{t('noAgentHasA')}</TileMessage>
      ) : (
        <ol className="wb-leaders" data-testid="leaderboard">
          {rows.map((row) => (
            <li key={row.agentId} className={`wb-leaders__row${row.rank <= 3 ? ` wb-leaders__row--top${row.rank}` : ''}`} data-testid="leaderboard-row">
              <span className="wb-leaders__rank">{row.rank}</span>
              <span className="wb-leaders__name">{row.name}</span>
              <span className="wb-leaders__value">{row.display}</span>
            </li>
          ))}
        </ol>
      )}
    </TileFrame>
  );
});
