/** A small hand-built floor, real SQLite files in a temp dir, and helpers shared by the store tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { floorEventSchema, type FloorEvent, type FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { AREA_LOCAL_TABLES, AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { openStore, type Store, type StoreOptions } from '../../../../src-main/core/store/store.js';

/** 2025-01-06 09:00:00 UTC, on a 15-minute boundary. */
export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;

/** Numbers events from `firstSeq` and validates them with the protocol schema, as ingest would receive them. */
export function sequence(inputs: readonly FloorEventInput[], firstSeq = 1): FloorEvent[] {
  return inputs.map((input, index) => floorEventSchema.parse({ ...input, seq: firstSeq + index }));
}

const thresholds = { queuedLow: 5, queuedHigh: 10, longestWaitSec: 120, ahtSec: 600, firstResponseSec: 60, serviceLevelPct: 80, abandonRatePct: 5 };
const businessHours = { windows: [{ day: 1, openMinute: 480, closeMinute: 1080 }], holidays: ['2025-12-25'] };

export function queueConfigured(queueId: string, time: number, channel: 'chat' | 'voice' = 'chat'): FloorEventInput {
  return {
    type: 'queue.configured',
    time,
    queueId,
    name: `Queue ${queueId}`,
    channel,
    timeZone: 'Europe/Paris',
    serviceLevelTargetSec: channel === 'chat' ? 60 : 20,
    thresholds,
    businessHours,
    presetGroups: ['g-europe'],
  };
}

export function conversationCreated(conversationId: string, queueId: string, time: number): FloorEventInput {
  return {
    type: 'conversation.created',
    time,
    conversationId,
    channel: 'chat',
    queueId,
    intent: 'delivery',
    customer: { customerId: `cu-${conversationId}`, name: 'Ada Lovelace', email: 'ada@example.com', phone: '+33 1 23 45 67 89' },
  };
}

export function message(conversationId: string, messageId: string, time: number, text: string, sender: 'customer' | 'agent' | 'bot' | 'supervisor' = 'customer', kind: 'text' | 'whisper' | 'note' | 'system' = 'text'): FloorEventInput {
  return { type: 'conversation.message', time, conversationId, messageId, sender, kind, text, ...(sender === 'customer' ? {} : { senderId: `${sender}-1` }) };
}

/**
 * One of everything: two queues, two agents, a conversation that is queued, assigned, messaged,
 * flagged, ended and surveyed; one abandoned; one transferred and taken over; queue and agent changes.
 */
export function floorStory(): FloorEvent[] {
  return sequence([
    queueConfigured('q-sales', T0),
    queueConfigured('q-support', T0, 'voice'),
    { type: 'agent.login', time: T0, agentId: 'a-1', name: 'Grace Hopper', teamId: 't-1', teamName: 'Blue', location: 'Lyon', slots: 3, queueIds: ['q-sales'] },
    { type: 'agent.status', time: T0, agentId: 'a-1', kind: 'available', reason: 'ready' },
    { type: 'agent.login', time: T0, agentId: 'a-2', name: 'Alan Turing', teamId: 't-1', teamName: 'Blue', location: 'Paris', slots: 2, queueIds: ['q-sales'] },
    { type: 'agent.status', time: T0, agentId: 'a-2', kind: 'available', reason: 'ready' },
    conversationCreated('c-1', 'q-sales', T0),
    { type: 'conversation.queued', time: T0 + 10 * SECOND, conversationId: 'c-1', queueId: 'q-sales' },
    { type: 'conversation.assigned', time: T0 + 40 * SECOND, conversationId: 'c-1', queueId: 'q-sales', agentId: 'a-1' },
    message('c-1', 'm-1', T0 + 50 * SECOND, 'My parcel never arrived'),
    message('c-1', 'm-2', T0 + 70 * SECOND, 'Sorry to hear that, let me check the tracking number', 'agent'),
    message('c-1', 'm-3', T0 + 80 * SECOND, 'Offer a refund voucher', 'supervisor', 'whisper'),
    { type: 'conversation.delivery_failed', time: T0 + 81 * SECOND, conversationId: 'c-1', messageId: 'm-2', reason: 'channel closed' },
    { type: 'conversation.flagged', time: T0 + 90 * SECOND, conversationId: 'c-1', flag: 'high_effort' },
    { type: 'conversation.ended', time: T0 + 5 * MINUTE, conversationId: 'c-1', disposition: 'resolved' },
    { type: 'survey.answered', time: T0 + 6 * MINUTE, conversationId: 'c-1', queueId: 'q-sales', agentId: 'a-1', rating: 5, comment: 'Quick and kind' },
    conversationCreated('c-2', 'q-sales', T0 + 1 * MINUTE),
    { type: 'conversation.queued', time: T0 + 1 * MINUTE, conversationId: 'c-2', queueId: 'q-sales' },
    { type: 'conversation.abandoned', time: T0 + 16 * MINUTE, conversationId: 'c-2', queueId: 'q-sales' },
    conversationCreated('c-3', 'q-sales', T0 + 2 * MINUTE),
    { type: 'conversation.queued', time: T0 + 2 * MINUTE, conversationId: 'c-3', queueId: 'q-sales' },
    { type: 'conversation.assigned', time: T0 + 3 * MINUTE, conversationId: 'c-3', queueId: 'q-sales', agentId: 'a-2' },
    { type: 'conversation.transferred', time: T0 + 4 * MINUTE, conversationId: 'c-3', fromQueueId: 'q-sales', toQueueId: 'q-support', fromAgentId: 'a-2' },
    { type: 'conversation.queued', time: T0 + 4 * MINUTE, conversationId: 'c-3', queueId: 'q-support' },
    { type: 'conversation.assigned', time: T0 + 5 * MINUTE, conversationId: 'c-3', queueId: 'q-support', agentId: 'a-1' },
    { type: 'conversation.taken_over', time: T0 + 7 * MINUTE, conversationId: 'c-3', supervisorId: 'sup-1', fromAgentId: 'a-1' },
    { type: 'queue.mitigation', time: T0 + 8 * MINUTE, queueId: 'q-sales', state: 'paused', message: 'We are very busy' },
    { type: 'queue.overflow_rules', time: T0 + 8 * MINUTE, queueId: 'q-sales', rules: [{ ruleId: 'r-1', when: 'no_available_agents', targetQueueId: 'q-support' }] },
    { type: 'queue.estimated_wait', time: T0 + 8 * MINUTE, queueId: 'q-sales', seconds: 120 },
    { type: 'agent.capacity', time: T0 + 9 * MINUTE, agentId: 'a-1', slots: 4 },
    { type: 'agent.queues', time: T0 + 9 * MINUTE, agentId: 'a-1', queueIds: ['q-sales', 'q-support'] },
    { type: 'agent.status', time: T0 + 10 * MINUTE, agentId: 'a-1', kind: 'away', reason: 'lunch' },
    { type: 'agent.logout', time: T0 + 11 * MINUTE, agentId: 'a-2' },
  ]);
}

/** A temp directory with a store file in it; `close()` closes every store opened and removes the directory. */
export class StoreSandbox {
  readonly directory = mkdtempSync(join(tmpdir(), 'floorwatch-store-'));
  readonly path = join(this.directory, 'floorwatch.db');
  private readonly opened: Store[] = [];

  open(options: Partial<StoreOptions> = {}): Store {
    const store = openStore({ path: this.path, now: () => T0, migrations: AREA_MIGRATIONS, localTables: AREA_LOCAL_TABLES, ...options });
    this.opened.push(store);
    return store;
  }

  close(): void {
    for (const store of this.opened) store.close();
    rmSync(this.directory, { recursive: true, force: true });
  }
}

/** Row counts of every table that ingest writes, for before/after comparisons. */
export function tableCounts(store: Store): Record<string, number> {
  const tables = ['streams', 'events', 'rejects', 'queues', 'agents', 'status_intervals', 'conversations', 'messages', 'surveys', 'rollups_15m'];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = store.database.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return counts;
}

export function row<T = Record<string, unknown>>(store: Store, sql: string, ...params: unknown[]): T | undefined {
  return store.database.prepare(sql).get(...params) as T | undefined;
}

export function rows<T = Record<string, unknown>>(store: Store, sql: string, ...params: unknown[]): T[] {
  return store.database.prepare(sql).all(...params) as T[];
}

export function ingestAll(store: Store, events: readonly FloorEvent[], stream = 'floor', epoch = 'epoch-1'): ReturnType<Store['ingestBatch']> {
  return store.ingestBatch({ stream, epoch, events, lastSeq: events.at(-1)?.seq ?? 0 });
}
