/**
 * A queue on a board, with the look of the overview's queue tile (its CSS classes) but built for
 * a wall: no links or tooltips to hover, and nothing costly per render, since twenty of these
 * redraw several times a second on a busy floor.
 */
import { memo } from 'react';
import type { BreachSeverity, QueueTile } from '../../../src-shared/api/live.js';
import type { MetricId } from '../../../src-shared/metrics/dictionary.js';
import type { BoardTile } from '../../../src-shared/wallboard/board.js';
import { assertNever } from '../../../src-shared/result.js';
import { breachesByMetric, formatMetricValue, worstSeverity } from '../../format/metric-format.js';
import { useConsole } from '../../hooks/store-context.js';
import { showsClosed, tileHours } from '../../format/hours-text.js';
import { ClosedPlate, HoursBadge } from '../../components/hours-badge.js';
import { TileFrame, TileMessage } from './tile-frame.js';
import { useT } from '../../i18n/translate.js';

const t = useT('wallboard');

type QueueBoardTileConfig = Extract<BoardTile, { kind: 'queue' }>;

const CHANNEL_LABELS: Readonly<Record<QueueTile['channel'], string>> = { chat: 'Chat', voice: 'Voice' };

function Figure({ tile, metricId, label, size, breaches }: { readonly tile: QueueTile; readonly metricId: MetricId; readonly label: string; readonly size: 'hero' | 'stat' | 'agent'; readonly breaches: ReadonlyMap<MetricId, BreachSeverity> }) {
  const severity = breaches.get(metricId) ?? null;
  const text = formatMetricValue(metricId, tile.metrics[metricId]);
  return (
    <div className={`metric metric--${size}${severity === null ? '' : ` is-${severity}`}`}>
      <dt className="metric__label">{label}</dt>
      <dd className={`metric__value${text.length > 5 ? ' is-long' : ''}`} data-metric={metricId}>
        {severity === null ? null : <span className={`breach-icon breach-icon--${severity}`} aria-hidden="true" />}
        {text}
        {severity === null ? null : <span className="visually-hidden">{t('severityPastThreshold', { severity })}</span>}
      </dd>
    </div>
  );
}

function MitigationBadge({ state }: { readonly state: QueueTile['mitigation']['state'] }) {
  switch (state) {
    case 'normal':
      return null;
    case 'paused':
      return <span className="tile-badge tile-badge--paused">{t('paused')}</span>;
    case 'custom_message':
      return <span className="tile-badge tile-badge--message">{t('highWaitMessage')}</span>;
    default:
      return assertNever(state, 'mitigation state');
  }
}

/** Reads its own queue from the global overview, so a diff re-renders only the queues it changed. */
const QueueFigures = memo(function QueueFigures({ queueId, title }: { readonly queueId: string; readonly title: string | undefined }) {
  const tile = useConsole((state) => state.overview.queues[queueId]);
  if (tile === undefined) return null;
  const breaches = breachesByMetric(tile.breaches);
  const worst = worstSeverity(tile.breaches);
  const hours = tileHours(tile);
  const closed = hours !== null && !hours.open;
  return (
    <article
      className={`queue-tile${worst === null ? '' : ` queue-tile--${worst}`}${closed ? ' queue-tile--closed' : ''}`}
      data-testid="queue-tile"
      data-queue-id={queueId}
      data-severity={worst ?? 'none'}
      data-open={hours === null ? undefined : String(hours.open)}
    >
      <header className="queue-tile__header">
        <h2 className="queue-tile__name">{title ?? tile.name}</h2>
        <div className="queue-tile__badges">
          <span className={`channel-badge channel-badge--${tile.channel}`}>{CHANNEL_LABELS[tile.channel]}</span>
          <MitigationBadge state={tile.mitigation.state} />
          {worst === null ? null : (
            <span className={`tile-badge tile-badge--${worst}`}>
              <span className={`breach-icon breach-icon--${worst}`} aria-hidden="true" />
              {worst === 'critical' ? t('critical') : t('warning')} · {breaches.size}
            </span>
          )}
        </div>
      </header>
      <HoursBadge hours={hours} timeZone={tile.timeZone} testId="tile-hours" />
      <ClosedPlate tile={tile} />
      {showsClosed(tile) ? null : (
        <dl className="queue-tile__hero">
          <Figure tile={tile} breaches={breaches} metricId="queued" label={t('queued')} size="hero" />
          <Figure tile={tile} breaches={breaches} metricId="longestWaitSec" label={t('longestWait')} size="hero" />
        </dl>
      )}
      <dl className="queue-tile__agents" aria-label={t('agents')}>
        <Figure tile={tile} breaches={breaches} metricId="agentsAvailable" label={t('available')} size="agent" />
        <Figure tile={tile} breaches={breaches} metricId="agentsBusy" label={t('busy')} size="agent" />
        <Figure tile={tile} breaches={breaches} metricId="agentsAway" label={t('away')} size="agent" />
      </dl>
      <dl className="queue-tile__stats">
        <Figure tile={tile} breaches={breaches} metricId="ahtNowSec" label={t('aht')} size="stat" />
        <Figure tile={tile} breaches={breaches} metricId="avgFirstResponseTimeSec" label={t('firstResponse')} size="stat" />
        <Figure tile={tile} breaches={breaches} metricId="serviceLevelPct" label={t('serviceLevel')} size="stat" />
        <Figure tile={tile} breaches={breaches} metricId="abandonRatePct" label={t('abandonRate')} size="stat" />
      </dl>
    </article>
  );
});

export const QueueBoardTile = memo(function QueueBoardTile({ tile }: { readonly tile: QueueBoardTileConfig }) {
  const present = useConsole((state) => state.overview.queues[tile.queueId] !== undefined);
  const loaded = useConsole((state) => state.overview.loaded);
  const asOf = useConsole((state) => state.overview.asOfTime);
  return (
    <TileFrame tileId={tile.tileId} kind="queue" placement={tile} title={present ? null : (tile.title ?? t('queue'))} asOf={asOf}>
      {present ? (
        <QueueFigures queueId={tile.queueId} title={tile.title} />
      ) : (
        <TileMessage>{loaded ? t('queueQueueidIsNot', { queueId: tile.queueId }) : t('waitingForTheFloor')}</TileMessage>
      )}
    </TileFrame>
  );
});
