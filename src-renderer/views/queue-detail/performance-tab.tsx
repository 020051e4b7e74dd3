/**
 * The performance tab: "right now" or "since midnight" (the queue's zone), a channel filter, the
 * summary figures (each linked to the dictionary), mitigation, agents, teams and locations, and
 * customer feedback.
 */
import { useCallback, useRef, useState } from 'react';
import type { GroupStatsRow, PerformanceMessage, PerformancePeriod } from '../../../src-shared/api/live-insights.js';
import { METRIC_IDS, metricDefinition } from '../../../src-shared/metrics/dictionary.js';
import type { Channel } from '../../../src-shared/protocol/events.js';
import { assertNever } from '../../../src-shared/result.js';
import { useConsole } from '../../hooks/store-context.js';
import { useCan, useSubscription } from '../../hooks/use-api.js';
import { useCoreNow } from '../../hooks/use-core-now.js';
import { explainLinks } from '../../shell/explain-links.js';
import { formatRoute, navigate } from '../../shell/router.js';
import type { Route } from '../../shell/router.js';
import { coreNow } from '../../store/feed-slice.js';
import { AgentPanel } from '../../components/agent-panel.js';
import { DetailState } from './detail-states.js';
import { FeedbackPanel } from './feedback-panel.js';
import { MetricList } from './metric-list.js';
import { CHANNELS, channelFilter, estimateFloorNow, toggleChannel } from '../../components/performance-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

type QueueRoute = Extract<Route, { view: 'queue' }>;

const PERIOD_LABELS: Readonly<Record<PerformancePeriod, string>> = { now: 'Right now', today: 'Since midnight' };
const channelLabels: Readonly<Record<Channel, string>> = { chat: 'Chat', voice: 'Voice' };

const METRICS_BY_PERIOD: Readonly<Record<PerformancePeriod, readonly (typeof METRIC_IDS)[number][]>> = {
  now: METRIC_IDS.filter((metricId) => metricDefinition(metricId).period === 'now'),
  today: METRIC_IDS.filter((metricId) => metricDefinition(metricId).period === 'today'),
};

function MitigationNote({ mitigation }: { readonly mitigation: PerformanceMessage['mitigation'] }) {
  switch (mitigation.state) {
    case 'normal':
      return (
        <p className="mitigation-note" data-testid="performance-mitigation" data-state="normal">
          {t('highQueueMitigationOff')}
        </p>
      );
    case 'custom_message':
      return (
        <p className="mitigation-note mitigation-note--active" data-testid="performance-mitigation" data-state="custom_message">
          <span aria-hidden="true">▲ </span>{t('highQueueMitigationCustomers')}
          {mitigation.message === undefined ? '.' : `: “${mitigation.message}”`}
        </p>
      );
    case 'paused':
      return (
        <p className="mitigation-note mitigation-note--active" data-testid="performance-mitigation" data-state="paused">
          <span aria-hidden="true">■ </span>{t('highQueueMitigationQueue')}
        </p>
      );
    default:
      return assertNever(mitigation.state, 'mitigation state');
  }
}

function GroupStatsTable({ title, rows, testId }: { readonly title: string; readonly rows: readonly GroupStatsRow[]; readonly testId: string }) {
  return (
    <section className="panel detail-card" aria-label={title} data-testid={testId}>
      <h2 className="detail-section__title">{title}</h2>
      {rows.length === 0 ? (
        <p className="detail-muted">{t('nothingToShow')}</p>
      ) : (
        <div className="detail-table__scroller">
          <table className="detail-table" aria-label={title}>
            <thead>
              <tr>
                <th scope="col">{title === t('teams') ? t('team') : t('location')}</th>
                <th scope="col">{t('size')}</th>
                <th scope="col">{t('occupancy')}</th>
                <th scope="col">{t('available')}</th>
                <th scope="col">{t('busy')}</th>
                <th scope="col">{t('away')}</th>
                <th scope="col">{t('offline')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.name}>
                  <td>{row.name}</td>
                  <td className="numeric">{row.size}</td>
                  <td className="numeric">
                    <a href={formatRoute({ view: 'dictionary', metricId: 'occupancyNowPct' })} title={t('occupancySeeTheData')}>
                      {row.occupancyPct === null ? '–' : `${Math.round(row.occupancyPct)}%`}
                    </a>
                  </td>
                  <td className="numeric">{row.available}</td>
                  <td className="numeric">{row.busy}</td>
                  <td className="numeric">{row.away}</td>
                  <td className="numeric">{row.offline}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The tab; keyed by target in its parent. */
export function PerformanceTab({ route, timeZone, name }: { readonly route: QueueRoute; readonly timeZone: string; readonly name: string }) {
  const [period, setPeriod] = useState<PerformancePeriod>('now');
  const [channels, setChannels] = useState<readonly Channel[]>(CHANNELS);
  const [message, setMessage] = useState<PerformanceMessage | null>(null);
  const [receivedAt, setReceivedAt] = useState(0);
  const offset = useConsole((store) => store.feed.clockOffsetMs);
  const offsetRef = useRef(offset);
  offsetRef.current = offset;
  const canReadTranscripts = useCan('live.transcripts');
  const now = useCoreNow();

  const filter = channelFilter(channels);
  const error = useSubscription(
    { topic: 'live.performance', target: route.target, period, ...(filter === undefined ? {} : { channels: [...filter] }) },
    (next: PerformanceMessage) => {
      setReceivedAt(coreNow(Date.now(), offsetRef.current));
      setMessage(next);
    },
  );
  // A message of the previous period or filter must not be shown under the new one.
  const current = message !== null && message.period === period ? message : null;

  const onOpenAgent = useCallback((agentId: string) => navigate({ ...route, tab: 'conversations', agentId, conversationId: null }), [route]);
  const onOpenConversation = useCallback((conversationId: string) => navigate({ ...route, tab: 'conversations', conversationId }), [route]);
  const changePeriod = (next: PerformancePeriod): void => {
    if (next === period) return;
    setPeriod(next);
    setMessage(null);
  };
  const changeChannels = (channel: Channel): void => {
    setChannels((previous) => toggleChannel(previous, channel));
    setMessage(null);
  };

  return (
    <div className="performance-tab" data-testid="performance-tab" data-period={period} data-as-of-seq={current?.asOfSeq ?? undefined}>
      <div className="performance-tab__toolbar">
        <div className="segmented" role="group" aria-label={t('period')}>
          {(['now', 'today'] as const).map((value) => (
            <button key={value} type="button" className="segmented__option" aria-pressed={period === value} onClick={() => changePeriod(value)} data-testid={`period-${value}`}>
              {PERIOD_LABELS[value]}
            </button>
          ))}
        </div>
        <div className="segmented" role="group" aria-label={t('channels')}>
          {CHANNELS.map((channel) => (
            <button
              key={channel}
              type="button"
              className="segmented__option"
              aria-pressed={channels.includes(channel)}
              disabled={channels.length === 1 && channels.includes(channel)}
              title={channels.length === 1 && channels.includes(channel) ? t('atLeastOneChannel') : undefined}
              onClick={() => changeChannels(channel)}
              data-testid={`channel-filter-${channel}`}
            >
              <span aria-hidden="true">{channels.includes(channel) ? '☑ ' : '☐ '}</span>
              {channelLabels[channel]}
            </button>
          ))}
        </div>
        <span className="detail-muted">{period === 'today' ? t('sinceMidnightTimezone', { timeZone }) : t('currentStateOfThe')}</span>
        <a className="dictionary-link" href={formatRoute({ view: 'dictionary', metricId: null })} data-testid="dictionary-link">
          {t('dataDictionaryHowEach')}
        </a>
      </div>
      {current === null && error !== null ? (
        <DetailState kind="error" title={t('performanceCannotBeShown')} testId="performance-error">
          <p>{error}</p>
        </DetailState>
      ) : null}
      {current === null && error === null ? <DetailState kind="loading" title={t('loadingPerformance')} testId="performance-loading" /> : null}
      {current === null ? null : (
        <>
          {error === null ? null : (
            <p className="detail-inline-error" role="alert">
              {t('updatesStopped')}{error}
            </p>
          )}
          <section className="panel detail-card" aria-labelledby="summary-title">
            <h2 id="summary-title" className="detail-section__title">
              {t('summary')}{PERIOD_LABELS[period]}
            </h2>
            <MetricList metricIds={METRICS_BY_PERIOD[period]} metrics={current.metrics} breaches={current.breaches} label={t('summaryValue0', { value0: PERIOD_LABELS[period] })} testId="performance-metrics" scope={{ target: route.target, links: explainLinks(route.target), timeZone, ...(filter === undefined ? {} : { channels: [...filter] }) }} scopeName={name} />
            <MitigationNote mitigation={current.mitigation} />
          </section>
          <AgentPanel agents={current.agents} floorNow={estimateFloorNow(current.asOfTime, receivedAt, now)} onOpenAgent={onOpenAgent} periodLabel={period === 'now' ? 'now' : 'today'} explain={{ period, links: explainLinks(route.target), timeZone }} />
          <div className="performance-tab__pair">
            <GroupStatsTable title={t('teams')} rows={current.teams} testId="team-table" />
            <GroupStatsTable title={t('locations')} rows={current.locations} testId="location-table" />
          </div>
          <FeedbackPanel feedback={current.feedback} timeZone={timeZone} onOpenConversation={canReadTranscripts ? onOpenConversation : null} />
        </>
      )}
    </div>
  );
}
