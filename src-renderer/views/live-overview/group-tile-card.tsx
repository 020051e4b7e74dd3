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
function GroupMetric({ tile, metricId, label, severity, size }: { readonly tile: QueueTile; readonly metricId: MetricId; readonly label: string; readonly severity: BreachSeverity | null; readonly size: 'hero' | 'stat' | 'agent' }) {
  const explanation = `${metricExplanation(metricId, severity)}\nOver the group's queues. Click for its inputs.`;
  const text = formatMetricValue(metricId, tile.metrics[metricId]);
  const groupId = tile.group?.groupId ?? tile.queueId;
  return (
    <div className={`metric metric--${size}${severity === null ? '' : ` is-${severity}`}`}>
      <dt className="metric__label">{label}</dt>
      <dd className={`metric__value${text.length > 5 ? ' is-long' : ''}`} data-metric={metricId}>
        <FigureButton scope={{ target: { kind: 'group', groupId }, links: explainLinks({ kind: 'group', groupId }), timeZone: tile.timeZone }} figure={{ metricId, value: tile.metrics[metricId] }} title={tile.name} severity={severity} className="metric__link" tooltip={explanation} focusable={false}>
          {severity === null ? null : <span className={`breach-icon breach-icon--${severity}`} aria-hidden="true" />}
          {text}
          {severity === null ? null : <span className="visually-hidden">{t('severityPastThreshold', { severity })}</span>}
        </FigureButton>
      </dd>
    </div>
  );
}

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
  const severity = (metricId: MetricId): BreachSeverity | null => breaches.get(metricId) ?? null;
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
          <GroupMetric tile={tile} metricId="queued" label={t('queued')} severity={severity('queued')} size="hero" />
          <GroupMetric tile={tile} metricId="longestWaitSec" label={t('longestWait')} severity={severity('longestWaitSec')} size="hero" />
        </dl>
      )}
      <dl className="queue-tile__agents" aria-label={t('agents')}>
        <GroupMetric tile={tile} metricId="agentsAvailable" label={t('available')} severity={severity('agentsAvailable')} size="agent" />
        <GroupMetric tile={tile} metricId="agentsBusy" label={t('busy')} severity={severity('agentsBusy')} size="agent" />
        <GroupMetric tile={tile} metricId="agentsAway" label={t('away')} severity={severity('agentsAway')} size="agent" />
      </dl>
      <dl className="queue-tile__stats">
        <GroupMetric tile={tile} metricId="ahtNowSec" label={t('aht')} severity={severity('ahtNowSec')} size="stat" />
        <GroupMetric tile={tile} metricId="avgFirstResponseTimeSec" label={t('firstResponse')} severity={severity('avgFirstResponseTimeSec')} size="stat" />
        <GroupMetric tile={tile} metricId="serviceLevelPct" label={t('serviceLevel')} severity={severity('serviceLevelPct')} size="stat" />
        <GroupMetric tile={tile} metricId="abandonRatePct" label={t('abandonRate')} severity={severity('abandonRatePct')} size="stat" />
      </dl>
    </article>
  );
});
