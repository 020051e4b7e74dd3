import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { IngestBatchError } from '../../../../src-main/core/store/errors.js';
import { ingestWithQuarantine } from '../../../../src-main/core/store/ingest-with-quarantine.js';
import type { Store } from '../../../../src-main/core/store/store.js';
import { WHOLE_CACHE } from '../../../../src-main/core/queue-scope.js';
import {
  conversationCreated,
  floorStory,
  ingestAll,
  message,
  MINUTE,
  queueConfigured,
  row,
  rows,
  SECOND,
  sequence,
  StoreSandbox,
  T0,
  tableCounts,
} from './fixtures.js';

/** The message count the console reads for a conversation, through the conversation list. */
function messageCountOf(store: Store, conversationId: string): number | undefined {
  return store.recentConversations({ limit: 500, queueScope: WHOLE_CACHE }).find((conversation) => conversation.conversationId === conversationId)?.messageCount;
}

describe('store ingest', () => {
  let sandbox: StoreSandbox;
  let store: Store;
  beforeEach(() => {
    sandbox = new StoreSandbox();
    store = sandbox.open();
  });
  afterEach(() => sandbox.close());

  describe('projections of the floor story', () => {
    beforeEach(() => {
      const outcome = ingestAll(store, floorStory());
      expect(outcome).toEqual({ inserted: floorStory().length, duplicates: 0 });
    });

    it('keeps every event in the log with its JSON body', () => {
      expect(store.countEvents('floor')).toBe(floorStory().length);
      expect(store.readEvents('floor', 0, 1000)).toEqual(floorStory());
      expect(store.readEvents('floor', 30, 2).map((event) => event.seq)).toEqual([31, 32]);
      expect(store.readEventKeys('floor')).toEqual(floorStory().map(({ seq, type, time }) => ({ seq, type, time })));
    });

    it('projects queue configuration, mitigation, overflow rules and estimated wait', () => {
      expect(store.listQueues()).toEqual([
        { queueId: 'q-sales', name: 'Queue q-sales', channel: 'chat', timeZone: 'Europe/Paris' },
        { queueId: 'q-support', name: 'Queue q-support', channel: 'voice', timeZone: 'Europe/Paris' },
      ]);
      const sales = row<Record<string, unknown>>(store, 'SELECT * FROM queues WHERE queue_id = ?', 'q-sales');
      expect(sales).toMatchObject({
        service_level_target_sec: 60,
        mitigation_state: 'paused',
        mitigation_message: 'We are very busy',
        estimated_wait_sec: 120,
        estimated_wait_at: T0 + 8 * MINUTE,
      });
      expect(JSON.parse(String(sales?.thresholds))).toMatchObject({ queuedLow: 5, queuedHigh: 10 });
      expect(JSON.parse(String(sales?.business_hours))).toMatchObject({ holidays: ['2025-12-25'] });
      expect(JSON.parse(String(sales?.overflow_rules))).toEqual([{ ruleId: 'r-1', when: 'no_available_agents', targetQueueId: 'q-support' }]);
      expect(JSON.parse(String(sales?.preset_groups))).toEqual(['g-europe']);
    });

    it('projects agents and their status intervals', () => {
      expect(row(store, 'SELECT name, team_name, location, slots, status_kind, status_reason, status_since, queue_ids, logged_in FROM agents WHERE agent_id = ?', 'a-1')).toEqual({
        name: 'Grace Hopper',
        team_name: 'Blue',
        location: 'Lyon',
        slots: 4,
        status_kind: 'away',
        status_reason: 'lunch',
        status_since: T0 + 10 * MINUTE,
        queue_ids: '["q-sales","q-support"]',
        logged_in: 1,
      });
      expect(row(store, 'SELECT status_kind, logged_in FROM agents WHERE agent_id = ?', 'a-2')).toEqual({ status_kind: 'offline', logged_in: 0 });
      expect(rows(store, 'SELECT agent_id, kind, reason, start_at, end_at FROM status_intervals ORDER BY agent_id, start_at')).toEqual([
        { agent_id: 'a-1', kind: 'available', reason: 'ready', start_at: T0, end_at: T0 + 10 * MINUTE },
        { agent_id: 'a-1', kind: 'away', reason: 'lunch', start_at: T0 + 10 * MINUTE, end_at: null },
        { agent_id: 'a-2', kind: 'available', reason: 'ready', start_at: T0, end_at: T0 + 11 * MINUTE },
      ]);
    });

    it('projects a conversation through queue, assignment, messages, flag, end and survey', () => {
      expect(row(store, 'SELECT * FROM conversations WHERE conversation_id = ?', 'c-1')).toEqual({
        conversation_id: 'c-1',
        queue_id: 'q-sales',
        channel: 'chat',
        intent: 'delivery',
        customer_id: 'cu-c-1',
        customer_name: 'Ada Lovelace',
        customer_email: 'ada@example.com',
        customer_phone: '+33 1 23 45 67 89',
        epoch: 'epoch-1',
        agent_id: 'a-1',
        state: 'ended',
        state_at: T0 + 5 * MINUTE,
        created_at: T0,
        queued_at: T0 + 10 * SECOND,
        assigned_at: T0 + 40 * SECOND,
        first_response_at: T0 + 70 * SECOND,
        ended_at: T0 + 5 * MINUTE,
        abandoned_at: null,
        disposition: 'resolved',
        high_effort: 1,
        transfers: 0,
        taken_over_by: null,
        taken_over_at: null,
        csat: 5,
        csat_comment: 'Quick and kind',
        conversation_key: 1,
      });
      expect(store.conversationMessages('c-1', 10).map(({ messageId, time, sender, kind, deliveryFailed }) => ({ messageId, time, sender, kind, deliveryFailed }))).toEqual([
        { messageId: 'm-1', time: T0 + 50 * SECOND, sender: 'customer', kind: 'text', deliveryFailed: false },
        { messageId: 'm-2', time: T0 + 70 * SECOND, sender: 'agent', kind: 'text', deliveryFailed: true },
        { messageId: 'm-3', time: T0 + 80 * SECOND, sender: 'supervisor', kind: 'whisper', deliveryFailed: false },
      ]);
      expect(messageCountOf(store, 'c-1')).toBe(3);
      expect(row(store, 'SELECT delivery_failure_reason FROM messages WHERE message_id = ?', 'm-2')).toEqual({ delivery_failure_reason: 'channel closed' });
      expect(rows(store, 'SELECT * FROM surveys')).toEqual([
        { conversation_id: 'c-1', queue_id: 'q-sales', agent_id: 'a-1', time: T0 + 6 * MINUTE, rating: 5, comment: 'Quick and kind' },
      ]);
    });

    it('projects an abandoned conversation and a transferred, taken-over one', () => {
      expect(row(store, 'SELECT state, abandoned_at, agent_id FROM conversations WHERE conversation_id = ?', 'c-2')).toEqual({
        state: 'abandoned',
        abandoned_at: T0 + 16 * MINUTE,
        agent_id: null,
      });
      expect(row(store, 'SELECT state, queue_id, agent_id, transfers, taken_over_by, taken_over_at, assigned_at FROM conversations WHERE conversation_id = ?', 'c-3')).toEqual({
        state: 'assigned',
        queue_id: 'q-support',
        agent_id: 'sup-1',
        transfers: 1,
        taken_over_by: 'sup-1',
        taken_over_at: T0 + 7 * MINUTE,
        assigned_at: T0 + 5 * MINUTE,
      });
    });

    it('rolls counters up per queue and 15-minute bucket', () => {
      const sales = store.readRollups('q-sales', T0, T0 + 60 * MINUTE);
      expect(sales.map(({ bucketStart }) => bucketStart)).toEqual([T0, T0 + 15 * MINUTE]);
      expect(sales[0]).toMatchObject({
        // c-1, c-2, c-3 entered; c-1 and c-3 were assigned after 30 s and 60 s in queue.
        entered: 3,
        assigned: 2,
        waitMsSum: 30 * SECOND + 60 * SECOND,
        ended: 1,
        handled: 1,
        resolved: 1,
        handleMsSum: 5 * MINUTE - 40 * SECOND,
        transfersOut: 1,
        messages: 3,
        surveys: 1,
        csatSum: 5,
        csatPositive: 1,
        abandoned: 0,
      });
      // c-2 abandoned at 09:16 after 15 minutes of waiting: the next bucket.
      expect(sales[1]).toMatchObject({ abandoned: 1, abandonMsSum: 15 * MINUTE, entered: 0 });
      // The transfer enters q-support once, although a queued event follows it.
      expect(store.readRollups('q-support', T0, T0 + 60 * MINUTE)).toEqual([
        expect.objectContaining({ bucketStart: T0, entered: 1, assigned: 1, waitMsSum: 1 * MINUTE, transfersOut: 0 }),
      ]);
    });

    it('finds message text with full-text search, newest first, with diacritics folded', () => {
      expect(store.searchMessages({ text: 'parcel', limit: 10, queueScope: WHOLE_CACHE }).map((hit) => hit.messageId)).toEqual(['m-1']);
      expect(store.searchMessages({ text: 'TRACKING number', limit: 10, queueScope: WHOLE_CACHE }).map((hit) => hit.messageId)).toEqual(['m-2']);
      expect(store.searchMessages({ text: 'refünd', limit: 10, queueScope: WHOLE_CACHE }).map((hit) => hit.messageId)).toEqual(['m-3']);
      expect(store.searchMessages({ text: 'parcel refund', limit: 10, queueScope: WHOLE_CACHE })).toEqual([]);
      // FTS5 syntax in user input is taken literally, never a syntax error.
      expect(store.searchMessages({ text: 'parcel" OR "NEAR(', limit: 10, queueScope: WHOLE_CACHE })).toEqual([]);
      expect(store.searchMessages({ text: '   ', limit: 10, queueScope: WHOLE_CACHE })).toEqual([]);
      const fts = store.database.prepare("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')");
      expect(() => fts.run()).not.toThrow();
    });

    it('moves the stream position with the batch', () => {
      expect(store.streamPosition('floor')).toEqual({ epoch: 'epoch-1', lastSeq: floorStory().length });
      expect(store.streamPosition('history')).toBeNull();
    });
  });

  it('is idempotent: the same batch twice changes nothing', () => {
    ingestAll(store, floorStory());
    const before = tableCounts(store);
    const rollupsBefore = store.readRollups('q-sales', 0, Number.MAX_SAFE_INTEGER);
    const conversationsBefore = rows(store, 'SELECT * FROM conversations ORDER BY conversation_id');

    expect(ingestAll(store, floorStory())).toEqual({ inserted: 0, duplicates: floorStory().length });

    expect(tableCounts(store)).toEqual(before);
    expect(store.readRollups('q-sales', 0, Number.MAX_SAFE_INTEGER)).toEqual(rollupsBefore);
    expect(rows(store, 'SELECT * FROM conversations ORDER BY conversation_id')).toEqual(conversationsBefore);
  });

  it('ingests a stream split into batches the same as in one batch', () => {
    const events = floorStory();
    for (let start = 0; start < events.length; start += 5) {
      const batch = events.slice(start, start + 5);
      store.ingestBatch({ stream: 'floor', epoch: 'epoch-1', events: batch, lastSeq: batch.at(-1)?.seq ?? 0 });
    }
    const other = new StoreSandbox();
    try {
      const whole = other.open();
      ingestAll(whole, events);
      expect(tableCounts(store)).toEqual(tableCounts(whole));
      expect(rows(store, 'SELECT * FROM conversations ORDER BY conversation_id')).toEqual(rows(whole, 'SELECT * FROM conversations ORDER BY conversation_id'));
      expect(store.readRollups('q-sales', 0, Number.MAX_SAFE_INTEGER)).toEqual(whole.readRollups('q-sales', 0, Number.MAX_SAFE_INTEGER));
    } finally {
      other.close();
    }
  });

  it('does not count twice what arrives through two streams', () => {
    ingestAll(store, floorStory(), 'floor');
    const counts = tableCounts(store);
    const rollups = store.readRollups('q-sales', 0, Number.MAX_SAFE_INTEGER);

    ingestAll(store, floorStory(), 'history', 'history-1');

    expect(store.countEvents('history')).toBe(floorStory().length);
    expect({ ...tableCounts(store), events: counts.events, streams: counts.streams }).toEqual(counts);
    expect(store.readRollups('q-sales', 0, Number.MAX_SAFE_INTEGER)).toEqual(rollups);
    expect(row(store, 'SELECT transfers FROM conversations WHERE conversation_id = ?', 'c-1')).toEqual({ transfers: 0 });
    expect(messageCountOf(store, 'c-1')).toBe(3);
    expect(row(store, 'SELECT transfers FROM conversations WHERE conversation_id = ?', 'c-3')).toEqual({ transfers: 1 });
  });

  it('keeps unknown event types in the log without projecting them', () => {
    const events = sequence([queueConfigured('q-1', T0)]);
    const raw = JSON.stringify({ seq: 2, time: T0, type: 'queue.renamed', queueId: 'q-1', name: 'New' });
    const outcome = store.ingestBatch({
      stream: 'floor',
      epoch: 'epoch-1',
      events,
      unknownEvents: [{ seq: 2, time: T0, type: 'queue.renamed', raw }],
      lastSeq: 2,
    });
    expect(outcome).toEqual({ inserted: 2, duplicates: 0 });
    expect(store.readEventKeys('floor')).toEqual([
      { seq: 1, type: 'queue.configured', time: T0 },
      { seq: 2, type: 'queue.renamed', time: T0 },
    ]);
    expect(row(store, 'SELECT body FROM events WHERE seq = 2')).toEqual({ body: raw });
    // readEvents returns known types only, so a replay into the live state never sees them.
    expect(store.readEvents('floor', 0, 10).map((event) => event.type)).toEqual(['queue.configured']);
    expect(store.listQueues().map((queue) => queue.name)).toEqual(['Queue q-1']);
  });

  it('records and counts rejects, from batches and from frames', () => {
    store.ingestBatch({
      stream: 'floor',
      epoch: 'epoch-1',
      events: [],
      rejects: [
        { reason: 'invalid_event', detail: 'time: expected number', stream: 'floor', seq: 7, excerpt: 'x'.repeat(2000) },
        { reason: 'invalid_event', detail: 'queueId: too long', stream: 'floor', seq: 8 },
      ],
      lastSeq: 8,
    });
    store.recordRejects([{ reason: 'not_json', detail: 'Unexpected token' }]);

    expect(store.rejectCounts()).toEqual({ invalid_event: 2, not_json: 1 });
    const recent = store.recentRejects(10);
    expect(recent).toHaveLength(3);
    expect(recent[0]).toMatchObject({ reason: 'not_json', detail: 'Unexpected token', stream: null, seq: null, at: T0 });
    expect(recent.find((reject) => reject.seq === 7)?.excerpt).toHaveLength(512);
    expect(store.recentRejects(1)).toHaveLength(1);
    // Rejected seqs still move the position: they are accounted for, not to be asked for again.
    expect(store.streamPosition('floor')).toEqual({ epoch: 'epoch-1', lastSeq: 8 });
  });

  it('never moves the position backwards within an epoch, and restarts it with a new epoch', () => {
    const events = floorStory();
    ingestAll(store, events);
    store.ingestBatch({ stream: 'floor', epoch: 'epoch-1', events: events.slice(0, 3), lastSeq: 3 });
    expect(store.streamPosition('floor')).toEqual({ epoch: 'epoch-1', lastSeq: events.length });

    const next = sequence([queueConfigured('q-new', T0 + 60 * MINUTE)]);
    expect(ingestAll(store, next, 'floor', 'epoch-2')).toEqual({ inserted: 1, duplicates: 0 });
    expect(store.streamPosition('floor')).toEqual({ epoch: 'epoch-2', lastSeq: 1 });
    // The new epoch's seq 1 is not mistaken for a replay of the old one, and reads follow the current epoch.
    expect(store.readEventKeys('floor')).toEqual([{ seq: 1, type: 'queue.configured', time: T0 + 60 * MINUTE }]);
    expect(store.countEvents('floor')).toBe(1);
  });

  it('rolls back the whole batch, position included, when one event cannot be written', () => {
    const good = sequence([queueConfigured('q-1', T0), conversationCreated('c-1', 'q-1', T0)]);
    ingestAll(store, good);
    const before = tableCounts(store);
    const [created, queued] = sequence(
      [conversationCreated('c-2', 'q-1', T0 + SECOND), { type: 'conversation.queued', time: T0 + SECOND, conversationId: 'c-2', queueId: 'q-1' }],
      3,
    );
    // A fractional time is refused by the STRICT INTEGER column: the event itself is at fault.
    const poisoned = { ...queued, time: T0 + 1.5 } as FloorEvent;
    const batch = { stream: 'floor', epoch: 'epoch-1', events: [created as FloorEvent, poisoned], lastSeq: 4 };

    let thrown: unknown;
    try {
      store.ingestBatch(batch);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(IngestBatchError);
    expect(thrown).toMatchObject({ failedSeq: 4, failedIndex: 1, eventAttributable: true });
    expect(tableCounts(store)).toEqual(before);
    expect(store.streamPosition('floor')).toEqual({ epoch: 'epoch-1', lastSeq: 2 });
    expect(row(store, 'SELECT count(*) AS n FROM conversations WHERE conversation_id = ?', 'c-2')).toEqual({ n: 0 });
    // The same batch fails the same way on a plain retry...
    expect(() => store.ingestBatch(batch)).toThrow(IngestBatchError);
    // ...so the caller retries through the quarantine, which sets the bad event aside as a reject.
    expect(ingestWithQuarantine(store, batch)).toEqual({ inserted: 1, duplicates: 0, quarantined: 1 });
    expect(store.streamPosition('floor')).toEqual({ epoch: 'epoch-1', lastSeq: 4 });
    expect(row(store, 'SELECT state FROM conversations WHERE conversation_id = ?', 'c-2')).toEqual({ state: 'created' });
    expect(store.recentRejects(1)[0]).toMatchObject({ reason: 'store_rejected', stream: 'floor', seq: 4 });
    expect(store.recentRejects(1)[0]?.detail).toMatch(/SQLITE_CONSTRAINT_DATATYPE/);
    expect(store.recentRejects(1)[0]?.excerpt).toContain('conversation.queued');
  });

  it('quarantines an unknown-type event the log refuses, and rethrows what is not an event\'s fault', () => {
    const batch = {
      stream: 'floor',
      epoch: 'epoch-1',
      events: sequence([queueConfigured('q-1', T0)]),
      unknownEvents: [{ seq: 2, time: Number.NaN, type: 'queue.renamed', raw: '{}' }],
      lastSeq: 2,
    };
    expect(ingestWithQuarantine(store, batch)).toMatchObject({ inserted: 1, quarantined: 1 });
    expect(store.rejectCounts()).toEqual({ store_rejected: 1 });

    const failing = {
      ingestBatch: () => {
        throw new IngestBatchError('floor', 3, 0, false, Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }));
      },
    };
    expect(() => ingestWithQuarantine(failing, { ...batch, unknownEvents: [] })).toThrow(/disk I\/O error/);
  });

  it('locates and quarantines something in the batch that is not an event at all', () => {
    const events = [...sequence([queueConfigured('q-1', T0)]), null as unknown as FloorEvent, ...sequence([queueConfigured('q-2', T0)], 3)];
    const batch = { stream: 'floor', epoch: 'epoch-1', events, lastSeq: 3 };
    expect(() => store.ingestBatch(batch)).toThrow(expect.objectContaining({ failedIndex: 1, failedSeq: null, eventAttributable: true }));
    expect(store.streamPosition('floor')).toBeNull();
    expect(ingestWithQuarantine(store, batch)).toEqual({ inserted: 2, duplicates: 0, quarantined: 1 });
    expect(store.recentRejects(1)[0]).toMatchObject({ reason: 'store_rejected', seq: null, excerpt: 'null' });
    expect(store.streamPosition('floor')).toEqual({ epoch: 'epoch-1', lastSeq: 3 });
  });

  it('refuses a malformed batch envelope with a clear error and writes nothing', () => {
    expect(() => store.ingestBatch({ stream: '', epoch: 'e', events: [], lastSeq: 0 })).toThrow(/batch.stream/);
    expect(() => store.ingestBatch({ stream: 'floor', epoch: 'e', events: [], lastSeq: -1 })).toThrow(/batch.lastSeq/);
    expect(store.streamPosition('floor')).toBeNull();
  });

  it('records events about unknown conversations as orphan rejects and creates minimal rows when the queue is named', () => {
    const events = sequence([
      message('c-ghost', 'm-1', T0, 'hello?'),
      { type: 'conversation.ended', time: T0, conversationId: 'c-ghost', disposition: 'resolved' },
      { type: 'conversation.flagged', time: T0, conversationId: 'c-ghost', flag: 'high_effort' },
      { type: 'conversation.taken_over', time: T0, conversationId: 'c-ghost', supervisorId: 'sup-1' },
      { type: 'conversation.delivery_failed', time: T0, conversationId: 'c-ghost', messageId: 'm-1', reason: 'gone' },
      { type: 'conversation.assigned', time: T0 + SECOND, conversationId: 'c-late', queueId: 'q-unknown', agentId: 'a-9' },
      { type: 'agent.status', time: T0, agentId: 'a-new', kind: 'available', reason: 'ready' },
      { type: 'queue.mitigation', time: T0, queueId: 'q-unconfigured', state: 'custom_message', message: 'Busy' },
      { type: 'survey.answered', time: T0, conversationId: 'c-nowhere', queueId: 'q-unknown', rating: 2 },
    ]);

    expect(ingestAll(store, events)).toEqual({ inserted: events.length, duplicates: 0 });

    expect(store.rejectCounts()).toEqual({ orphan_event: 5 });
    expect(store.countEvents('floor')).toBe(events.length);
    expect(rows(store, 'SELECT count(*) AS n FROM messages')).toEqual([{ n: 0 }]);
    expect(row(store, 'SELECT state, queue_id, agent_id, channel FROM conversations WHERE conversation_id = ?', 'c-late')).toEqual({
      state: 'assigned',
      queue_id: 'q-unknown',
      agent_id: 'a-9',
      channel: 'chat',
    });
    expect(row(store, 'SELECT name, status_kind FROM agents WHERE agent_id = ?', 'a-new')).toEqual({ name: 'a-new', status_kind: 'available' });
    // A queue heard of but never configured is kept, and not listed until its configuration arrives.
    expect(row(store, 'SELECT configured, mitigation_state FROM queues WHERE queue_id = ?', 'q-unconfigured')).toEqual({ configured: 0, mitigation_state: 'custom_message' });
    expect(store.listQueues()).toEqual([]);
    expect(store.readRollups('q-unknown', 0, Number.MAX_SAFE_INTEGER)).toEqual([expect.objectContaining({ assigned: 1, surveys: 1, csatSum: 2, csatPositive: 0 })]);
  });

  it('ignores a status change older than the agent\'s current one', () => {
    ingestAll(
      store,
      sequence([
        { type: 'agent.status', time: T0 + MINUTE, agentId: 'a-1', kind: 'available', reason: 'ready' },
        { type: 'agent.status', time: T0, agentId: 'a-1', kind: 'away', reason: 'late news' },
      ]),
    );
    expect(row(store, 'SELECT status_kind FROM agents WHERE agent_id = ?', 'a-1')).toEqual({ status_kind: 'available' });
    expect(rows(store, 'SELECT kind, start_at, end_at FROM status_intervals')).toEqual([{ kind: 'available', start_at: T0 + MINUTE, end_at: null }]);
  });

  describe('snapshots', () => {
    it('projects the snapshot, moves the position, and writes no log rows', () => {
      const snapshotSeq = 5000;
      const events = floorStory().map((event) => ({ ...event, seq: snapshotSeq }));
      store.saveCheckpoint('floor', 10, T0, '{"old":true}');

      store.applySnapshot({ stream: 'floor', epoch: 'epoch-9', seq: snapshotSeq, events });

      expect(store.streamPosition('floor')).toEqual({ epoch: 'epoch-9', lastSeq: snapshotSeq });
      expect(store.countEvents('floor')).toBe(0);
      expect(tableCounts(store).events).toBe(0);
      expect(store.listQueues()).toHaveLength(2);
      expect(row(store, 'SELECT state FROM conversations WHERE conversation_id = ?', 'c-1')).toEqual({ state: 'ended' });
      expect(messageCountOf(store, 'c-1')).toBe(3);
      expect(store.searchMessages({ text: 'parcel', limit: 5, queueScope: WHOLE_CACHE })).toHaveLength(1);
      // A checkpoint of another epoch describes a floor that is gone.
      expect(store.loadCheckpoint('floor')).toBeNull();
    });

    it('does not double count when the same floor later arrives as events', () => {
      const events = floorStory();
      store.applySnapshot({ stream: 'floor', epoch: 'epoch-1', seq: 1, events: events.map((event) => ({ ...event, seq: 1 })) });
      const counts = tableCounts(store);
      const rollups = store.readRollups('q-sales', 0, Number.MAX_SAFE_INTEGER);

      ingestAll(store, events, 'history', 'history-1');

      expect({ ...tableCounts(store), events: counts.events, streams: counts.streams }).toEqual(counts);
      expect(store.readRollups('q-sales', 0, Number.MAX_SAFE_INTEGER)).toEqual(rollups);
    });

    it('leaves everything as it was when a snapshot event cannot be written', () => {
      ingestAll(store, sequence([queueConfigured('q-1', T0)]));
      const before = tableCounts(store);
      const bad = { ...sequence([conversationCreated('c-1', 'q-1', T0)])[0], time: 0.5 } as FloorEvent;
      expect(() => store.applySnapshot({ stream: 'floor', epoch: 'epoch-2', seq: 10, events: [sequence([queueConfigured('q-2', T0)])[0] as FloorEvent, bad] })).toThrow(
        expect.objectContaining({ failedIndex: 1, eventAttributable: true }),
      );
      expect(tableCounts(store)).toEqual(before);
      expect(store.streamPosition('floor')).toEqual({ epoch: 'epoch-1', lastSeq: 1 });
    });
  });
});
