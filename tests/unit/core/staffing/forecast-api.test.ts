/**
 * The arrival forecast and group advice through the real API service over a real SQLite store and
 * live floor: the forecast averages the same weekdays the stored 15-minute rollups cover wholly,
 * scales them by today's arrivals so far, and gives the agents each interval needs; without a same
 * weekday it says so instead of forecasting zeros; a group's advice pools its queues.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiService, type ApiService } from '../../../../src-main/core/api/api-service.js';
import type { Session } from '../../../../src-main/core/api/session.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { createCoreContext } from '../../../../src-main/core/core-context.js';
import { createLiveFloor } from '../../../../src-main/core/floor-state/live-floor.js';
import { createLiveInsightsApi } from '../../../../src-main/core/live-insights/live-insights-api.js';
import { createStatusPublisher } from '../../../../src-main/core/live-views/status-publisher.js';
import { RATIO_PRIOR } from '../../../../src-main/core/staffing/forecast.js';
import { createStaffingApi } from '../../../../src-main/core/staffing/staffing-api.js';
import { openStore } from '../../../../src-main/core/store/store.js';
import type { ArrivalForecast } from '../../../../src-shared/api/staffing.js';
import type { FloorEvent, FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { floorEventSchema } from '../../../../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../../../../src-shared/protocol/frames.js';
import { requiredConcurrentAgents } from '../../../../src-shared/staffing/concurrency.js';
import { tempDir } from '../../../support/host-process.js';
import { apiAreas, quietFeed } from '../../../support/core-kit.js';

/** Monday 2026-03-09 11:00 UTC. */
const NOW = Date.UTC(2026, 2, 9, 11, 0, 0);
const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;
const DAY = 86_400_000;
const TODAY = Date.UTC(2026, 2, 9);

const ADMIN: Session = { userId: 'ada', displayName: 'Ada', role: 'admin', queueScope: null };
const SALES_ONLY: Session = { userId: 'sam', displayName: 'Sam', role: 'wfm_leader', queueScope: ['q-sales'] };


const THRESHOLDS = { queuedLow: 4, queuedHigh: 8, longestWaitSec: 120, ahtSec: 600, firstResponseSec: 60, serviceLevelPct: 80, abandonRatePct: 5 };

function queue(queueId: string, name: string, at: number, serviceLevelTargetSec = 20): FloorEventInput {
  return { type: 'queue.configured', time: at, queueId, name, channel: 'voice', timeZone: 'UTC', serviceLevelTargetSec, thresholds: THRESHOLDS, businessHours: { windows: [], holidays: [] }, presetGroups: ['preset-front'] };
}

function login(agentId: string, queueIds: string[], at: number): FloorEventInput[] {
  return [
    { type: 'agent.login', time: at, agentId, name: agentId, teamId: 't', teamName: 'T', location: 'Leeds', slots: 1, queueIds },
    { type: 'agent.status', time: at, agentId, kind: 'available', reason: '' },
  ];
}

let counter = 0;
/** A conversation queued, answered at once and finished after `handleS`. */
function handled(queueId: string, at: number, handleS = 120): FloorEventInput[] {
  const conversationId = `c${++counter}`;
  return [
    { type: 'conversation.created', time: at, conversationId, channel: 'voice', queueId, intent: 'order', customer: { customerId: `cu-${conversationId}` } },
    { type: 'conversation.queued', time: at, conversationId, queueId },
    { type: 'conversation.assigned', time: at, conversationId, queueId, agentId: 'a1' },
    { type: 'conversation.ended', time: at + handleS * 1000, conversationId, disposition: 'resolved' },
  ];
}

/** `perQuarter` arrivals in each quarter hour of [fromHour, toHour) of the day starting at `dayStart`. */
function arrivals(queueId: string, dayStart: number, fromHour: number, toHour: number, perQuarter: number): FloorEventInput[] {
  const events: FloorEventInput[] = [];
  for (let start = dayStart + fromHour * 3_600_000; start < dayStart + toHour * 3_600_000; start += QUARTER) {
    for (let index = 0; index < perQuarter; index += 1) events.push(...handled(queueId, start + index * MINUTE));
  }
  return events;
}

interface Harness {
  readonly api: ApiService;
  ingest(inputs: readonly FloorEventInput[]): void;
  close(): Promise<void>;
}

let open: Harness | undefined;

function harness(): Harness {
  const dataDir = tempDir('forecast');
  const store = openStore({ path: join(dataDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  const floor = createLiveFloor({ store, floorClock: () => NOW });
  const feed = quietFeed();
  const context = createCoreContext({ store, dataDir, feed, floor });
  const live = createLiveInsightsApi(context);
  const api = createApiService({
    store,
    overview: live.overview,
    status: createStatusPublisher(feed),
    appVersion: 'test',
    areas: apiAreas({ live, staffing: createStaffingApi(context) }),
  });
  let seq = 0;
  open = {
    api,
    ingest(inputs) {
      const sorted = [...inputs].sort((a, b) => a.time - b.time);
      const events: FloorEvent[] = sorted.map((input) => floorEventSchema.parse({ ...input, seq: ++seq }));
      const last = events[events.length - 1];
      if (!last) return;
      store.ingestBatch({ stream: LIVE_STREAM, epoch: 'test', events, lastSeq: last.seq });
      floor.applyEvents(events);
    },
    async close() {
      await api.close();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return open;
}

afterEach(async () => {
  await open?.close();
  open = undefined;
});

/** The cache from `since` on: the queues, an agent, and today's 09:00–11:00 at 6 arrivals a quarter hour. */
function floorSince(since: number): FloorEventInput[] {
  return [queue('q-sales', 'Sales', since), queue('q-support', 'Support', since, 30), ...login('a1', ['q-sales', 'q-support'], since), ...login('a2', ['q-support'], since), ...arrivals('q-sales', TODAY, 9, 11, 6)];
}

function forecastOf(api: ApiService, session: Session, queueId = 'q-sales'): ArrivalForecast {
  const result = api.query(session, { type: 'staffing.forecast', target: { kind: 'queue', queueId } });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function intervalAt(forecast: ArrivalForecast, start: number) {
  const interval = forecast.intervals.find((entry) => entry.start === start);
  if (interval === undefined) throw new Error(`no interval at ${new Date(start).toISOString()}`);
  return interval;
}

describe('staffing.forecast', () => {
  it('averages the Mondays the cache covers, scales them by today so far, and staffs each interval', () => {
    const { api, ingest } = harness();
    // Cached from Sunday 15 Feb (its first arrival, on another queue): three earlier Mondays, each
    // with 4 arrivals a quarter hour 09:00–12:00.
    const mondays = [TODAY - 7 * DAY, TODAY - 14 * DAY, TODAY - 21 * DAY];
    ingest([...floorSince(TODAY - 22 * DAY), ...handled('q-support', TODAY - 22 * DAY + 20 * 3_600_000), ...mondays.flatMap((monday) => arrivals('q-sales', monday, 9, 12, 4))]);

    const forecast = forecastOf(api, ADMIN);

    expect(forecast.weekday).toBe('Monday');
    expect(forecast.intervals).toHaveLength(96);
    expect(forecast.basis.value?.days).toEqual(['2026-03-02', '2026-02-23', '2026-02-16']);
    expect(forecast.basis.value?.actualSoFar).toBe(48);
    expect(forecast.basis.value?.averageSoFar).toBe(32);
    const ratio = (48 + RATIO_PRIOR) / (32 + RATIO_PRIOR);
    expect(forecast.basis.value?.ratio).toBeCloseTo(ratio, 12);
    // The actual curve so far, the mean over the day, the forecast from now on.
    expect(intervalAt(forecast, TODAY + 9 * 3_600_000)).toMatchObject({ actual: 6, average: 4, forecast: null, agentsNeeded: null });
    expect(intervalAt(forecast, TODAY + 8 * 3_600_000)).toMatchObject({ actual: 0, average: 0, forecast: null });
    const next = intervalAt(forecast, NOW);
    expect(next.actual).toBe(0);
    expect(next.forecast).toBeCloseTo(4 * ratio, 12);
    expect(forecast.handleTimeS).toEqual({ value: 120 });
    expect(forecast.handleTimeFrom).toBe('today');
    const expected = requiredConcurrentAgents({ trafficErlangs: (4 * ratio * 120) / 900, handleTimeS: 120, targetAnswerS: 20 }, { serviceLevel: 0.8 }, { slotsPerAgent: 1 });
    expect(next.agentsNeeded).toBe(expected?.agents);
    // After 12:00 the Mondays had no arrivals: a forecast of none needs no agent, and says so with 0.
    expect(intervalAt(forecast, TODAY + 13 * 3_600_000)).toMatchObject({ actual: null, average: 0, forecast: 0, agentsNeeded: 0 });
  });

  it('leaves out a Monday the cache only covers from mid-morning', () => {
    const { api, ingest } = harness();
    const partial = TODAY - 7 * DAY;
    ingest([...floorSince(partial + 10 * 3_600_000), ...arrivals('q-sales', partial, 10, 12, 4)]);

    const forecast = forecastOf(api, ADMIN);

    expect(forecast.basis).toEqual({ value: null, reason: 'No earlier Monday in the cache to forecast from' });
    expect(forecast.intervals.every((interval) => interval.forecast === null && interval.average === null && interval.agentsNeeded === null)).toBe(true);
    expect(intervalAt(forecast, TODAY + 10 * 3_600_000).actual).toBe(6);
  });

  it('says there is no earlier weekday rather than forecasting zeros, and takes the handle time from the weekdays when today has none', () => {
    const { api, ingest } = harness();
    ingest(floorSince(TODAY + 8 * 3_600_000));

    const forecast = forecastOf(api, ADMIN, 'q-support');

    expect(forecast.basis.reason).toBe('No earlier Monday in the cache to forecast from');
    expect(forecast.handleTimeS.value).toBeNull();
    expect(forecast.handleTimeFrom).toBeNull();
    // Covered from the floor's first stored arrival, 09:00 today: earlier intervals are unknown, later ones counted (none arrived).
    expect(intervalAt(forecast, TODAY + 7 * 3_600_000).actual).toBeNull();
    expect(intervalAt(forecast, TODAY + 9 * 3_600_000).actual).toBe(0);
  });

  it('answers only for the session’s queues', () => {
    const { api, ingest } = harness();
    ingest(floorSince(TODAY));

    expect(forecastOf(api, SALES_ONLY).targetId).toBe('q-sales');
    expect(api.query(SALES_ONLY, { type: 'staffing.forecast', target: { kind: 'queue', queueId: 'q-support' } })).toMatchObject({ ok: false });
  });
});

describe('staffing.groupAdvice', () => {
  it('pools the group’s queues: summed arrivals, each agent once, the strictest target', () => {
    const { api, ingest } = harness();
    ingest([...floorSince(TODAY), ...arrivals('q-support', TODAY, 10, 11, 2)]);

    const result = api.query(ADMIN, { type: 'staffing.groupAdvice', groupId: 'preset-front' });
    if (!result.ok) throw new Error(result.error);
    const sales = api.query(ADMIN, { type: 'staffing.advice', queueId: 'q-sales' });
    const support = api.query(ADMIN, { type: 'staffing.advice', queueId: 'q-support' });
    if (!sales.ok || !support.ok) throw new Error('advice expected');

    expect(result.value.queueId).toBe('preset-front');
    expect(result.value.inputs.arrivalsPerHour15.value).toBe((sales.value[0]?.inputs.arrivalsPerHour15.value ?? 0) + (support.value[0]?.inputs.arrivalsPerHour15.value ?? 0));
    // a1 serves both queues and counts once.
    expect(result.value.agentsLoggedIn).toBe(2);
    expect(result.value.inputs.targetAnswerS).toBe(20);
    expect(result.value.required.value?.agents).toBeGreaterThan(0);
  });

  it('forecasts a group from its queues’ rollups together', () => {
    const { api, ingest } = harness();
    ingest([...floorSince(TODAY - 8 * DAY), ...handled('q-sales', TODAY - 8 * DAY + 12 * 3_600_000), ...arrivals('q-sales', TODAY - 7 * DAY, 9, 12, 3), ...arrivals('q-support', TODAY - 7 * DAY, 9, 12, 1)]);

    const result = api.query(ADMIN, { type: 'staffing.forecast', target: { kind: 'group', groupId: 'preset-front' } });
    if (!result.ok) throw new Error(result.error);
    expect(result.value.basis.value?.days).toEqual(['2026-03-02']);
    expect(intervalAt(result.value, TODAY + 9 * 3_600_000).average).toBe(4);
  });

  it('refuses a group outside the session’s queues', () => {
    const { api, ingest } = harness();
    ingest(floorSince(TODAY));
    expect(api.query(ADMIN, { type: 'staffing.groupAdvice', groupId: 'no-such-group' })).toMatchObject({ ok: false });
  });
});
