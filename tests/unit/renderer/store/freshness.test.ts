import { describe, expect, it } from 'vitest';
import type { FeedStatus } from '../../../../src-shared/api/live.js';
import { coreNow, receiveFeedStatus } from '../../../../src-renderer/store/feed-slice.js';
import {
  connectionDisplay,
  dataAgeMs,
  dataAsOf,
  describeAge,
  formatAge,
  formatClockTime,
  isStale,
  queueCountText,
  staleNotice,
  staleSentence,
  topBarAge,
} from '../../../../src-renderer/store/freshness.js';
import { initialLinkState, reduceLink } from '../../../../src-renderer/store/link-slice.js';

const T = Date.UTC(2025, 2, 14, 10, 42, 13);

function status(overrides: Partial<FeedStatus> = {}): FeedStatus {
  return {
    now: T,
    connection: 'live',
    feed: 'embedded simulator',
    connectionSince: T - 60_000,
    lastFrameAt: T - 500,
    lastEventAt: T - 500,
    lastSeq: 42,
    reconnectAttempts: 0,
    nextRetryAt: null,
    lastError: null,
    counters: { framesReceived: 1, eventsIngested: 1, eventsDuplicate: 0, gaps: 0, rejects: {} },
    backfill: { state: 'done', sentEvents: 0, totalEvents: 0 },
    ...overrides,
  };
}

describe('clock offset', () => {
  it('is the core clock minus the local clock at receipt, and maps local time back to core time', () => {
    const feed = receiveFeedStatus(status({ now: T }), T - 90_000);

    expect(feed.clockOffsetMs).toBe(90_000);
    expect(coreNow(T - 90_000 + 5_000, feed.clockOffsetMs)).toBe(T + 5_000);
  });

  it('is zero when the core sent no usable clock', () => {
    expect(receiveFeedStatus(status({ now: Number.NaN }), T).clockOffsetMs).toBe(0);
  });
});

describe('data age', () => {
  it('uses the newest of the last frame and the overview position', () => {
    expect(dataAsOf(status({ lastFrameAt: T - 5_000 }), T - 2_000)).toBe(T - 2_000);
    expect(dataAsOf(status({ lastFrameAt: T - 1_000 }), T - 2_000)).toBe(T - 1_000);
    expect(dataAsOf(status({ lastFrameAt: null }), null)).toBeNull();
    expect(dataAsOf(null, T)).toBe(T);
  });

  it('is measured on the core clock and never negative', () => {
    expect(dataAgeMs(T - 2_500, T)).toBe(2_500);
    expect(dataAgeMs(T + 800, T)).toBe(0);
    expect(dataAgeMs(null, T)).toBeNull();
  });

  it.each([
    [0, '0 s'],
    [2_900, '2 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [125_000, '2 min 5 s'],
    [3_600_000, '1 h'],
    [3_840_000, '1 h 4 min'],
    [86_400_000 * 3 + 7_200_000, '3 d 2 h'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });

  it('describes the age for the top bar', () => {
    expect(describeAge(null)).toBe('no data yet');
    expect(describeAge(400)).toBe('updated just now');
    expect(describeAge(2_000)).toBe('updated 2 s ago');
  });

  it('shows the clock time, with the date when it is not the same day', () => {
    expect(formatClockTime(T, T + 60_000, 'UTC')).toBe('10:42:13');
    expect(formatClockTime(T, T + 86_400_000, 'UTC')).toBe('14 Mar 2025, 10:42:13');
  });
});

describe('connection display', () => {
  it('follows the feed state while the link is open', () => {
    expect(connectionDisplay('open', true, status())).toEqual({ label: 'Live', tone: 'ok' });
    expect(connectionDisplay('open', true, status({ connection: 'reconnecting' })).label).toBe('Reconnecting');
    expect(connectionDisplay('open', true, status({ connection: 'connecting' })).label).toBe('Connecting');
    expect(connectionDisplay('open', true, status({ connection: 'stopped' })).label).toBe('Stopped');
    expect(connectionDisplay('open', true, null).label).toBe('Connecting');
  });

  it('speaks of the link when it is down: connecting at first, reconnecting after', () => {
    expect(connectionDisplay('connecting', false, null).label).toBe('Connecting');
    expect(connectionDisplay('closed', true, status()).label).toBe('Reconnecting');
  });
});

describe('staleness and the banner', () => {
  it('is not stale while live, nor before the link ever opened', () => {
    expect(isStale('open', true, status())).toBe(false);
    expect(isStale('connecting', false, null)).toBe(false);
    expect(staleNotice({ link: 'open', linkEverOpened: true, status: status(), asOf: T, coreNowMs: T })).toBeNull();
    expect(staleNotice({ link: 'closed', linkEverOpened: false, status: null, asOf: null, coreNowMs: T })).toBeNull();
  });

  it('says the feed is lost, what is shown and how old it is', () => {
    const notice = staleNotice({
      link: 'open',
      linkEverOpened: true,
      status: status({ connection: 'reconnecting', reconnectAttempts: 3, nextRetryAt: T + 125_000 + 2_200, lastError: 'ECONNREFUSED' }),
      asOf: T,
      coreNowMs: T + 125_000,
      timeZone: 'UTC',
    });

    expect(isStale('open', true, status({ connection: 'reconnecting' }))).toBe(true);
    expect(notice?.tone).toBe('critical');
    expect(notice && staleSentence(notice)).toBe('Feed connection lost — showing data from 10:42:13 (2 min 5 s old). Reconnecting…');
    expect(notice?.detail).toBe('attempt 3 · next attempt in 3 s · Last error: ECONNREFUSED');
  });

  it('says the link to the core is lost when it drops after being up', () => {
    const notice = staleNotice({ link: 'closed', linkEverOpened: true, status: status(), asOf: T, coreNowMs: T + 4_000, timeZone: 'UTC' });

    expect(isStale('closed', true, status())).toBe(true);
    expect(notice && staleSentence(notice)).toBe('Connection to the console lost — showing data from 10:42:13 (4 s old). Reconnecting…');
  });

  it('says when there is no data at all and when the feed was stopped', () => {
    const stopped = staleNotice({ link: 'open', linkEverOpened: true, status: status({ connection: 'stopped', lastError: 'token refused' }), asOf: null, coreNowMs: T });

    expect(stopped && staleSentence(stopped)).toBe('Feed stopped — no data received yet.');
    expect(stopped?.detail).toBe('Last error: token refused');
  });
});

describe('link slice', () => {
  it('remembers that the link was once open', () => {
    const opened = reduceLink(initialLinkState, 'open');
    const closed = reduceLink(opened, 'closed');

    expect(initialLinkState.everOpened).toBe(false);
    expect(closed).toEqual({ state: 'closed', everOpened: true });
    expect(reduceLink(closed, 'closed')).toBe(closed);
  });
});

describe('the top bar on a console started offline on an old cache', () => {
  it('never dates data to 1970: an empty floor\'s time 0 is "unknown", and it says so', () => {
    expect(dataAsOf(status({ connection: 'reconnecting', lastFrameAt: null }), 0)).toBeNull();
    expect(topBarAge(status({ connection: 'reconnecting', lastFrameAt: null }), null, T)).toBe('data age unknown');
    expect(topBarAge(status({ connection: 'reconnecting', lastFrameAt: null }), dataAsOf(status({ lastFrameAt: null }), 0), T)).not.toMatch(/\d+ d/u);
    expect(topBarAge(status(), T - 2_000, T)).toBe('updated 2 s ago');
    expect(topBarAge(null, null, T)).toBe('no data yet');
  });

  it('says the queues are unknown rather than "0 queues" when the feed is not live', () => {
    expect(queueCountText(true, 0, status({ connection: 'reconnecting' }))).toEqual({ number: null, words: 'queues unknown' });
    expect(queueCountText(true, 0, status())).toEqual({ number: '0', words: 'queues' });
    expect(queueCountText(true, 1, status())).toEqual({ number: '1', words: 'queue' });
    expect(queueCountText(true, 1_204, status())).toEqual({ number: '1,204', words: 'queues' });
    expect(queueCountText(false, 3, status())).toBeNull();
  });

  it("tells the cache's real age and its queues when offline on a populated cache", () => {
    const cache = { path: '/data/floorwatch.db', writeFault: null, recovery: null, contents: { lastEventAt: T - 3 * 3_600_000, queues: 12 } };
    const offline = status({ connection: 'reconnecting', lastFrameAt: null, cache });
    expect(dataAsOf(offline, 0)).toBe(T - 3 * 3_600_000);
    expect(topBarAge(offline, dataAsOf(offline, 0), T)).toBe('updated 3 h ago');
    expect(queueCountText(true, 0, offline)).toEqual({ number: '12', words: 'cached queues' });
    expect(queueCountText(true, 0, status({ connection: 'reconnecting', cache: { ...cache, contents: { lastEventAt: null, queues: 1 } } }))).toEqual({ number: '1', words: 'cached queue' });
    // An empty cache still says it does not know.
    const empty = status({ connection: 'reconnecting', lastFrameAt: null, cache: { ...cache, contents: { lastEventAt: null, queues: 0 } } });
    expect(topBarAge(empty, dataAsOf(empty, 0), T)).toBe('data age unknown');
    expect(queueCountText(true, 0, empty)).toEqual({ number: null, words: 'queues unknown' });
    // Live, the feed's own times speak; the cache does not make the data look older or newer.
    expect(dataAsOf(status({ cache }), null)).toBe(T - 500);
  });
});
