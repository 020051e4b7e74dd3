/**
 * What the core's area tests (and the replay bench) share to build a core without a feed: the
 * status of a feed that never connected, a feed that answers every command one way, and the
 * API service's areas with the ones a test does not need left empty.
 */
import type { ApiAreas } from '../../src-main/core/api/api-service.js';
import type { CoreFeed } from '../../src-main/core/core-context.js';
import type { FeedStatus } from '../../src-shared/api/live.js';

/** A feed that is live and has sent nothing yet. */
export const IDLE_FEED_STATUS: FeedStatus = {
  now: 0,
  connection: 'live',
  feed: 'test',
  connectionSince: 0,
  lastFrameAt: null,
  lastEventAt: null,
  lastSeq: 0,
  reconnectAttempts: 0,
  nextRetryAt: null,
  lastError: null,
  counters: { framesReceived: 0, eventsIngested: 0, eventsDuplicate: 0, gaps: 0, rejects: {} },
  backfill: { state: 'idle', sentEvents: 0, totalEvents: 0 },
};

/** How a quiet feed answers: every command (acked by default) and its fixed status (idle by default). */
export interface QuietFeedOptions {
  readonly sendCommand?: CoreFeed['sendCommand'];
  readonly status?: FeedStatus;
}

/** A feed with no socket: commands get one answer, the status never changes, nothing is backfilled. */
export function quietFeed(options: QuietFeedOptions = {}): CoreFeed {
  const status = options.status ?? IDLE_FEED_STATUS;
  return {
    sendCommand: options.sendCommand ?? (() => Promise.resolve({ ok: true as const })),
    auditAnchor: () => null,
    requestBackfill: () => undefined,
    status: () => status,
    onStatus: () => () => undefined,
  };
}

const EMPTY_AREA = { queries: {}, topics: {}, commands: {} };

/** The API service's areas: the given ones, every other required area empty (its requests unknown). */
export function apiAreas<T extends Partial<ApiAreas>>(present: T): ApiAreas & T {
  const empty = EMPTY_AREA as unknown;
  const required = {
    live: empty as ApiAreas['live'],
    history: empty as ApiAreas['history'],
    wallboard: empty as ApiAreas['wallboard'],
    management: empty as ApiAreas['management'],
    staffing: empty as ApiAreas['staffing'],
    alerts: empty as ApiAreas['alerts'],
  };
  return { ...required, ...present };
}
