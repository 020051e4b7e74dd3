/**
 * Offline mode in words. A console that started with no reachable feed has never been live, so
 * "connection lost" would be wrong: it says it works offline from its cache and how old that
 * cache is. Live views, which have nothing live to show, point to the cached conversations.
 */
import type { FeedStatus } from '../../src-shared/api/live.js';
import type { LinkState } from '../client/console-client.js';
import { formatAge, formatClockTime, staleNotice, type StaleInput, type StaleNotice } from '../store/freshness.js';
import { formatRoute, type ViewId } from './router.js';
import { useT } from '../i18n/translate.js';

const t = useT('shell');

/** The feed has not been heard from since the console started (an offline start), as opposed to lost. */
export function neverConnected(link: LinkState, status: FeedStatus | null): boolean {
  return link === 'open' && status !== null && status.connection !== 'live' && status.lastFrameAt === null;
}

export interface FeedNoticeInput extends StaleInput {
  /** The newest event the local cache holds (history.cacheInfo), when known. */
  readonly cachedAt: number | null;
}

function retryDetail(status: FeedStatus, coreNowMs: number): string | null {
  const parts = [
    status.reconnectAttempts > 0 ? t('attempt', { attempt: String(status.reconnectAttempts) }) : null,
    status.nextRetryAt === null ? null : t('nextAttemptIn', { age: formatAge(Math.ceil(Math.max(0, status.nextRetryAt - coreNowMs) / 1000) * 1000) }),
    status.lastError === null ? null : t('lastError', { error: status.lastError }),
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/**
 * The banner's notice: for an offline start, "Working offline" with the cache's age; otherwise the
 * usual stale notice (connection lost, stopped...). Null when live.
 */
export function feedNotice(input: FeedNoticeInput): StaleNotice | null {
  const { link, status, coreNowMs, timeZone, cachedAt } = input;
  if (status === null || !neverConnected(link, status)) return staleNotice(input);
  const newest = [cachedAt, input.asOf].filter((value): value is number => value !== null && Number.isFinite(value));
  const asOf = newest.length === 0 ? null : Math.max(...newest);
  const showing =
    asOf === null
      ? t('nothingCached')
      : t('showingCached', { time: formatClockTime(asOf, coreNowMs, timeZone), age: formatAge(Math.max(0, coreNowMs - asOf)) });
  return {
    tone: 'warning',
    problem: t('workingOffline'),
    showing,
    next: status.connection === 'stopped' ? null : t('stillTrying'),
    detail: retryDetail(status, coreNowMs),
  };
}

/** Whether a live view should explain it is waiting for the feed: not live, and nothing live on screen. */
export function liveWaitingNoteDue(view: ViewId, status: FeedStatus | null, overviewLoaded: boolean, queueCount: number, neverHeard: boolean): boolean {
  if (view !== 'overview' && view !== 'queue') return false;
  if (status === null || status.connection === 'live') return false;
  return neverHeard || !overviewLoaded || queueCount === 0;
}

/**
 * The line under the banner on live views; the link is shown only to roles that may open
 * Conversations. Tiles rebuilt from the cache may be on screen: they are said to be the last known floor.
 */
export function OfflineNote({ canOpenHistory, cachedTiles }: { readonly canOpenHistory: boolean; readonly cachedTiles: boolean }) {
  return (
    <p className="stale-banner__detail offline-note" data-testid="offline-note">
      <strong>{t('waitingForFeed')}</strong>{' '}
      {cachedTiles ? t('tilesAsOfLast') : null}
      {canOpenHistory ? (
        <>
          {t('cachedUnder')}{' '}
          <a className="offline-note__link" href={formatRoute({ view: 'history', conversationId: null })} data-testid="offline-note-history">
            {t('navConversations')}
          </a>
          .
        </>
      ) : (
        t('liveFiguresSoon')
      )}
    </p>
  );
}
