/**
 * The staffing queries through the real API service over a real store and live floor: arrivals
 * are counted from the stored conversations in their windows, results are scoped to the session's
 * queues, and the what-if names the agents whose `agent.queues` would apply it.
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
import { createStaffingApi } from '../../../../src-main/core/staffing/staffing-api.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import type { FloorEvent, FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { floorEventSchema } from '../../../../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../../../../src-shared/protocol/frames.js';
import { tempDir } from '../../../support/host-process.js';
import { apiAreas, quietFeed } from '../../../support/core-kit.js';

/** Monday 2026-03-09 10:00 UTC: the stream begins here, and the advice is asked for at 11:00. */
const T0 = Date.UTC(2026, 2, 9, 10, 0, 0);
const NOW = T0 + 3_600_000;
const MINUTE = 60_000;

const ADMIN: Session = { userId: 'ada', displayName: 'Ada', role: 'admin', queueScope: null };
const SALES_ONLY: Session = { userId: 'sam', displayName: 'Sam', role: 'wfm_leader', queueScope: ['q-sales'] };


const THRESHOLDS = { queuedLow: 4, queuedHigh: 8, longestWaitSec: 120, ahtSec: 600, firstResponseSec: 60, serviceLevelPct: 80, abandonRatePct: 5 };

function queue(queueId: string, name: string): FloorEventInput {
  return { type: 'queue.configured', time: T0, queueId, name, channel: 'voice', timeZone: 'UTC', serviceLevelTargetSec: 20, thresholds: THRESHOLDS, businessHours: { windows: [], holidays: [] }, presetGroups: [] };
}

function login(agentId: string, queueIds: string[]): FloorEventInput[] {
  return [
    { type: 'agent.login', time: T0, agentId, name: agentId, teamId: 't', teamName: 'T', location: 'Leeds', slots: 1, queueIds },
    { type: 'agent.status', time: T0, agentId, kind: 'available', reason: '' },
  ];
}

/** A conversation answered at once and finished after `handleS`, created at `at`. */
function handled(conversationId: string, queueId: string, agentId: string, at: number, handleS: number): FloorEventInput[] {
  return [
    { type: 'conversation.created', time: at, conversationId, channel: 'voice', queueId, intent: 'order', customer: { customerId: `cu-${conversationId}` } },
    { type: 'conversation.assigned', time: at, conversationId, queueId, agentId },
    { type: 'conversation.ended', time: at + handleS * 1000, conversationId, disposition: 'resolved' },
  ];
}

interface Harness {
  readonly api: ApiService;
  readonly store: Store;
  ingest(inputs: readonly FloorEventInput[]): void;
  close(): Promise<void>;
}

let open: Harness | undefined;

function harness(): Harness {
  const dataDir = tempDir('staffing');
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
    store,
    ingest(inputs) {
      const events: FloorEvent[] = inputs.map((input) => floorEventSchema.parse({ ...input, seq: ++seq }));
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

/** Sales: 4 arrivals 15–30 min ago and 8 in the last 15 min (one created exactly 15 min ago), each handled in 120 s. */
function salesMorning(): FloorEventInput[] {
  const events: FloorEventInput[] = [queue('q-sales', 'Sales'), queue('q-support', 'Support'), ...login('a1', ['q-sales']), ...login('a2', ['q-sales']), ...login('a3', ['q-sales']), ...login('p1', ['q-support'])];
  // Too old for either window.
  events.push(...handled('old', 'q-sales', 'a1', NOW - 40 * MINUTE, 120));
  for (let index = 0; index < 4; index += 1) events.push(...handled(`prev${index}`, 'q-sales', 'a1', NOW - 29 * MINUTE + index * MINUTE, 120));
  for (let index = 0; index < 8; index += 1) events.push(...handled(`last${index}`, 'q-sales', 'a2', NOW - 15 * MINUTE + index * MINUTE, 120));
  return events.sort((a, b) => a.time - b.time);
}

describe('staffing queries', () => {
  it('advises from the stored arrivals in their windows and today’s handle time', () => {
    const { api, ingest } = harness();
    ingest(salesMorning());

    const result = api.query(ADMIN, { type: 'staffing.advice', queueId: 'q-sales' });
    if (!result.ok) throw new Error(result.error);
    const [sales] = result.value;
    expect(result.value).toHaveLength(1);
    expect(sales?.inputs.arrivalsPerHour15).toEqual({ value: 32 });
    expect(sales?.inputs.arrivalsPerHour30).toEqual({ value: 24 });
    expect(sales?.inputs.trendPerHourPerMin.value).toBeCloseTo((32 - 16) / 15, 9);
    expect(sales?.inputs.handleTimeS).toEqual({ value: 120 });
    expect(sales?.agentsAvailable).toBe(3);
    expect(sales?.required.value?.agents).toBeGreaterThan(0);
    expect(sales?.minutesToBreach.value).toBeGreaterThan(0);
  });

  it('answers only the session’s queues and refuses a what-if touching another', () => {
    const { api, ingest } = harness();
    ingest(salesMorning());

    const all = api.query(SALES_ONLY, { type: 'staffing.advice' });
    expect(all.ok && all.value.map((advice) => advice.queueId)).toEqual(['q-sales']);
    expect(api.query(SALES_ONLY, { type: 'staffing.advice', queueId: 'q-support' })).toMatchObject({ ok: false });
    expect(api.query(SALES_ONLY, { type: 'staffing.whatIf', fromQueueId: 'q-sales', toQueueId: 'q-support', agents: 1 })).toMatchObject({ ok: false });
    expect(api.query(SALES_ONLY, { type: 'staffing.capacityWhatIf', queueId: 'q-support', slots: 2 })).toEqual({ ok: false, error: 'Queue q-support is unknown or outside the queues you may see.' });
  });

  it('names the agents a move takes and both queues’ figures before and after', () => {
    const { api, ingest } = harness();
    ingest(salesMorning());

    const result = api.query(ADMIN, { type: 'staffing.whatIf', fromQueueId: 'q-sales', toQueueId: 'q-support', agents: 2 });
    if (!result.ok) throw new Error(result.error);
    expect(result.value.moves.map((move) => move.queueIdsAfter)).toEqual([['q-support'], ['q-support']]);
    expect(result.value.from.before.agentsAvailable - result.value.from.after.agentsAvailable).toBe(2);
    expect(result.value.to.after.agentsAvailable - result.value.to.before.agentsAvailable).toBe(2);
  });
});
