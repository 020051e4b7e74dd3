/**
 * Floor replay on real parts: a real store in a temp dir, the core's live floor fed events that are
 * stored first (as the feed client does), the replay area recording checkpoints from the floor's
 * changes, and the real API service, so capability checks and scoping are the app's.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApiService, type ApiService } from '../../../../src-main/core/api/api-service.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { createCoreContext } from '../../../../src-main/core/core-context.js';
import { createLiveFloor } from '../../../../src-main/core/floor-state/live-floor.js';
import { createLiveInsightsApi } from '../../../../src-main/core/live-insights/live-insights-api.js';
import { createStatusPublisher } from '../../../../src-main/core/live-views/status-publisher.js';
import { createReplayApi } from '../../../../src-main/core/replay/replay-api.js';
import type { ReplayLog } from '../../../../src-main/core/replay/replay-log.js';
import type { ReplayRecorderOptions } from '../../../../src-main/core/replay/replay-recorder.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../../../../src-shared/protocol/frames.js';
import { tempDir } from '../../../support/host-process.js';
import { agentLogin, created, floorScript, queueConfigured } from '../floor-state/floor-script.js';
import { apiAreas, quietFeed } from '../../../support/core-kit.js';

/** Monday 2026-03-09 10:00 UTC. */
export const T0 = Date.UTC(2026, 2, 9, 10, 0, 0);
export const EPOCH = 'replay-test';


export interface ReplayHarness {
  readonly api: ApiService;
  readonly store: Store;
  readonly log: ReplayLog;
  /** Stores the events as one feed batch and applies them to the live floor. */
  ingest(events: readonly FloorEvent[], epoch?: string): void;
  /** A feed snapshot that opens a new epoch at `seq`, as after a feed restart. */
  snapshot(epoch: string, seq: number, events: readonly FloorEvent[]): void;
  /** Resolves when the checkpoints taken so far are written (they are written off the live path). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** The replay area over a fresh store; `now` is the floor clock of the live views. */
export function replayHarness(now: () => number, recording: ReplayRecorderOptions = {}): ReplayHarness {
  const dataDir = tempDir('replay');
  const store = openStore({ path: join(dataDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  const floor = createLiveFloor({ store, floorClock: now });
  const feed = quietFeed();
  const context = createCoreContext({ store, dataDir, feed, floor });
  const live = createLiveInsightsApi(context);
  const replay = createReplayApi(context, recording);
  const api = createApiService({
    store,
    overview: live.overview,
    status: createStatusPublisher(feed),
    appVersion: 'test',
    areas: apiAreas({ live, replay }),
  });
  return {
    api,
    store,
    log: replay.log,
    ingest(events, epoch = EPOCH) {
      const last = events[events.length - 1];
      if (!last) return;
      store.ingestBatch({ stream: LIVE_STREAM, epoch, events, lastSeq: last.seq });
      floor.applyEvents(events);
    },
    snapshot(epoch, seq, events) {
      store.applySnapshot({ stream: LIVE_STREAM, epoch, seq, events });
      floor.applySnapshot({ events, seq });
    },
    settled: () => replay.recorder.settled(),
    async close() {
      await api.close();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Ten minutes of a two-queue floor: agents log in, then a conversation every 9 s that is queued,
 * assigned after a wait that varies, and ended or abandoned; seqs follow time. Deterministic.
 */
export function tenMinutes(): FloorEvent[] {
  const script = floorScript();
  const at = (seconds: number): number => T0 + seconds * 1000;
  script.emit(at(0), queueConfigured('q-orders', { name: 'Orders', serviceLevelTargetSec: 20 }));
  script.emit(at(0), queueConfigured('q-billing', { name: 'Billing', serviceLevelTargetSec: 30 }));
  for (const [agentId, queueIds] of [['a1', ['q-orders']], ['a2', ['q-orders', 'q-billing']], ['a3', ['q-billing']]] as const) {
    script.emit(at(1), agentLogin(agentId, [...queueIds]));
    script.emit(at(1), { type: 'agent.status', agentId, kind: 'available', reason: '' });
  }
  for (let index = 0; index < 64; index += 1) {
    const start = 5 + index * 9;
    const conversationId = `c${index}`;
    const queueId = index % 3 === 0 ? 'q-billing' : 'q-orders';
    const agentId = queueId === 'q-billing' ? 'a3' : index % 2 === 0 ? 'a1' : 'a2';
    script.emit(at(start), created(conversationId, queueId));
    script.emit(at(start), { type: 'conversation.queued', conversationId, queueId });
    if (index % 7 === 3) {
      script.emit(at(start + 40), { type: 'conversation.abandoned', conversationId, queueId });
      continue;
    }
    script.emit(at(start + (index % 5) * 8), { type: 'conversation.assigned', conversationId, queueId, agentId });
    script.emit(at(start + (index % 5) * 8 + 1), { type: 'conversation.message', conversationId, messageId: `${conversationId}-m1`, sender: 'customer', kind: 'text', text: 'hello' });
    script.emit(at(start + 60 + index), { type: 'conversation.ended', conversationId, disposition: 'resolved' });
  }
  script.events.sort((a, b) => a.time - b.time || a.seq - b.seq);
  return script.events.map((event, index) => ({ ...event, seq: index + 1 }));
}
