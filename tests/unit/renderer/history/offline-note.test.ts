import { describe, expect, it } from 'vitest';
import type { FeedStatus } from '../../../../src-shared/api/live.js';
import { feedNotice, liveWaitingNoteDue, neverConnected } from '../../../../src-renderer/shell/offline-note.js';
import { staleNotice, staleSentence } from '../../../../src-renderer/store/freshness.js';

const T = Date.UTC(2025, 2, 14, 17, 2, 0);

function status(overrides: Partial<FeedStatus> = {}): FeedStatus {
  return {
    now: T,
    connection: 'reconnecting',
    feed: 'ws://127.0.0.1:9',
    connectionSince: T - 60_000,
    lastFrameAt: null,
    lastEventAt: null,
    lastSeq: 1234,
    reconnectAttempts: 3,
    nextRetryAt: T + 4_000,
    lastError: 'connect ECONNREFUSED 127.0.0.1:9',
    counters: { framesReceived: 0, eventsIngested: 0, eventsDuplicate: 0, gaps: 0, rejects: {} },
    backfill: { state: 'idle', sentEvents: 0, totalEvents: 0 },
    ...overrides,
  };
}

describe('neverConnected', () => {
  it('is an offline start: the link is up but nothing was heard from the feed', () => {
    expect(neverConnected('open', status())).toBe(true);
    expect(neverConnected('open', status({ lastFrameAt: T - 5_000 }))).toBe(false);
    expect(neverConnected('open', status({ connection: 'live', lastFrameAt: T }))).toBe(false);
    expect(neverConnected('closed', status())).toBe(false);
    expect(neverConnected('open', null)).toBe(false);
  });
});

describe('feedNotice', () => {
  const base = { link: 'open' as const, linkEverOpened: true, coreNowMs: T, timeZone: 'UTC' };

  it('says an offline start works from the cache, and how old the cache is', () => {
    const notice = feedNotice({ ...base, status: status(), asOf: null, cachedAt: T - 3 * 3_600_000 });
    expect(notice).not.toBeNull();
    if (notice === null) return;
    const sentence = staleSentence(notice);
    expect(sentence).toMatch(/offline/i);
    expect(sentence).toMatch(/cached data, last update 14:02:00 \(3 h old\)/);
    expect(sentence).not.toMatch(/lost/i);
    expect(notice.detail).toMatch(/attempt 3 · next attempt in 4 s · Last error: connect ECONNREFUSED/);
  });

  it('says so when there is no cache either', () => {
    const notice = feedNotice({ ...base, status: status(), asOf: null, cachedAt: null });
    expect(notice?.showing).toBe('nothing cached yet');
  });

  it('uses the newer of the cache and the floor position', () => {
    const notice = feedNotice({ ...base, status: status(), asOf: T - 60_000, cachedAt: T - 3_600_000 });
    expect(notice?.showing).toMatch(/\(1 min old\)/);
  });

  it('keeps the lost-connection wording once the feed had been heard', () => {
    const input = { ...base, status: status({ lastFrameAt: T - 10_000 }), asOf: T - 10_000, cachedAt: null };
    expect(feedNotice(input)).toEqual(staleNotice(input));
    expect(staleSentence(feedNotice(input) ?? { tone: 'ok', problem: '', showing: '', next: null, detail: null })).toMatch(/lost/);
  });

  it('is silent when live', () => {
    expect(feedNotice({ ...base, status: status({ connection: 'live', lastFrameAt: T }), asOf: T, cachedAt: null })).toBeNull();
  });
});

describe('liveWaitingNoteDue', () => {
  it('shows on live views when not live and nothing live is on screen', () => {
    expect(liveWaitingNoteDue('overview', status(), false, 0, true)).toBe(true);
    expect(liveWaitingNoteDue('queue', status(), true, 0, false)).toBe(true);
    expect(liveWaitingNoteDue('overview', status({ lastFrameAt: T }), true, 12, true)).toBe(true);
  });

  it('stays away on other views, when live, and when tiles from a live feed are still on screen', () => {
    expect(liveWaitingNoteDue('history', status(), false, 0, true)).toBe(false);
    expect(liveWaitingNoteDue('overview', status({ connection: 'live' }), false, 0, true)).toBe(false);
    expect(liveWaitingNoteDue('overview', status({ lastFrameAt: T }), true, 12, false)).toBe(false);
    expect(liveWaitingNoteDue('overview', null, false, 0, false)).toBe(false);
  });
});
