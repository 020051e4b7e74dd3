/** Recent alerts, newest on top; older ones fall off the bottom of the tile. Severity is a word and a shape, not only a colour. */
import { memo, useMemo } from 'react';
import type { BoardTile } from '../../../src-shared/wallboard/board.js';
import type { TickerItem } from '../../../src-shared/api/wallboard.js';
import { useConsole } from '../../hooks/store-context.js';
import { useWallboardLive } from './live-context.js';
import { TileFrame, TileMessage, useBoardContext } from './tile-frame.js';
import { clockTime, tickerItems } from './wallboard-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('wallboard');

type TickerConfig = Extract<BoardTile, { kind: 'ticker' }>;

/** More than any tile can show; the rest is clipped by the tile's height. */
const SHOWN = 30;

const SEVERITY_WORDS: Readonly<Record<TickerItem['severity'], string>> = { info: 'Info', warning: 'Warning', critical: 'Critical' };

/** Keys that stay with an alert as newer ones push it down, so only the new row is added to the list. */
function withKeys(items: readonly TickerItem[]): readonly { readonly key: string; readonly item: TickerItem }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = `${item.at}|${item.queueId ?? ''}|${item.text}`;
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return { key: `${base}#${count}`, item };
  });
}

function QueueName({ queueId }: { readonly queueId: string }) {
  const name = useConsole((state) => state.overview.queues[queueId]?.name ?? queueId);
  return <span className="wb-ticker__queue">{name}</span>;
}

export const TickerTile = memo(function TickerTile({ tile }: { readonly tile: TickerConfig }) {
  const loaded = useWallboardLive((state) => state.loaded);
  const error = useWallboardLive((state) => (state.loaded ? null : state.error));
  const asOf = useWallboardLive((state) => state.asOfTime);
  const ticker = useWallboardLive((state) => state.ticker);
  const { timeZone } = useBoardContext();
  const items = useMemo(() => withKeys(tickerItems(ticker, tile.queueIds, SHOWN)), [ticker, tile.queueIds]);
  return (
    <TileFrame tileId={tile.tileId} kind="ticker" placement={tile} title={tile.title ?? t('alerts')} asOf={asOf}>
      {error !== null ? (
        <TileMessage tone="error">{t('liveDataUnavailable')}{error}</TileMessage>
      ) : !loaded ? (
        <TileMessage>{t('waitingForLiveData')}</TileMessage>
      ) : items.length === 0 ? (
        <TileMessage>{t('noAlertsAllQuiet')}</TileMessage>
      ) : (
        <ul className="wb-ticker" data-testid="ticker">
          {items.map(({ key, item }) => (
            <li key={key} className={`wb-ticker__item wb-ticker__item--${item.severity}`} data-testid="ticker-item" data-severity={item.severity}>
              <span className={`wb-ticker__mark wb-ticker__mark--${item.severity}`} aria-hidden="true" />
              <time className="wb-ticker__time" dateTime={new Date(item.at).toISOString()}>
                {clockTime(item.at, timeZone)}
              </time>
              <span className="visually-hidden">{SEVERITY_WORDS[item.severity]}: </span>
              <span className="wb-ticker__text">
                {item.queueId === null ? null : <QueueName queueId={item.queueId} />}
                {item.text}
              </span>
            </li>
          ))}
        </ul>
      )}
    </TileFrame>
  );
});
