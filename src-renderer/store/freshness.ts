/**
 * How fresh the data on screen is, and what to tell the viewer about it. Pure: the ticking clock
 * and the store are passed in.
 */
import type { FeedStatus } from '../../src-shared/api/live.js';
import { assertNever } from '../../src-shared/result.js';
import type { LinkState } from '../client/console-client.js';
import { formatDate, formatNumber, formatTime, pluralWord } from '../format/locale.js';
import { useT, type KeyOf } from '../i18n/translate.js';

const t = useT('shell');

export type ConnectionLabel = 'Live' | 'Connecting' | 'Reconnecting' | 'Stopped';

const CONNECTION_LABEL_KEYS: Readonly<Record<ConnectionLabel, KeyOf<'shell'>>> = {
  Live: 'connectionLive',
  Connecting: 'connectionConnecting',
  Reconnecting: 'connectionReconnecting',
  Stopped: 'connectionStopped',
};

/** The connection state in the locale's words; the label itself stays a stable value for code and tests. */
export function connectionLabelText(label: ConnectionLabel): string {
  return t(CONNECTION_LABEL_KEYS[label]);
}
export type Tone = 'ok' | 'warning' | 'critical';

export interface ConnectionDisplay {
  readonly label: ConnectionLabel;
  readonly tone: Tone;
}

/**
 * The feed state to show in the top bar. While the UI↔core link is down the core's view of the
 * feed is unknown to us, so the label speaks of our own reconnecting.
 */
export function connectionDisplay(link: LinkState, linkEverOpened: boolean, status: FeedStatus | null): ConnectionDisplay {
  if (link !== 'open') return linkEverOpened ? { label: 'Reconnecting', tone: 'critical' } : { label: 'Connecting', tone: 'warning' };
  if (status === null) return { label: 'Connecting', tone: 'warning' };
  switch (status.connection) {
    case 'live':
      return { label: 'Live', tone: 'ok' };
    case 'connecting':
      return { label: 'Connecting', tone: 'warning' };
    case 'reconnecting':
      return { label: 'Reconnecting', tone: 'critical' };
    case 'stopped':
      return { label: 'Stopped', tone: 'critical' };
    default:
      return assertNever(status.connection, 'connection state');
  }
}

/**
 * Whether what is on screen may be out of date: the UI↔core link dropped after it was up, or the
 * core reports its feed not live. Before anything was received the loading view speaks instead.
 */
export function isStale(link: LinkState, linkEverOpened: boolean, status: FeedStatus | null): boolean {
  if (link !== 'open') return linkEverOpened;
  return status !== null && status.connection !== 'live';
}

/**
 * The instant the data on screen was last known current (core clock): the newest of the core's
 * last word from the feed (events or heartbeats) and the overview's floor position.
 */
export function dataAsOf(status: FeedStatus | null, overviewAsOfTime: number | null): number | null {
  // 0 is "never" (an empty floor's last event time), not 1 January 1970: it read "updated 20790 d ago".
  const candidates = [status?.lastFrameAt ?? null, overviewAsOfTime].filter((value): value is number => value !== null && Number.isFinite(value) && value > 0);
  return candidates.length === 0 ? null : Math.max(...candidates);
}

/** Age of the data in ms on the core's clock; never negative (a feed clock slightly ahead is not "the future"). */
export function dataAgeMs(asOf: number | null, coreNowMs: number): number | null {
  return asOf === null ? null : Math.max(0, coreNowMs - asOf);
}

/** "5 s", "2 min 5 s", "1 h 4 min", "3 d 2 h": precise when recent, coarse when old. */
export function formatAge(ageMs: number): string {
  const totalSeconds = Math.max(0, Math.floor(ageMs / 1000));
  if (totalSeconds < 60) return t('ageSeconds', { s: totalSeconds });
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) {
    const seconds = totalSeconds % 60;
    return seconds === 0 ? t('ageMinutes', { min: totalMinutes }) : t('ageMinutesSeconds', { min: totalMinutes, s: seconds });
  }
  const totalHours = Math.floor(totalMinutes / 60);
  if (totalHours < 24) {
    const minutes = totalMinutes % 60;
    return minutes === 0 ? t('ageHours', { h: totalHours }) : t('ageHoursMinutes', { h: totalHours, min: minutes });
  }
  const hours = totalHours % 24;
  const days = Math.floor(totalHours / 24);
  return hours === 0 ? t('ageDays', { d: days }) : t('ageDaysHours', { d: days, h: hours });
}

/** The always-visible age line: "updated just now", "updated 12 s ago", "no data yet". */
export function describeAge(ageMs: number | null): string {
  if (ageMs === null) return t('noDataYet2');
  if (ageMs < 1000) return t('updatedJustNow');
  return t('updatedValue0Ago', { value0: formatAge(ageMs) });
}

/**
 * The top bar's age line: describeAge, except that with the feed not live and nothing known of
 * the data's age (a console started offline on a cache) it says so instead of "no data yet".
 */
export function topBarAge(status: FeedStatus | null, asOf: number | null, coreNowMs: number): string {
  if (asOf === null && status !== null && status.connection !== 'live') return t('dataAgeUnknown');
  return describeAge(dataAgeMs(asOf, coreNowMs));
}

/**
 * The top bar's queue count, or null to show none: while the overview has not loaded, and as
 * "queues unknown" when it is empty because the feed is not live (offline on a cache, the floor
 * is unknown, not empty).
 */
export function queueCountText(loaded: boolean, count: number, status: FeedStatus | null): { readonly number: string | null; readonly words: string } | null {
  if (!loaded) return null;
  if (count === 0 && status !== null && status.connection !== 'live') return { number: null, words: 'queues unknown' };
  return { number: formatNumber(count), words: pluralWord(count, { one: 'queue', other: 'queues' }) };
}

/** Wall-clock time of an instant for the viewer ("10:42:13"), with the date when it is not today. */
export function formatClockTime(epochMs: number, referenceMs: number, timeZone?: string): string {
  const time = formatTime(epochMs, timeZone, true);
  const day = formatDate(epochMs, timeZone);
  return day === formatDate(referenceMs, timeZone) ? time : `${day}, ${time}`;
}

export interface StaleNotice {
  readonly tone: Tone;
  /** What is wrong, stable while the outage lasts ("Feed connection lost"). */
  readonly problem: string;
  /** What is on screen and how old it is; changes every second. */
  readonly showing: string;
  /** What happens next ("Reconnecting…"), or null. */
  readonly next: string | null;
  readonly detail: string | null;
}

export interface StaleInput {
  readonly link: LinkState;
  readonly linkEverOpened: boolean;
  readonly status: FeedStatus | null;
  readonly asOf: number | null;
  readonly coreNowMs: number;
  readonly timeZone?: string;
}

/** The whole notice as one sentence, e.g. "Feed connection lost — showing data from 10:42:13 (2 min 5 s old). Reconnecting…". */
export function staleSentence(notice: StaleNotice): string {
  return `${notice.problem} — ${notice.showing}.${notice.next === null ? '' : ` ${notice.next}`}`;
}

function showing(asOf: number | null, coreNowMs: number, timeZone: string | undefined): string {
  if (asOf === null) return t('noDataReceivedYet');
  return t('showingDataFromValue0', { value0: formatClockTime(asOf, coreNowMs, timeZone), value1: formatAge(coreNowMs - asOf) });
}

/**
 * The banner to show when what is on screen may be out of date, or null when it is live.
 * Before the link ever opened there is nothing stale to warn about: the loading view says it.
 */
export function staleNotice(input: StaleInput): StaleNotice | null {
  const { link, linkEverOpened, status, asOf, coreNowMs, timeZone } = input;
  const shown = showing(asOf, coreNowMs, timeZone);
  if (link !== 'open') {
    if (!linkEverOpened) return null;
    return { tone: 'critical', problem: t('connectionToTheConsole'), showing: shown, next: t('reconnecting2'), detail: null };
  }
  if (status === null) return null;
  const lastError = status.lastError === null ? null : t('lastError', { error: status.lastError });
  switch (status.connection) {
    case 'live':
      return null;
    case 'connecting':
      return { tone: 'warning', problem: t('connectingToTheFeed'), showing: shown, next: null, detail: lastError };
    case 'reconnecting': {
      const attempts = status.reconnectAttempts > 0 ? `attempt ${status.reconnectAttempts}` : null;
      const retry = status.nextRetryAt === null ? null : t('nextAttemptIn', { age: formatAge(Math.ceil(Math.max(0, status.nextRetryAt - coreNowMs) / 1000) * 1000) });
      const detail = [attempts, retry, lastError].filter((part): part is string => part !== null).join(' · ');
      return { tone: 'critical', problem: t('feedConnectionLost'), showing: shown, next: t('reconnecting2'), detail: detail.length > 0 ? detail : null };
    }
    case 'stopped':
      return { tone: 'critical', problem: t('feedStopped'), showing: shown, next: null, detail: lastError };
    default:
      return assertNever(status.connection, 'connection state');
  }
}
