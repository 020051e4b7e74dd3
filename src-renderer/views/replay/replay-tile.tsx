/**
 * One queue's tile as it was at the replayed moment: the live tile's figures and threshold colours
 * from a replay frame's tile, not from the live store, and no way into live actions from the past.
 */
import type { BreachSeverity, QueueTile } from '../../../src-shared/api/live.js';
import type { MetricId } from '../../../src-shared/metrics/dictionary.js';
import { ClosedPlate } from '../../components/hours-badge.js';
import { showsClosed } from '../../format/hours-text.js';
import { breachesByMetric, formatMetricValue, metricExplanation, worstSeverity } from '../../format/metric-format.js';
import { useT } from '../../i18n/translate.js';

const t = useT('replay');

const FIGURES: readonly { readonly metricId: MetricId; readonly label: string; readonly size: 'hero' | 'agent' | 'stat' }[] = [
  { metricId: 'queued', label: t('queued'), size: 'hero' },
  { metricId: 'longestWaitSec', label: t('longestWait'), size: 'hero' },
  { metricId: 'agentsAvailable', label: t('available'), size: 'agent' },
  { metricId: 'agentsBusy', label: t('busy'), size: 'agent' },
  { metricId: 'agentsAway', label: t('away'), size: 'agent' },
  { metricId: 'ahtNowSec', label: 'AHT', size: 'stat' },
  { metricId: 'avgFirstResponseTimeSec', label: t('firstResponse'), size: 'stat' },
  { metricId: 'serviceLevelPct', label: t('serviceLevel'), size: 'stat' },
  { metricId: 'abandonRatePct', label: t('abandonRate'), size: 'stat' },
];

function Figure({ tile, metricId, label, size, severity }: { readonly tile: QueueTile; readonly metricId: MetricId; readonly label: string; readonly size: string; readonly severity: BreachSeverity | null }) {
  const explanation = metricExplanation(metricId, severity);
  return (
    <div className={`metric metric--${size}${severity === null ? '' : ` is-${severity}`}`} title={explanation}>
      <dt className="metric__label">{label}</dt>
      <dd className="metric__value" data-metric={metricId}>
        {severity === null ? null : <span className={`breach-icon breach-icon--${severity}`} aria-hidden="true" />}
        {formatMetricValue(metricId, tile.metrics[metricId])}
        {severity === null ? null : <span className="visually-hidden">{t('severityPastThreshold', { severity })}</span>}
      </dd>
    </div>
  );
}

/** A replayed queue tile; its Details button opens the queue as it was. */
export function ReplayTile({ tile, onOpen }: { readonly tile: QueueTile; readonly onOpen: (queueId: string) => void }) {
  const breaches = breachesByMetric(tile.breaches);
  const worst = worstSeverity(tile.breaches);
  const nameId = `replay-queue-name-${tile.queueId}`;
  return (
    <article className={`queue-tile replay-tile${worst === null ? '' : ` queue-tile--${worst}`}`} aria-labelledby={nameId} data-testid="replay-tile" data-queue-id={tile.queueId} data-severity={worst ?? 'none'}>
      <header className="queue-tile__header">
        <h2 className="queue-tile__name" id={nameId}>
          {tile.name}
        </h2>
        <button type="button" className="button replay-tile__open" onClick={() => onOpen(tile.queueId)} aria-label={t('nameAgentsAndConversations', { name: tile.name })} data-testid="replay-tile-open">
          {t('details')}
        </button>
      </header>
      <ClosedPlate tile={tile} />
      {/* As on the live tile: a closed queue with nobody waiting shows CLOSED instead of its "now" figures. */}
      {(showsClosed(tile) ? (['agent', 'stat'] as const) : (['hero', 'agent', 'stat'] as const)).map((size) => (
        <dl key={size} className={size === 'hero' ? 'queue-tile__hero' : size === 'agent' ? 'queue-tile__agents' : 'queue-tile__stats'}>
          {FIGURES.filter((figure) => figure.size === size).map((figure) => (
            <Figure key={figure.metricId} tile={tile} metricId={figure.metricId} label={figure.label} size={figure.size} severity={breaches.get(figure.metricId) ?? null} />
          ))}
        </dl>
      ))}
    </article>
  );
}
