/**
 * The Management area on real parts without a simulator: a real store in a temp dir, the core's
 * live floor fed explicit events (stored first, as the feed client does), and the real API service
 * with the real areas, so capability checks, the command ledger and the audit chain are the app's.
 * The feed here only records what it is sent and answers as the test says: the simulator's own
 * answers are asserted in management-commands.test.ts.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApiService, type ApiService } from '../../../../src-main/core/api/api-service.js';
import type { Session } from '../../../../src-main/core/api/session.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { createCoreContext } from '../../../../src-main/core/core-context.js';
import type { CommandOutcome } from '../../../../src-main/core/feed/feed-types.js';
import { createLiveFloor } from '../../../../src-main/core/floor-state/live-floor.js';
import type { LiveState } from '../../../../src-main/core/floor-state/state.js';
import { createLiveInsightsApi } from '../../../../src-main/core/live-insights/live-insights-api.js';
import { createStatusPublisher } from '../../../../src-main/core/live-views/status-publisher.js';
import { createManagementApi } from '../../../../src-main/core/management/management-api.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import type { AuditRecord } from '../../../../src-shared/api/live-insights.js';
import type { FloorEvent, FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { floorEventSchema } from '../../../../src-shared/protocol/events.js';
import type { FeedCommand } from '../../../../src-shared/protocol/frames.js';
import { LIVE_STREAM } from '../../../../src-shared/protocol/frames.js';
import { tempDir } from '../../../support/host-process.js';
import { apiAreas, quietFeed } from '../../../support/core-kit.js';

/** Monday 2026-03-09 10:00 UTC. */
export const T0 = Date.UTC(2026, 2, 9, 10, 0, 0);

export const ADMIN: Session = { userId: 'ada', displayName: 'Ada', role: 'admin', queueScope: null };
export const LEADER: Session = { userId: 'morgan', displayName: 'Morgan', role: 'wfm_leader', queueScope: null };
export const ORDERS_LEADER: Session = { userId: 'sam', displayName: 'Sam', role: 'wfm_leader', queueScope: ['q-orders'] };
export const STAKEHOLDER: Session = { userId: 'beth', displayName: 'Beth', role: 'business_stakeholder', queueScope: null };


export interface ManagementHarness {
  readonly api: ApiService;
  readonly store: Store;
  /** Commands the feed was sent, in order. */
  readonly sent: FeedCommand[];
  /** How the feed answers the next commands (default: applied). */
  answer(outcome: CommandOutcome): void;
  state(): LiveState;
  /** Stores and applies events as a feed batch. */
  ingest(inputs: readonly FloorEventInput[]): void;
  audit(): AuditRecord[];
  close(): Promise<void>;
}

export function managementHarness(): ManagementHarness {
  const dataDir = tempDir('management');
  const store = openStore({ path: join(dataDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  const floor = createLiveFloor({ store, floorClock: () => T0 });
  const sent: FeedCommand[] = [];
  let outcome: CommandOutcome = { ok: true };
  let seq = 0;
  const feed = quietFeed({
    sendCommand: (_commandId: string, command: FeedCommand) => {
      sent.push(command);
      return Promise.resolve(outcome);
    },
  });
  const context = createCoreContext({ store, dataDir, feed, floor });
  const live = createLiveInsightsApi(context);
  const api = createApiService({
    store,
    overview: live.overview,
    status: createStatusPublisher(feed),
    appVersion: 'test',
    areas: apiAreas({ live, management: createManagementApi(context, { now: () => T0 }) }),
  });
  return {
    api,
    store,
    sent,
    answer(next) {
      outcome = next;
    },
    state: () => floor.live(),
    ingest(inputs) {
      const events: FloorEvent[] = inputs.map((input) => floorEventSchema.parse({ ...input, seq: ++seq }));
      const last = events[events.length - 1];
      if (!last) return;
      store.ingestBatch({ stream: LIVE_STREAM, epoch: 'test', events, lastSeq: last.seq });
      floor.applyEvents(events);
    },
    audit: () => {
      const result = api.query(ADMIN, { type: 'audit.list', limit: 500 });
      if (!result.ok) throw new Error(result.error);
      return [...result.value];
    },
    async close() {
      await api.close();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const THRESHOLDS = { queuedLow: 4, queuedHigh: 8, longestWaitSec: 120, ahtSec: 600, firstResponseSec: 60, serviceLevelPct: 80, abandonRatePct: 5 };
export const OFFICE_HOURS = { windows: [1, 2, 3, 4, 5].map((day) => ({ day, openMinute: 8 * 60, closeMinute: 17 * 60 })), holidays: [] };

export function queue(queueId: string, name: string): FloorEventInput {
  return { type: 'queue.configured', time: T0, queueId, name, channel: 'chat', timeZone: 'Europe/London', serviceLevelTargetSec: 60, thresholds: THRESHOLDS, businessHours: OFFICE_HOURS, presetGroups: [] };
}

export function person(userId: string, name: string, fields: Partial<Extract<FloorEventInput, { type: 'user.profile' }>> = {}): FloorEventInput {
  return { type: 'user.profile', time: T0, userId, name, kind: 'agent', role: null, queueScope: null, teamId: 'team-a', teamName: 'Team A', location: 'Leeds', queueIds: [], slots: 2, ...fields };
}

/** Three queues, agents in and out of the Orders queue, supervisors with and without a scope. */
export function smallFloor(): FloorEventInput[] {
  return [
    queue('q-orders', 'Orders'),
    queue('q-billing', 'Billing'),
    queue('q-returns', 'Returns'),
    person('a-zoe', 'Zoë Ærø', { queueIds: ['q-orders'], teamId: 'team-north', teamName: 'North', location: 'Malmö', slots: 3 }),
    person('a-ines', 'Inès Müller', { queueIds: ['q-orders', 'q-billing'], teamId: 'team-north', teamName: 'North', location: 'Zürich' }),
    person('a-bob', 'Bob Stone', { queueIds: ['q-billing'], teamId: 'team-south', teamName: 'South', location: 'Leeds', slots: 1 }),
    person('s-olga', 'Olga Orders', { kind: 'supervisor', role: 'wfm_leader', queueScope: ['q-orders'], slots: 0 }),
    person('s-walt', 'Walt Wide', { kind: 'supervisor', role: 'wfm_leader', queueScope: null, slots: 0 }),
    person('s-ada', 'Ada Admin', { kind: 'supervisor', role: 'admin', queueScope: null, slots: 0 }),
    person('sam', 'Sam Okafor', { kind: 'supervisor', role: 'wfm_leader', queueScope: ['q-orders'], slots: 0 }),
    { type: 'agent.away_reasons', time: T0, reasons: ['Break', 'Lunch'] },
    { type: 'agent.login', time: T0, agentId: 'a-zoe', name: 'Zoë Ærø', teamId: 'team-north', teamName: 'North', location: 'Malmö', slots: 3, queueIds: ['q-orders'] },
    { type: 'agent.status', time: T0, agentId: 'a-zoe', kind: 'available', reason: '' },
    { type: 'agent.login', time: T0, agentId: 'a-bob', name: 'Bob Stone', teamId: 'team-south', teamName: 'South', location: 'Leeds', slots: 1, queueIds: ['q-billing'] },
    { type: 'agent.status', time: T0, agentId: 'a-bob', kind: 'away', reason: 'Lunch' },
  ];
}
