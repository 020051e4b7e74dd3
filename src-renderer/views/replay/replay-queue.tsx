/**
 * One queue as it stood at the replayed moment (replay.queue): its own REPLAY band in the queue's
 * time zone, the current-queue figures, the agent panel and the conversation table, with a
 * conversation's transcript up to that moment beside it. The live agent panel and table take
 * plain data, so they are reused as they are (the agent panel read-only: no status changes in the
 * past); the transcript is a small replay list, since the live one is welded to its subscription.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MetricId } from '../../../src-shared/metrics/dictionary.js';
import type { ReplayQueueFrame, ReplayTranscript } from '../../../src-shared/api/replay.js';
import { breachesByMetric, formatMetricValue, metricExplanation } from '../../format/metric-format.js';
import { useClient } from '../../hooks/client-context.js';
import { AgentPanel } from '../../components/agent-panel.js';
import { ConversationsTable } from '../../components/conversations-table.js';
import { DEFAULT_CONVERSATION_SORT, formatClockTime, toggleSort, visibleColumns, visibleRows, type ConversationColumn, type SortState, type TimedRow } from '../../components/conversations-model.js';
import { formatReplayTime } from './replay-model.js';
import { useLatestAnswer } from './use-latest-answer.js';
import { useT } from '../../i18n/translate.js';

const t = useT('replay');

const PANEL_FIGURES: readonly { readonly metricId: MetricId; readonly label: string }[] = [
  { metricId: 'queued', label: t('queued') },
  { metricId: 'avgCurrentTimeInQueueSec', label: t('currentTimeInQueue') },
  { metricId: 'offered', label: t('offered') },
  { metricId: 'assigned', label: t('assigned') },
  { metricId: 'ahtNowSec', label: 'AHT' },
  { metricId: 'avgFirstResponseTimeSec', label: t('firstResponse') },
];

function ReplayPanel({ frame }: { readonly frame: ReplayQueueFrame }) {
  const breaches = breachesByMetric(frame.panel.breaches);
  return (
    <dl className="replay-queue__figures" aria-label={t('queuenameFiguresAsThey', { queueName: frame.queueName })} data-testid="replay-queue-figures">
      {PANEL_FIGURES.map(({ metricId, label }) => {
        const severity = breaches.get(metricId) ?? null;
        return (
          <div key={metricId} className={`metric metric--stat${severity === null ? '' : ` is-${severity}`}`} title={metricExplanation(metricId, severity)}>
            <dt className="metric__label">{label}</dt>
            <dd className="metric__value" data-metric={metricId}>
              {formatMetricValue(metricId, frame.panel.metrics[metricId])}
              {severity === null ? null : <span className="visually-hidden">{t('severityPastThreshold', { severity })}</span>}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function ReplayTranscriptList({ at, conversationId, timeZone, onClose }: { readonly at: number; readonly conversationId: string; readonly timeZone: string; readonly onClose: () => void }) {
  const client = useClient();
  const ask = useCallback((instant: number) => client.query({ type: 'replay.transcript', at: instant, conversationId }), [client, conversationId]);
  const { value, error, request } = useLatestAnswer<ReplayTranscript>(ask);
  useEffect(() => request(at), [at, request]);
  return (
    <section className="panel replay-transcript" aria-labelledby="replay-transcript-title" data-testid="replay-transcript">
      <div className="detail-card__top">
        <h3 id="replay-transcript-title" className="detail-section__title">
          {t('transcriptOf')}{conversationId}{t('upTo')}{formatReplayTime(at, timeZone)}
        </h3>
        <button type="button" className="button" onClick={onClose} data-testid="replay-transcript-close">
          {t('close')}
        </button>
      </div>
      {error === null ? null : <p role="alert">{error}</p>}
      {value === null ? null : (
        // Scrolls on its own, so it takes focus for the keyboard to scroll it.
        <ol className="replay-transcript__entries" aria-label={t('messagesAndEvents')} tabIndex={0}>
          {value.entries.length === 0 ? <li className="detail-muted">{t('nothingYetAtThis')}</li> : null}
          {value.entries.map((entry, index) => (
            <li key={entry.kind === 'message' ? entry.messageId : `${entry.event}-${index}`} className={`replay-transcript__entry replay-transcript__entry--${entry.kind === 'message' ? entry.sender : 'event'}`} data-testid="replay-transcript-entry">
              <time dateTime={new Date(entry.at).toISOString()}>{formatClockTime(entry.at, timeZone)}</time>{' '}
              {entry.kind === 'message' ? <strong>{entry.sender}: </strong> : null}
              {entry.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The replayed queue under the page's band; `at` is the replay clock. */
export function ReplayQueue({ at, queueId, onClose }: { readonly at: number; readonly queueId: string; readonly onClose: () => void }) {
  const client = useClient();
  const ask = useCallback((instant: number) => client.query({ type: 'replay.queue', at: instant, queueId }), [client, queueId]);
  const { value: frame, error, request } = useLatestAnswer<ReplayQueueFrame>(ask);
  const [sort, setSort] = useState<SortState>(DEFAULT_CONVERSATION_SORT);
  const [agentId, setAgentId] = useState<string | null>(null);
  const [conversationId, setConversationId] = useState<string | null>(null);
  useEffect(() => request(at), [at, request]);
  const timed = useMemo(() => new Map<string, TimedRow>((frame?.rows ?? []).map((row) => [row.conversationId, { row, receivedAt: frame?.at ?? 0 }])), [frame]);
  const rows = useMemo(() => visibleRows(timed, sort, agentId, frame?.at ?? 0), [timed, sort, agentId, frame]);
  const onSort = useCallback((column: ConversationColumn) => setSort((previous) => toggleSort(previous, column)), []);
  if (frame === null) return error === null ? null : <p role="alert">{error}</p>;
  const timeZone = frame.timeZone;
  return (
    <section className="replay-queue" aria-labelledby="replay-queue-title" data-testid="replay-queue" data-queue-id={queueId} data-at={frame.at}>
      <div className="replay-band replay-band--queue" data-testid="replay-queue-band">
        <span className="replay-band__label">{t('replay')}</span>
        <time className="replay-band__time" dateTime={new Date(frame.at).toISOString()}>
          {formatReplayTime(frame.at, timeZone)}
        </time>
        <h2 id="replay-queue-title" className="replay-band__note">
          {frame.queueName}{t('asItWas')}{timeZone}{t('notLive')}
        </h2>
        <button type="button" className="button" onClick={onClose} data-testid="replay-queue-close">
          {t('backToAllQueues')}
        </button>
      </div>
      {error === null ? null : <p role="alert">{error}</p>}
      <ReplayPanel frame={frame} />
      <AgentPanel agents={frame.agents} floorNow={frame.at} onOpenAgent={setAgentId} periodLabel={t('periodThen')} readOnly />
      <div className="replay-queue__conversations">
        <section aria-labelledby="replay-conversations-title">
          <h3 id="replay-conversations-title" className="detail-section__title">
            {t('conversations')}{agentId === null ? null : <button type="button" className="button" onClick={() => setAgentId(null)}>{t('showEveryAgent')}</button>}
          </h3>
          {rows.length === 0 ? (
            <p className="detail-muted" data-testid="replay-conversations-empty">{t('noConversationWasWith')}</p>
          ) : (
            <ConversationsTable
              rows={rows}
              columns={visibleColumns('queue')}
              sort={sort}
              onSort={onSort}
              now={frame.at}
              timeZoneOf={() => timeZone}
              selectedId={conversationId}
              canOpen
              onOpen={setConversationId}
              onFilterAgent={setAgentId}
              userId={null}
              asOfSeq={frame.seq}
              totalRows={frame.rows.length}
            />
          )}
        </section>
        {conversationId === null ? null : <ReplayTranscriptList at={frame.at} conversationId={conversationId} timeZone={timeZone} onClose={() => setConversationId(null)} />}
      </div>
    </section>
  );
}
