/**
 * Queue or group detail (docs/product.md §2): a header with the name, channel and mitigation state, the
 * supervisor actions of a queue, the conversations, performance and staffing tabs, and the live transcript
 * beside them when a conversation is open. Everything the view shows follows the route, so the
 * back button, reloads and links land on the same picture.
 */
import { useCallback, useMemo, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type { QueueTile } from '../../../src-shared/api/live.js';
import { assertNever } from '../../../src-shared/result.js';
import { useConsole } from '../../hooks/store-context.js';
import { useCan } from '../../hooks/use-api.js';
import { HoursBadge } from '../../components/hours-badge.js';
import { tileHours } from '../../format/hours-text.js';
import { formatRoute, navigate } from '../../shell/router.js';
import type { QueueTab, Route } from '../../shell/router.js';
import { QueueActions } from './actions/queue-actions.js';
import { ConversationsTab } from './conversations-tab.js';
import { PerformanceTab } from './performance-tab.js';
import { StaffingTab } from './staffing-tab.js';
import { TranscriptPanel } from './transcript-panel.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

type QueueRoute = Extract<Route, { view: 'queue' }>;

const TABS: readonly { readonly tab: QueueTab; readonly label: string }[] = [
  { tab: 'conversations', label: t('conversations') },
  { tab: 'performance', label: t('performance') },
  { tab: 'staffing', label: t('staffing') },
];

const channelLabels = { chat: 'Chat', voice: 'Voice' } as const;

/** The overview tile of the target: queue tiles by queue id, group tiles as `group:<groupId>`. */
export function tileIdOf(route: QueueRoute): string {
  return route.target.kind === 'queue' ? route.target.queueId : `group:${route.target.groupId}`;
}

function targetIdOf(route: QueueRoute): string {
  return route.target.kind === 'queue' ? route.target.queueId : route.target.groupId;
}

function MitigationBadge({ mitigation }: { readonly mitigation: QueueTile['mitigation'] }) {
  switch (mitigation.state) {
    case 'normal':
      return null;
    case 'paused':
      return (
        <span className="tile-badge tile-badge--paused" data-testid="detail-mitigation" data-state="paused" title={t('highQueueMitigationNo')}>
          {t('paused')}
        </span>
      );
    case 'custom_message':
      return (
        <span
          className="tile-badge tile-badge--message"
          data-testid="detail-mitigation"
          data-state="custom_message"
          title={mitigation.message === undefined ? t('customersSeeTheHigh') : t('customersSeeMessage', { message: mitigation.message })}
        >
          {t('highWaitMessage')}
        </span>
      );
    default:
      return assertNever(mitigation.state, 'mitigation state');
  }
}

function TabList({ route }: { readonly route: QueueRoute }) {
  const refs = useRef<Partial<Record<QueueTab, HTMLButtonElement | null>>>({});
  const select = (tab: QueueTab, focus: boolean): void => {
    if (tab !== route.tab) navigate({ ...route, tab });
    if (focus) refs.current[tab]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = TABS.findIndex((entry) => entry.tab === route.tab);
    const next =
      event.key === 'ArrowRight' ? TABS[(index + 1) % TABS.length] : event.key === 'ArrowLeft' ? TABS[(index - 1 + TABS.length) % TABS.length] : event.key === 'Home' ? TABS[0] : event.key === 'End' ? TABS[TABS.length - 1] : undefined;
    if (next === undefined) return;
    event.preventDefault();
    select(next.tab, true);
  };
  return (
    <div className="detail-tabs" role="tablist" aria-label={t('queueDetail')} onKeyDown={onKeyDown}>
      {TABS.map(({ tab, label }) => (
        <button
          key={tab}
          ref={(element) => {
            refs.current[tab] = element;
          }}
          type="button"
          role="tab"
          id={`detail-tab-${tab}`}
          aria-selected={route.tab === tab}
          aria-controls={`detail-panel-${tab}`}
          tabIndex={route.tab === tab ? 0 : -1}
          className="detail-tabs__tab"
          onClick={() => select(tab, false)}
          data-testid={`tab-${tab}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/** Time zones of the target's queues as one string, so the selector stays stable between overview diffs. */
function useZoneLookup(route: QueueRoute, fallbackZone: string): (queueId: string) => string {
  const tileId = tileIdOf(route);
  const encoded = useConsole((state) => {
    const tile = state.overview.queues[tileId];
    const queueIds = tile?.group?.queueIds ?? [targetIdOf(route)];
    return queueIds.map((queueId) => `${queueId}\u0000${state.overview.queues[queueId]?.timeZone ?? fallbackZone}`).join('\u0001');
  });
  return useMemo(() => {
    const zones = new Map(
      encoded
        .split('\u0001')
        .filter((pair) => pair.length > 0)
        .map((pair) => pair.split('\u0000') as [string, string]),
    );
    return (queueId: string) => zones.get(queueId) ?? fallbackZone;
  }, [encoded, fallbackZone]);
}

export function QueueDetailView({ route }: { readonly route: QueueRoute }) {
  const tileId = tileIdOf(route);
  const tile = useConsole((state) => state.overview.queues[tileId]);
  const overviewLoaded = useConsole((state) => state.overview.loaded);
  const canReadTranscripts = useCan('live.transcripts');
  const timeZone = tile?.timeZone ?? 'UTC';
  const timeZoneOf = useZoneLookup(route, timeZone);
  const targetKey = `${route.target.kind}:${targetIdOf(route)}`;
  const name = tile?.name ?? targetIdOf(route);
  const transcriptOpen = route.conversationId !== null && canReadTranscripts;
  const closeTranscript = useCallback(() => {
    const conversationId = route.conversationId;
    navigate({ ...route, conversationId: null });
    // Back to the row the transcript came from, so the keyboard user keeps their place.
    if (conversationId !== null) requestAnimationFrame(() => document.querySelector<HTMLElement>(`tr[data-conversation-id="${CSS.escape(conversationId)}"]`)?.focus());
  }, [route]);

  let tabBody;
  switch (route.tab) {
    case 'conversations':
      tabBody = <ConversationsTab key={targetKey} route={route} timeZoneOf={timeZoneOf} name={name} />;
      break;
    case 'performance':
      tabBody = <PerformanceTab key={targetKey} route={route} timeZone={timeZone} name={name} />;
      break;
    case 'staffing':
      tabBody = <StaffingTab key={targetKey} route={route} />;
      break;
    default:
      tabBody = assertNever(route.tab, 'queue tab');
  }

  return (
    <section className="queue-detail" aria-labelledby="queue-detail-title" data-testid="queue-detail" data-target={targetKey} data-tab={route.tab}>
      <header className="queue-detail__header">
        <div className="queue-detail__heading">
          <a className="queue-detail__back" href={formatRoute({ view: 'overview' })} data-testid="back-to-overview">
            {t('overview')}
          </a>
          <h1 id="queue-detail-title" className="queue-detail__title" data-testid="detail-title">
            {route.target.kind === 'group' ? <span className="queue-detail__kind">{t('group')}</span> : null}
            {name}
          </h1>
          <div className="queue-detail__badges">
            {tile === undefined ? null : (
              <span className={`channel-badge channel-badge--${tile.channel}`} data-testid="detail-channel">
                {channelLabels[tile.channel]}
              </span>
            )}
            {tile === undefined ? null : <MitigationBadge mitigation={tile.mitigation} />}
            {tile === undefined ? null : <HoursBadge hours={tileHours(tile)} timeZone={tile.timeZone} testId="detail-hours" />}
            <span className="detail-muted" title={t('timesOnThisPage')}>
              {timeZone}
            </span>
          </div>
          {tile === undefined && overviewLoaded ? (
            <p className="detail-inline-error" role="status" data-testid="detail-unknown-target">
              {route.target.kind === 'queue' ? t('thisQueue') : t('thisGroup')}{t('isNotOnThe')}
            </p>
          ) : null}
        </div>
        {route.target.kind === 'queue' ? (
          <div className="queue-detail__actions">
            <QueueActions queueId={route.target.queueId} />
          </div>
        ) : null}
      </header>
      <TabList route={route} />
      <div className={transcriptOpen ? 'queue-detail__body has-transcript' : 'queue-detail__body'}>
        <div className="queue-detail__tab" role="tabpanel" id={`detail-panel-${route.tab}`} aria-labelledby={`detail-tab-${route.tab}`}>
          {tabBody}
        </div>
        {transcriptOpen && route.conversationId !== null ? (
          <TranscriptPanel key={route.conversationId} conversationId={route.conversationId} timeZone={timeZone} onClose={closeTranscript} />
        ) : null}
      </div>
    </section>
  );
}
