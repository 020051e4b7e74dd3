/**
 * One big number over chosen queues, coloured by its thresholds (with a shape as well), and an
 * arrow for where it went since 15 minutes ago.
 */
import { memo, useEffect, useRef } from 'react';
import type { BoardTile } from '../../../src-shared/wallboard/board.js';
import { metricDefinition } from '../../../src-shared/metrics/dictionary.js';
import { formatMetricValue, metricExplanation } from '../../format/metric-format.js';
import { useConsole } from '../../hooks/store-context.js';
import { useWallboardLive } from './live-context.js';
import { TileFrame, TileMessage } from './tile-frame.js';
import { baselineAt, describeCombination, describeTrend, kpiFigure, recordSample, seriesValueAt, trendOf, TREND_LOOKBACK_MS, type TrendSample } from './wallboard-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('wallboard');

type KpiTileConfig = Extract<BoardTile, { kind: 'kpi' }>;

const ARROWS = { up: '▲', down: '▼', flat: '▬' } as const;

export const KpiTile = memo(function KpiTile({ tile }: { readonly tile: KpiTileConfig }) {
  const queues = useConsole((state) => state.overview.queues);
  const loaded = useConsole((state) => state.overview.loaded);
  const asOf = useConsole((state) => state.overview.asOfTime);
  const series = useWallboardLive((state) => state.series);
  const samples = useRef<readonly TrendSample[]>([]);
  const figure = kpiFigure(tile.metricId, tile.queueIds, queues);
  const definition = metricDefinition(tile.metricId);

  useEffect(() => {
    if (asOf !== null) samples.current = recordSample(samples.current, asOf, figure.value);
  }, [asOf, figure.value]);

  // Queued and service level have minute series: their trend is known at once; other metrics learn it on screen.
  const baseline =
    asOf === null
      ? null
      : tile.metricId === 'queued' || tile.metricId === 'serviceLevelPct'
        ? seriesValueAt(series, tile.queueIds, tile.metricId, asOf - TREND_LOOKBACK_MS)
        : baselineAt(samples.current, asOf);
  const trend = trendOf(figure.value, baseline, definition.unit === 'count' ? 1 : 0.5);
  const trendWords = describeTrend(tile.metricId, trend);
  const severityClass = figure.severity === null ? '' : ` is-${figure.severity}`;
  return (
    <TileFrame tileId={tile.tileId} kind="kpi" placement={tile} title={tile.title ?? definition.label} asOf={asOf}>
      {!loaded ? (
        <TileMessage>{t('waitingForTheFloor')}</TileMessage>
      ) : figure.queueCount === 0 ? (
        <TileMessage>{t('noneOfThisTile')}</TileMessage>
      ) : (
        <div className={`wb-kpi${severityClass}`} title={metricExplanation(tile.metricId, figure.severity)}>
          <p className="wb-kpi__value" data-testid="kpi-value" data-metric={tile.metricId} data-severity={figure.severity ?? 'none'}>
            {figure.severity === null ? null : <span className={`breach-icon breach-icon--${figure.severity}`} aria-hidden="true" />}
            {formatMetricValue(tile.metricId, figure.value)}
            {figure.severity === null ? null : <span className="visually-hidden">{t('severityPastThreshold', { severity: figure.severity })}</span>}
          </p>
          <p className={`wb-kpi__trend${trend === null ? ' is-unknown' : ''}`} data-testid="kpi-trend" data-direction={trend?.direction ?? 'none'} title={trendWords}>
            {trend === null ? null : (
              <span className={`wb-kpi__arrow wb-kpi__arrow--${trend.direction}`} aria-hidden="true">
                {ARROWS[trend.direction]}
              </span>
            )}
            <span className="wb-kpi__trend-words">{trend === null ? t('vs15MinAgo') : trendWords}</span>
          </p>
          <p className="wb-kpi__basis">{describeCombination(tile.metricId, figure)}</p>
        </div>
      )}
    </TileFrame>
  );
});
