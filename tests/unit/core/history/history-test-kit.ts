/**
 * The history area on real parts: a real store file in a temp dir filled through the store's
 * ingest, the real history API behind the real API service (so permission checks and refusals
 * read as the UI sees them), and a feed whose connection the test switches.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApiConnection } from '../../../../src-main/core/api/api-connection.js';
import { createApiService, type ApiAreas, type ApiService } from '../../../../src-main/core/api/api-service.js';
import type { Session } from '../../../../src-main/core/api/session.js';
import { createCoreContext, type CoreFeed } from '../../../../src-main/core/core-context.js';
import type { BackfillRequest } from '../../../../src-main/core/feed/feed-client.js';
import { createLiveFloor } from '../../../../src-main/core/floor-state/live-floor.js';
import { createHistoryApi, type HistoryApiOptions, type HistoryArea } from '../../../../src-main/core/history/history-api.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { PLAIN_OVERLAYS } from '../../../../src-main/core/live-views/live-source.js';
import { createOverviewPublisher } from '../../../../src-main/core/live-views/overview-publisher.js';
import { createStatusPublisher } from '../../../../src-main/core/live-views/status-publisher.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import type { ApiRequestInput, ServerMessage } from '../../../../src-shared/api/contract.js';
import type { ConnectionState, FeedStatus } from '../../../../src-shared/api/live.js';
import type { Result } from '../../../../src-shared/result.js';
import { floorEventSchema, type FloorEvent, type FloorEventInput } from '../../../../src-shared/protocol/events.js';
import type { FeedCommand } from '../../../../src-shared/protocol/frames.js';
import { HISTORY_STREAM } from '../../../../src-shared/protocol/frames.js';
import { tempDir } from '../../../support/host-process.js';

/** 2026-03-02 09:00 UTC. */
export const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
export const SECOND = 1_000;
export const MINUTE = 60_000;
export const DAY = 86_400_000;

export const ADMIN: Session = { userId: 'ann', displayName: 'Ann Supervisor', role: 'wfm_leader', queueScope: null };
export const SCOPED: Session = { userId: 'sam', displayName: 'Sam Outsourcer', role: 'wfm_leader', queueScope: ['q-sales'] };
export const WALLBOARD: Session = { userId: 'tv', displayName: 'TV', role: 'wallboard', queueScope: null };

export interface ConversationSpec {
  readonly id: string;
  readonly queueId?: string;
  readonly agentId?: string;
  readonly createdAt: number;
  readonly intent?: string;
  readonly customer?: { readonly customerId: string; readonly name?: string; readonly email?: string; readonly phone?: string };
  /** Seconds waited in the queue before assignment (or before abandoning). */
  readonly waitSec?: number;
  /** Messages: seconds after assignment, sender, text, kind. */
  readonly messages?: readonly (readonly [number, 'customer' | 'agent' | 'bot' | 'supervisor', string, ('text' | 'whisper' | 'note' | 'system')?])[];
  readonly handleSec?: number;
  readonly disposition?: 'resolved' | 'unresolved' | 'escalated' | 'transferred' | 'closed_by_supervisor';
  readonly csat?: number;
  readonly comment?: string;
  readonly abandoned?: boolean;
  /** Left open (no end). */
  readonly open?: boolean;
}

/** The events of one conversation as a feed would send them. */
export function conversationEvents(spec: ConversationSpec): FloorEventInput[] {
  const queueId = spec.queueId ?? 'q-sales';
  const agentId = spec.agentId ?? 'a-1';
  const queuedAt = spec.createdAt + 5 * SECOND;
  const assignedAt = queuedAt + (spec.waitSec ?? 30) * SECOND;
  const events: FloorEventInput[] = [
    {
      type: 'conversation.created',
      time: spec.createdAt,
      conversationId: spec.id,
      channel: queueId === 'q-voice' ? 'voice' : 'chat',
      queueId,
      intent: spec.intent ?? 'billing',
      customer: spec.customer ?? { customerId: `cu-${spec.id}` },
    },
    { type: 'conversation.queued', time: queuedAt, conversationId: spec.id, queueId },
  ];
  if (spec.abandoned) {
    events.push({ type: 'conversation.abandoned', time: assignedAt, conversationId: spec.id, queueId });
    return events;
  }
  events.push({ type: 'conversation.assigned', time: assignedAt, conversationId: spec.id, queueId, agentId });
  let index = 0;
  for (const [offset, sender, text, kind] of spec.messages ?? []) {
    index += 1;
    events.push({
      type: 'conversation.message',
      time: assignedAt + offset * SECOND,
      conversationId: spec.id,
      messageId: `${spec.id}-m${index}`,
      sender,
      kind: kind ?? 'text',
      text,
      ...(sender === 'customer' ? {} : { senderId: sender === 'agent' ? agentId : `${sender}-1` }),
    });
  }
  if (spec.open) return events;
  const endedAt = assignedAt + (spec.handleSec ?? 300) * SECOND;
  events.push({ type: 'conversation.ended', time: endedAt, conversationId: spec.id, disposition: spec.disposition ?? 'resolved' });
  if (spec.csat !== undefined) {
    events.push({ type: 'survey.answered', time: endedAt + MINUTE, conversationId: spec.id, queueId, agentId, rating: spec.csat, ...(spec.comment ? { comment: spec.comment } : {}) });
  }
  return events;
}

const thresholds = { queuedLow: 5, queuedHigh: 10, longestWaitSec: 120, ahtSec: 600, firstResponseSec: 60, serviceLevelPct: 80, abandonRatePct: 5 };
const businessHours = { windows: [{ day: 1, openMinute: 0, closeMinute: 1440 }], holidays: [] };

export function setupEvents(time: number): FloorEventInput[] {
  const queue = (queueId: string, name: string, channel: 'chat' | 'voice', timeZone: string): FloorEventInput => ({
    type: 'queue.configured',
    time,
    queueId,
    name,
    channel,
    timeZone,
    serviceLevelTargetSec: 60,
    thresholds,
    businessHours,
    presetGroups: [],
  });
  const agent = (agentId: string, name: string, teamId: string, teamName: string, queueIds: string[]): FloorEventInput => ({
    type: 'agent.login',
    time,
    agentId,
    name,
    teamId,
    teamName,
    location: 'Lyon',
    slots: 3,
    queueIds,
  });
  return [
    queue('q-sales', 'Sales', 'chat', 'Europe/Paris'),
    queue('q-support', 'Support', 'chat', 'America/New_York'),
    queue('q-voice', 'Phone', 'voice', 'UTC'),
    agent('a-1', 'Grace Hopper', 't-blue', 'Blue', ['q-sales']),
    agent('a-2', 'Alan Turing', 't-blue', 'Blue', ['q-sales', 'q-support']),
    agent('a-3', 'Katherine Johnson', 't-green', 'Green', ['q-support', 'q-voice']),
  ];
}

export interface FakeFeed {
  connection: ConnectionState;
  lastEventAt: number | null;
  readonly sent: { commandId: string; command: FeedCommand }[];
  readonly backfills: BackfillRequest[];
  /** What sendCommand answers; default: acknowledged. */
  answer: (command: FeedCommand) => { ok: boolean; reason?: string };
  /** Changes the connection and tells the status listeners, as the feed client does. */
  set(connection: ConnectionState): void;
  /** Changes the backfill's state and tells the status listeners. */
  setBackfill(state: FeedStatus['backfill']['state']): void;
}

export interface HistoryHarness {
  readonly api: ApiService;
  readonly area: HistoryArea;
  readonly store: Store;
  readonly dataDir: string;
  readonly feed: FakeFeed;
  /** Stores events on the history stream and passes them through the live floor's door, so the areas hear them. */
  ingest(inputs: readonly FloorEventInput[]): void;
  /** Stores events as one backfill frame and tells the feed's backfill listeners, as the feed client does (never the live floor). */
  backfill(inputs: readonly FloorEventInput[], options?: { readonly tell?: boolean }): void;
  setFloorTime(time: number): void;
  /** Sends one request through a real API connection (schema validation included) and waits for its answer. */
  ask(session: Session, request: ApiRequestInput): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export function historyHarness(
  options: { floorTime?: number; connection?: ConnectionState; background?: boolean; search?: Pick<HistoryApiOptions, 'searchWorkers' | 'searchDeadlineMs' | 'searchWorkerUrl' | 'clock'> } = {},
): HistoryHarness {
  const dataDir = tempDir('history');
  const store = openStore({ path: join(dataDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  let floorTime = options.floorTime ?? T0 + DAY;
  let seq = 0;
  const statusListeners = new Set<() => void>();
  let backfillState: FeedStatus['backfill']['state'] = 'idle';
  const backfillListeners = new Set<(events: readonly FloorEvent[]) => void>();
  const feed: FakeFeed = {
    connection: options.connection ?? 'reconnecting',
    lastEventAt: null,
    sent: [],
    backfills: [],
    answer: () => ({ ok: true }),
    set(connection) {
      feed.connection = connection;
      for (const listener of statusListeners) listener();
    },
    setBackfill(state) {
      backfillState = state;
      for (const listener of statusListeners) listener();
    },
  };
  const status = (): FeedStatus => ({
    now: floorTime,
    connection: feed.connection,
    feed: 'test',
    connectionSince: 0,
    lastFrameAt: null,
    lastEventAt: feed.lastEventAt,
    lastSeq: seq,
    reconnectAttempts: 0,
    nextRetryAt: null,
    lastError: null,
    counters: { framesReceived: 0, eventsIngested: 0, eventsDuplicate: 0, gaps: 0, rejects: {} },
    backfill: { state: backfillState, sentEvents: 0, totalEvents: 0 },
  });
  const coreFeed: CoreFeed = {
    auditAnchor: () => null,
    sendCommand: (commandId, command) => {
      feed.sent.push({ commandId, command });
      return Promise.resolve(feed.answer(command));
    },
    requestBackfill: (request) => feed.backfills.push(request),
    status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onBackfillEvents(listener) {
      backfillListeners.add(listener);
      return () => backfillListeners.delete(listener);
    },
  };
  const stored = (inputs: readonly FloorEventInput[]): FloorEvent[] => {
    const events: FloorEvent[] = inputs.map((input) => floorEventSchema.parse({ ...input, seq: ++seq }));
    const last = events[events.length - 1];
    if (last) store.ingestBatch({ stream: HISTORY_STREAM, epoch: 'test', events, lastSeq: last.seq });
    return events;
  };
  const floor = createLiveFloor({ store, floorClock: () => floorTime });
  const context = createCoreContext({ store, dataDir, feed: coreFeed, floor });
  const overview = createOverviewPublisher(floor, PLAIN_OVERLAYS, { minIntervalMs: 0, refreshMs: 3_600_000 });
  const area = createHistoryApi(context, { background: options.background ?? false, now: () => floorTime, ...options.search });
  const none = { queries: {}, topics: {}, commands: {} };
  const api = createApiService({
    store,
    overview,
    status: createStatusPublisher(coreFeed),
    appVersion: 'test',
    areas: { live: none as unknown as ApiAreas['live'], wallboard: none as unknown as ApiAreas['wallboard'], management: none as unknown as ApiAreas['management'], staffing: none as unknown as ApiAreas['staffing'], alerts: none as unknown as ApiAreas['alerts'], history: area },
  });
  return {
    api,
    area,
    store,
    dataDir,
    feed,
    ingest(inputs) {
      const events = stored(inputs);
      if (events.length > 0) floor.applyEvents(events);
    },
    backfill(inputs, options) {
      const events = stored(inputs);
      if (events.length > 0 && options?.tell !== false) for (const listener of backfillListeners) listener(events);
    },
    setFloorTime(time) {
      floorTime = time;
    },
    ask(session, request) {
      return new Promise((resolve) => {
        const connection = createApiConnection({
          api,
          session,
          send: (message: ServerMessage) => {
            if (message.kind !== 'response') return;
            connection.close();
            resolve(message.result);
          },
        });
        connection.receive({ kind: 'request', id: 1, request });
      });
    },
    async close() {
      await api.close();
      overview.close();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls a condition until it holds or the deadline passes (for background work with no event). */
export async function until(condition: () => boolean, what: string, deadlineMs = 5_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Polls an asynchronous condition (a search answered off the core's thread) until it holds or the deadline passes. */
export async function untilAsync(condition: () => Promise<boolean>, what: string, deadlineMs = 5_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The value of an ok result; fails the test with the error otherwise. */
export function value<T>(result: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string }): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

/** The error of a refused result. */
export function refusal(result: { readonly ok: boolean; readonly error?: string }): string {
  if (result.ok) throw new Error('expected a refusal, got ok');
  return result.error ?? '';
}
