/**
 * The live views on real parts without a feed: a real store in a temp dir, the core's live floor
 * fed explicit events through its one door (stored first, as the feed client does), and the views
 * API (overview included) over a CoreContext built as the core builds it.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Session } from '../../../../src-main/core/api/session.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { createCommandLedger } from '../../../../src-main/core/api/command-ledger.js';
import { createCoreContext } from '../../../../src-main/core/core-context.js';
import { createLiveFloor } from '../../../../src-main/core/floor-state/live-floor.js';
import type { LiveState } from '../../../../src-main/core/floor-state/state.js';
import { createViewsApi, type ViewsApi } from '../../../../src-main/core/live-insights/views-api.js';
import type { OverviewPublisher } from '../../../../src-main/core/live-views/overview-publisher.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../../../../src-shared/protocol/frames.js';
import { tempDir } from '../../../support/host-process.js';

export const ANN: Session = { userId: 'ann', displayName: 'Ann', role: 'wfm_leader', queueScope: null };
export const BOB: Session = { userId: 'bob', displayName: 'Bob', role: 'wfm_leader', queueScope: null };


export interface ViewsHarness {
  readonly api: ViewsApi;
  readonly store: Store;
  readonly overview: OverviewPublisher;
  readonly dataDir: string;
  state(): LiveState;
  /** Floor time the views compute against. */
  setFloorTime(time: number): void;
  /** Stores the events and applies them, then tells the listeners, as the core does with a feed batch. */
  apply(events: readonly FloorEvent[]): void;
  close(): Promise<void>;
}

export function viewsHarness(options: { floorTime: number; now?: () => number; refreshMs?: number }): ViewsHarness {
  const dataDir = tempDir('views');
  const store = openStore({ path: join(dataDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  let floorTime = options.floorTime;
  const floor = createLiveFloor({ store, floorClock: () => floorTime });
  const context = createCoreContext({
    store,
    dataDir,
    floor,
    feed: quietFeed({ sendCommand: () => Promise.resolve({ ok: false, reason: 'no feed in this test' } as never) }),
  });
  const views = createViewsApi(context, { now: options.now, pacing: { minIntervalMs: 0, refreshMs: options.refreshMs ?? 3_600_000 } });
  // Commands go through the command ledger, as the API service sends them.
  const api: ViewsApi = { ...views, commands: store.repository((connection) => createCommandLedger(connection, { now: options.now })).guard(views.commands) };
  return {
    api,
    store,
    overview: api.overview,
    dataDir,
    state: () => floor.live(),
    setFloorTime(time) {
      floorTime = time;
    },
    apply(events) {
      const last = events[events.length - 1];
      if (!last) return;
      store.ingestBatch({ stream: LIVE_STREAM, epoch: 'test', events, lastSeq: last.seq });
      floor.applyEvents(events);
    },
    async close() {
      await api.close?.();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Collects a topic's pushes so a test can wait on them. */
export function recorder<M>(): { readonly messages: M[]; readonly listener: (message: M) => void; last(): M | undefined } {
  const messages: M[] = [];
  return { messages, listener: (message) => messages.push(message), last: () => messages[messages.length - 1] };
}

export { atSeconds, floorScript, queueConfigured, THRESHOLDS } from '../floor-state/floor-script.js';
import { agentLogin, floorScript, queueConfigured, type FloorScript, type ScriptEvent } from '../floor-state/floor-script.js';
import { quietFeed } from '../../../support/core-kit.js';

type QueueConfigured = Extract<ScriptEvent, { type: 'queue.configured' }>;
type AgentLogin = Extract<ScriptEvent, { type: 'agent.login' }>;

function preset(event: ScriptEvent, presetGroups: string[]): QueueConfigured {
  return { ...(event as QueueConfigured), presetGroups };
}

export const T0 = Date.UTC(2024, 2, 5, 12);
/** Floor time `seconds` after T0. */
export const at = (seconds: number): number => T0 + seconds * 1000;

/**
 * A small floor: Billing and Sales (chat, preset "preset-chat"), Phone (voice); Sales and Phone
 * also share "preset-mixed", which mixes channels. Agent a1 holds c1 in Billing (a customer
 * message unanswered since 20 s), a2 holds c2 in Sales, c3 waits in Billing.
 */
export function smallFloor(): FloorScript {
  const script = floorScript();
  script.emit(at(0), preset(queueConfigured('q-billing', { name: 'Billing' }), ['preset-chat']));
  script.emit(at(0), preset(queueConfigured('q-sales', { name: 'Sales' }), ['preset-chat', 'preset-mixed']));
  script.emit(at(0), preset(queueConfigured('q-phone', { name: 'Phone', channel: 'voice' }), ['preset-mixed']));
  script.emit(at(0), agentLogin('a1', ['q-billing'], 2));
  script.emit(at(0), { type: 'agent.status', agentId: 'a1', kind: 'available', reason: 'Ready' });
  script.emit(at(0), { ...(agentLogin('a2', ['q-sales'], 1) as AgentLogin), teamId: 'team-2', teamName: 'Team 2', location: 'York' });
  script.emit(at(0), { type: 'agent.status', agentId: 'a2', kind: 'available', reason: 'Ready' });
  script.emit(at(0), agentLogin('a3', ['q-phone'], 1));
  script.emit(at(1), { type: 'conversation.created', conversationId: 'c1', queueId: 'q-billing', channel: 'chat', intent: 'billing', customer: { customerId: 'cust-1' } });
  script.emit(at(1), { type: 'conversation.queued', conversationId: 'c1', queueId: 'q-billing' });
  script.emit(at(10), { type: 'conversation.assigned', conversationId: 'c1', queueId: 'q-billing', agentId: 'a1' });
  script.emit(at(12), { type: 'conversation.message', conversationId: 'c1', messageId: 'm1', sender: 'agent', senderId: 'a1', kind: 'text', text: 'Hello, how can I help?' });
  script.emit(at(20), { type: 'conversation.message', conversationId: 'c1', messageId: 'm2', sender: 'customer', kind: 'text', text: 'My bill is wrong' });
  script.emit(at(2), { type: 'conversation.created', conversationId: 'c2', queueId: 'q-sales', channel: 'chat', intent: 'new plan', customer: { customerId: 'cust-2' } });
  script.emit(at(2), { type: 'conversation.queued', conversationId: 'c2', queueId: 'q-sales' });
  script.emit(at(5), { type: 'conversation.assigned', conversationId: 'c2', queueId: 'q-sales', agentId: 'a2' });
  script.emit(at(21), { type: 'conversation.created', conversationId: 'c3', queueId: 'q-billing', channel: 'chat', intent: 'refund', customer: { customerId: 'cust-3' } });
  script.emit(at(21), { type: 'conversation.queued', conversationId: 'c3', queueId: 'q-billing' });
  return script;
}
