/**
 * One queue's tile on the live overview: readable from across the room, every number explained
 * by its tooltip, thresholds shown by colour and by shape and words.
 */
import { memo, useRef } from 'react';
import type { MouseEvent } from 'react';
import type { QueueTile } from '../../../src-shared/api/live.js';
import type { BreachSeverity } from '../../../src-shared/api/live.js';
import type { MetricId } from '../../../src-shared/metrics/dictionary.js';
import type { OverflowRule } from '../../../src-shared/protocol/events.js';
import { assertNever } from '../../../src-shared/result.js';
import { breachesByMetric, formatMetricValue, metricExplanation, partialDayNote, worstSeverity } from '../../format/metric-format.js';
import { useConsole } from '../../hooks/store-context.js';
import { showsClosed, tileHours } from '../../format/hours-text.js';
import { ClosedPlate, HoursBadge } from '../../components/hours-badge.js';
import { ExplainFiguresButton, FigureButton, type ExplainScope } from '../../components/explain-figure.js';
import { explainLinks } from '../../shell/explain-links.js';
import { formatRoute, navigate } from '../../shell/router.js';
import { EXPLAIN_KEY, onTileKeyDown } from './tile-keys.js';
import { useT } from '../../i18n/translate.js';

const t = useT('live-overview');

/** One figure of a tile as plain values, so a figure whose value did not change is not rendered again. */
interface TileFigure {
  readonly queueId: string;
  readonly tileName: string;
  readonly timeZone: string;
  readonly metricId: MetricId;
  readonly value: number | null;
  readonly severity: BreachSeverity | null;
}

interface MetricProps extends TileFigure {
  readonly label: string;
  readonly size: 'hero' | 'stat' | 'agent';
  readonly note?: string;
}

/** What a queue tile's figures describe, for their explanations. */
function tileScope(tile: Pick<QueueTile, 'queueId' | 'timeZone'>): ExplainScope {
  const target = { kind: 'queue', queueId: tile.queueId } as const;
  return { target, links: explainLinks(target), timeZone: tile.timeZone };
}

/** The figures a tile shows, in its order, for its one "Explain" control. */
export const TILE_FIGURES: readonly MetricId[] = ['queued', 'longestWaitSec', 'agentsAvailable', 'agentsBusy', 'agentsAway', 'ahtNowSec', 'avgFirstResponseTimeSec', 'serviceLevelPct', 'abandonRatePct'];

const Metric = memo(function Metric({ queueId, tileName, timeZone, metricId, value, label, severity, size, note }: MetricProps) {
  const explanation = note === undefined ? metricExplanation(metricId, severity) : `${metricExplanation(metricId, severity)}\n${note}`;
  const severityClass = severity === null ? '' : ` is-${severity}`;
  const text = formatMetricValue(metricId, value);
  // Hour-long waits ("1:02:03") get a smaller size so the tile keeps its layout.
  const lengthClass = text.length > 5 ? ' is-long' : '';
  return (
    <div className={`metric metric--${size}${severityClass}`} title={explanation}>
      <dt className="metric__label">{label}</dt>
      <dd className={`metric__value${lengthClass}`} data-metric={metricId} title={explanation}>
        {/* Out of the tab order: the tile's "Explain" button reaches every figure from the keyboard. */}
        <FigureButton scope={tileScope({ queueId, timeZone })} figure={{ metricId, value }} title={tileName} severity={severity} focusable={false}>
          {severity === null ? null : <span className={`breach-icon breach-icon--${severity}`} aria-hidden="true" />}
          {text}
          {severity === null ? null : <span className="visually-hidden">{t('severityPastThreshold', { severity })}</span>}
        </FigureButton>
      </dd>
    </div>
  );
});

function MitigationBadge({ tile }: { readonly tile: QueueTile }) {
  const { state, message } = tile.mitigation;
  switch (state) {
    case 'normal':
      return null;
    case 'paused':
      return (
        <span className="tile-badge tile-badge--paused" data-testid="mitigation" title={t('highQueueMitigationNo')}>
          {t('paused')}
        </span>
      );
    case 'custom_message':
      return (
        <span className="tile-badge tile-badge--message" data-testid="mitigation" title={message === undefined ? t('highQueueMitigationCustomers') : t('customersSeeMessage', { message })}>
          {t('highWaitMessage')}
        </span>
      );
    default:
      return assertNever(state, 'mitigation state');
  }
}

function BreachSummary({ tile }: { readonly tile: QueueTile }) {
  const worst = worstSeverity(tile.breaches);
  if (worst === null) return null;
  const count = breachesByMetric(tile.breaches).size;
  const words = t('metricsPastThreshold', { count });
  return (
    <span className={`tile-badge tile-badge--${worst}`} title={words}>
      <span className={`breach-icon breach-icon--${worst}`} aria-hidden="true" />
      {worst === 'critical' ? t('critical') : t('warning')} · {count}
      <span className="visually-hidden">{` (${words})`}</span>
    </span>
  );
}

const overflowWhen: Readonly<Record<OverflowRule['when'], string>> = {
  outside_business_hours: 'outside business hours',
  no_available_agents: 'when no agent is available',
};

function OverflowLine({ rule }: { readonly rule: OverflowRule }) {
  const targetName = useConsole((state) => state.overview.queues[rule.targetQueueId]?.name ?? rule.targetQueueId);
  return (
    <li className="tile-overflow__rule">
      {t('overflowTo')}<strong>{targetName}</strong> {overflowWhen[rule.when]}
    </li>
  );
}

const channelLabels: Readonly<Record<QueueTile['channel'], string>> = { chat: 'Chat', voice: 'Voice' };

/** Opens the queue's detail on a click anywhere on the tile (the keyboard has its link); links and buttons inside keep their own meaning. */
function openDetail(queueId: string, event: MouseEvent<HTMLElement>): void {
  if (event.target instanceof Element && event.target.closest('a, button') !== null) return;
  navigate({ view: 'queue', target: { kind: 'queue', queueId }, tab: 'conversations', conversationId: null, agentId: null });
}

/** A queue tile. Memoised by queue id and reading its own tile, so a diff re-renders only the tiles it changed. */
export const QueueTileCard = memo(function QueueTileCard({ queueId }: { readonly queueId: string }) {
  const tile = useConsole((state) => state.overview.queues[queueId]);
  const explainRef = useRef<HTMLButtonElement>(null);
  if (tile === undefined) return null;
  const breaches = breachesByMetric(tile.breaches);
  const worst = worstSeverity(tile.breaches);
  const figure = (metricId: MetricId): TileFigure => ({ queueId, tileName: tile.name, timeZone: tile.timeZone, metricId, value: tile.metrics[metricId], severity: breaches.get(metricId) ?? null });
  const nameId = `queue-name-${queueId}`;
  const frame = worst === null ? '' : ` queue-tile--${worst}`;
  const mitigation = tile.mitigation.state === 'normal' ? '' : ` queue-tile--mitigated`;
  const partialDay = partialDayNote(tile);
  const hours = tileHours(tile);
  return (
    <article
      className={`queue-tile queue-tile--link${frame}${mitigation}${hours !== null && !hours.open ? ' queue-tile--closed' : ''}`}
      aria-labelledby={nameId}
      data-testid="queue-tile"
      data-queue-id={queueId}
      data-severity={worst ?? 'none'}
      data-open={hours === null ? undefined : String(hours.open)}
      onClick={(event) => openDetail(queueId, event)}
      onKeyDown={(event) => onTileKeyDown(event, explainRef)}
    >
      <header className="queue-tile__header">
        <h2 className="queue-tile__name" id={nameId} title={`${tile.name} (${tile.queueId}) · ${tile.timeZone}`}>
          <a className="queue-tile__link" href={formatRoute({ view: 'queue', target: { kind: 'queue', queueId }, tab: 'conversations', conversationId: null, agentId: null })} data-testid="queue-tile-link" aria-keyshortcuts={EXPLAIN_KEY} title={t('openNameExplainKey', { name: tile.name, EXPLAIN_KEY })}>
            {tile.name}
          </a>
        </h2>
        <div className="queue-tile__badges">
          <span className={`channel-badge channel-badge--${tile.channel}`}>{channelLabels[tile.channel]}</span>
          <MitigationBadge tile={tile} />
          <BreachSummary tile={tile} />
          <ExplainFiguresButton scope={tileScope(tile)} figures={TILE_FIGURES.map((metricId) => ({ metricId, value: tile.metrics[metricId] }))} title={tile.name} testId="tile-explain" focusable={false} buttonRef={explainRef} />
        </div>
      </header>
      <HoursBadge hours={hours} timeZone={tile.timeZone} testId="tile-hours" />
      <ClosedPlate tile={tile} />
      {showsClosed(tile) ? null : (
        <dl className="queue-tile__hero">
          <Metric {...figure('queued')} label={t('queued')} size="hero" />
          <Metric {...figure('longestWaitSec')} label={t('longestWait')} size="hero" />
        </dl>
      )}
      <dl className="queue-tile__agents" aria-label={t('agents')}>
        <Metric {...figure('agentsAvailable')} label={t('available')} size="agent" />
        <Metric {...figure('agentsBusy')} label={t('busy')} size="agent" />
        <Metric {...figure('agentsAway')} label={t('away')} size="agent" />
      </dl>
      <dl className="queue-tile__stats">
        <Metric {...figure('ahtNowSec')} label={t('aht')} size="stat" />
        <Metric {...figure('avgFirstResponseTimeSec')} label={t('firstResponse')} size="stat" />
        <Metric
          {...figure('serviceLevelPct')}
          label={t('serviceLevel')}
          size="stat"
          note={[`This queue's target: answered within ${tile.serviceLevelTargetSec} s.`, partialDay?.explanation].filter(Boolean).join('\n')}
        />
        <Metric {...figure('abandonRatePct')} label={t('abandonRate')} size="stat" note={partialDay?.explanation} />
      </dl>
      {partialDay === null ? null : (
        <p className="queue-tile__partial" data-testid="partial-day" title={partialDay.explanation}>
          {t('todaySince')}{partialDay.since}
        </p>
      )}
      {tile.overflowRules.length === 0 ? null : (
        <ul className="tile-overflow" aria-label={t('overflowRules')}>
          {tile.overflowRules.map((rule) => (
            <OverflowLine key={rule.ruleId} rule={rule} />
          ))}
        </ul>
      )}
    </article>
  );
});
