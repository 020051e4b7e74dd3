/**
 * A queue group's tile on the live overview: the same figures as a queue tile, computed by the
 * core over the member queues, drawn so it cannot be mistaken for one queue ("Group · 3 queues",
 * a stacked frame, presets marked).
 */
import { memo, useRef } from 'react';
import type { BreachSeverity, QueueTile } from '../../../src-shared/api/live.js';
import type { MetricId } from '../../../src-shared/metrics/dictionary.js';
import { breachesByMetric, formatMetricValue, metricExplanation, worstSeverity } from '../../format/metric-format.js';
import { useConsole } from '../../hooks/store-context.js';
import { ClosedPlate, HoursBadge } from '../../components/hours-badge.js';
import { showsClosed, tileHours } from '../../format/hours-text.js';
import { ExplainFiguresButton, FigureButton } from '../../components/explain-figure.js';
import { explainLinks } from '../../shell/explain-links.js';
import { formatRoute } from '../../shell/router.js';
import { TILE_FIGURES } from './queue-tile-card.js';
import { EXPLAIN_KEY, onTileKeyDown } from './tile-keys.js';
import type { ConsoleState } from '../../store/console-store.js';
import { useT } from '../../i18n/translate.js';

const t = useT('live-overview');

/**
 * A group figure: its own button opening its explanation over the member queues, clicked with the
 * mouse; the keyboard reaches it through the tile's Explain (E on the tile's link, its one tab stop).
 */
/** One figure of a group tile as plain values, so a figure whose value did not change is not rendered again. */
interface GroupFigure {
  readonly groupId: string;
  readonly tileName: string;
  readonly timeZone: string;
  readonly metricId: MetricId;
  readonly value: number | null;
  readonly severity: BreachSeverity | null;
}

const GroupMetric = memo(function GroupMetric({ groupId, tileName, timeZone, metricId, value, label, severity, size }: GroupFigure & { readonly label: string; readonly size: 'hero' | 'stat' | 'agent' }) {
  const explanation = `${metricExplanation(metricId, severity)}\nOver the group's queues. Click for its inputs.`;
  const text = formatMetricValue(metricId, value);
  return (
    <div className={`metric metric--${size}${severity === null ? '' : ` is-${severity}`}`}>
      <dt className="metric__label">{label}</dt>
      <dd className={`metric__value${text.length > 5 ? ' is-long' : ''}`} data-metric={metricId}>
        <FigureButton scope={{ target: { kind: 'group', groupId }, links: explainLinks({ kind: 'group', groupId }), timeZone }} figure={{ metricId, value }} title={tileName} severity={severity} className="metric__link" tooltip={explanation} focusable={false}>
          {severity === null ? null : <span className={`breach-icon breach-icon--${severity}`} aria-hidden="true" />}
          {text}
          {severity === null ? null : <span className="visually-hidden">{t('severityPastThreshold', { severity })}</span>}
        </FigureButton>
      </dd>
    </div>
  );
});

/** "2 paused · 1 high-wait message" over the member queues, or null when all run normally. */
function mitigationSummary(state: ConsoleState, queueIds: readonly string[]): string | null {
  let paused = 0;
  let message = 0;
  for (const queueId of queueIds) {
    const mitigation = state.overview.queues[queueId]?.mitigation.state;
    if (mitigation === 'paused') paused += 1;
    else if (mitigation === 'custom_message') message += 1;
  }
  const parts = [paused > 0 ? `${paused} paused` : null, message > 0 ? `${message} high-wait message` : null].filter((part) => part !== null);
  return parts.length === 0 ? null : parts.join(' · ');
}

/** Member queue names as one line; a queue the overview does not hold (out of scope, not yet reported) shows its id. */
function memberNames(state: ConsoleState, queueIds: readonly string[]): string {
  return queueIds.map((queueId) => state.overview.queues[queueId]?.name ?? queueId).join(', ');
}

const channelLabels: Readonly<Record<QueueTile['channel'], string>> = { chat: 'Chat', voice: 'Voice' };

/** A group tile, memoised by tile id like the queue tiles. */
export const GroupTileCard = memo(function GroupTileCard({ tileId }: { readonly tileId: string }) {
  const tile = useConsole((state) => state.overview.queues[tileId]);
  const queueIds = tile?.group?.queueIds ?? [];
  const members = useConsole((state) => memberNames(state, queueIds));
  const mitigation = useConsole((state) => mitigationSummary(state, queueIds));
  const explainRef = useRef<HTMLButtonElement>(null);
  if (tile === undefined || tile.group === undefined) return null;
  const { groupId, preset } = tile.group;
  const breaches = breachesByMetric(tile.breaches);
  const worst = worstSeverity(tile.breaches);
  const figure = (metricId: MetricId): GroupFigure => ({ groupId, tileName: tile.name, timeZone: tile.timeZone, metricId, value: tile.metrics[metricId], severity: breaches.get(metricId) ?? null });
  const nameId = `group-name-${groupId}`;
  const count = tile.group.queueIds.length;
  const href = formatRoute({ view: 'queue', target: { kind: 'group', groupId }, tab: 'conversations', conversationId: null, agentId: null });
  const scope = { target: { kind: 'group', groupId } as const, links: explainLinks({ kind: 'group', groupId }), timeZone: tile.timeZone };
  return (
    <article
      className={`queue-tile group-tile${worst === null ? '' : ` queue-tile--${worst}`}${preset ? ' group-tile--preset' : ''}`}
      aria-labelledby={nameId}
      data-testid="group-tile"
      data-group-id={groupId}
      data-preset={preset}
      data-severity={worst ?? 'none'}
      onKeyDown={(event) => onTileKeyDown(event, explainRef)}
    >
      <header className="queue-tile__header">
        <h2 className="queue-tile__name" id={nameId} title={`${tile.name}: ${members}`}>
          <a className="group-tile__link" href={href} data-testid="group-tile-link" aria-keyshortcuts={EXPLAIN_KEY} title={t('openNameExplainKey', { name: tile.name, EXPLAIN_KEY })}>
            {tile.name}
          </a>
        </h2>
        <div className="queue-tile__badges">
          <span className="group-badge" data-testid="group-tile-kind">
            {t('groupOfQueues', { count })}
          </span>
          <span className={`channel-badge channel-badge--${tile.channel}`}>{channelLabels[tile.channel]}</span>
          {preset ? (
            <span className="preset-badge" title={t('organisationPresetVisibleTo')} data-testid="group-tile-preset">
              {t('organisationPreset')}
            </span>
          ) : null}
          <ExplainFiguresButton scope={scope} figures={TILE_FIGURES.map((metricId) => ({ metricId, value: tile.metrics[metricId] }))} title={tile.name} testId="tile-explain" focusable={false} buttonRef={explainRef} />
          {mitigation === null ? null : (
            <span className="tile-badge tile-badge--message" title={t('highQueueMitigationOn')} data-testid="group-tile-mitigation">
              {mitigation}
            </span>
          )}
        </div>
        <p className="group-tile__members" title={members}>
          {members}
        </p>
      </header>
      {/* A group is open while any of its queues is. */}
      <HoursBadge hours={tileHours(tile)} timeZone={tile.timeZone} testId="tile-hours" />
      <ClosedPlate tile={tile} />
      {showsClosed(tile) ? null : (
        <dl className="queue-tile__hero">
          <GroupMetric {...figure('queued')} label={t('queued')} size="hero" />
          <GroupMetric {...figure('longestWaitSec')} label={t('longestWait')} size="hero" />
        </dl>
      )}
      <dl className="queue-tile__agents" aria-label={t('agents')}>
        <GroupMetric {...figure('agentsAvailable')} label={t('available')} size="agent" />
        <GroupMetric {...figure('agentsBusy')} label={t('busy')} size="agent" />
        <GroupMetric {...figure('agentsAway')} label={t('away')} size="agent" />
      </dl>
      <dl className="queue-tile__stats">
        <GroupMetric {...figure('ahtNowSec')} label={t('aht')} size="stat" />
        <GroupMetric {...figure('avgFirstResponseTimeSec')} label={t('firstResponse')} size="stat" />
        <GroupMetric {...figure('serviceLevelPct')} label={t('serviceLevel')} size="stat" />
        <GroupMetric {...figure('abandonRatePct')} label={t('abandonRate')} size="stat" />
      </dl>
    </article>
  );
});
