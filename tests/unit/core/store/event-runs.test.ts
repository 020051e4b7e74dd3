/**
 * Message events in the log as runs (store migration 290): whatever the mix of messages and other
 * events, the batching, the replays and the late arrivals, every reader of the log gives exactly
 * the events a one-row-an-event log held, written here as plain expectations an event at a time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FloorEvent, FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { createReplayLog } from '../../../../src-main/core/replay/replay-log.js';
import { EVENT_BODY, eventsAfterSql, eventTimeAtSql, logOf, ROW_LAST_TIME } from '../../../../src-main/core/store/event-runs.js';
import type { Store } from '../../../../src-main/core/store/store.js';
import { conversationCreated, ingestAll, message, MINUTE, queueConfigured, row, rows, SECOND, sequence, StoreSandbox, T0 } from './fixtures.js';

const STREAM = 'floor';
const EPOCH = 'epoch-1';

/** One event of a random script, before its seq and time are given. */
type Step =
  | { readonly kind: 'message'; readonly conversation: 0 | 1 }
  | { readonly kind: 'repeat'; readonly conversation: 0 | 1 }
  | { readonly kind: 'orphan' }
  | { readonly kind: 'other' };

const CONVERSATIONS = ['c-1', 'c-2'] as const;

/** The script's events: two conversations, then the steps, one second apart, seqs from 1. */
function scriptEvents(steps: readonly Step[]): FloorEvent[] {
  const inputs: FloorEventInput[] = [queueConfigured('q-sales', T0), conversationCreated('c-1', 'q-sales', T0), conversationCreated('c-2', 'q-sales', T0)];
  const sent: [number, number] = [0, 0];
  steps.forEach((step, index) => {
    const time = T0 + (index + 1) * SECOND;
    if (step.kind === 'other') inputs.push(queueConfigured(`q-${index}`, time));
    else if (step.kind === 'orphan') inputs.push(message('c-unknown', `c-unknown-m${index}`, time, `nobody ${index}`));
    else {
      const conversation = CONVERSATIONS[step.conversation];
      // A repeat reuses the conversation's last message id: no messages row, so the event keeps its body.
      const number = step.kind === 'repeat' && sent[step.conversation] > 0 ? sent[step.conversation] : (sent[step.conversation] += 1);
      inputs.push(message(conversation, `${conversation}-m${number}`, time, `words ${index} of ${conversation}`, index % 3 === 0 ? 'agent' : 'customer'));
    }
  });
  return sequence(inputs);
}

/** What a one-row-an-event log gives: each event once, by seq, as it was sent. */
interface Expected {
  readonly seq: number;
  readonly time: number;
  readonly type: string;
  readonly body: unknown;
}

function expectedOf(events: readonly FloorEvent[]): Expected[] {
  const bySeq = new Map<number, FloorEvent>();
  for (const event of events) if (!bySeq.has(event.seq)) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).map((event) => ({ seq: event.seq, time: event.time, type: event.type, body: event }));
}

/** The `events` view's rows of the stream, bodies parsed. */
function viewOf(store: Store): Expected[] {
  return rows<{ seq: number; time: number; type: string; body: string }>(
    store,
    'SELECT seq, time, type, body FROM events WHERE stream = ? AND epoch = ? ORDER BY seq',
    STREAM,
    EPOCH,
  ).map((event) => ({ ...event, body: JSON.parse(event.body) as unknown }));
}

/** Checks every reader of the log against the expectations. */
function expectReaders(store: Store, expected: readonly Expected[], probes: readonly number[]): void {
  const log = createReplayLog(store.database);
  const last = expected.at(-1);
  expect(viewOf(store)).toEqual(expected);
  expect(store.countEvents(STREAM)).toBe(expected.length);
  expect(store.readEventKeys(STREAM)).toEqual(expected.map(({ seq, type, time }) => ({ seq, type, time })));
  expect(log.lastEventTime(STREAM, EPOCH)).toBe(last?.time ?? null);
  for (const probe of probes) {
    const after = last === undefined ? 0 : probe % (last.seq + 2);
    const limit = 1 + (probe % 7);
    const wanted = expected.filter((event) => event.seq > after).slice(0, limit).map((event) => event.body);
    expect(store.readEvents(STREAM, after, limit)).toEqual(wanted);
    expect(log.eventsAfter(STREAM, EPOCH, after, limit)).toEqual(wanted);
    expect(log.seqBefore(STREAM, EPOCH, after)).toBe(expected.filter((event) => event.seq < after).at(-1)?.seq ?? null);
  }
}

/**
 * Writes events as a release at version 270 did: projected (a snapshot projects without logging),
 * then one log row an event, a message by a reference to its messages row, anything else by its
 * body without type, time and seq. Every message of `events` must get a row (no repeat, no orphan).
 */
function writeOneRowAnEvent(store: Store, events: readonly FloorEvent[]): void {
  const db = store.database;
  store.applySnapshot({ stream: STREAM, epoch: EPOCH, seq: events.at(-1)?.seq ?? 0, events });
  db.prepare('INSERT INTO event_logs (log, stream, epoch) VALUES (1, ?, ?)').run(STREAM, EPOCH);
  const typeCode = db.prepare('INSERT INTO event_types (type) VALUES (?) ON CONFLICT (type) DO UPDATE SET code = code RETURNING code').pluck();
  const insert = db.prepare('INSERT INTO event_log (log, seq, time, type, message, body) VALUES (1, ?, ?, ?, ?, ?)');
  let messageId = 0;
  for (const event of events) {
    const { type, time, seq, ...body } = event;
    const isMessage = type === 'conversation.message';
    if (isMessage) messageId += 1;
    insert.run(seq, time, typeCode.get(type), isMessage ? messageId : null, isMessage ? null : JSON.stringify(body));
  }
}

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('message' as const), conversation: fc.constantFrom(0 as const, 1 as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat' as const), conversation: fc.constantFrom(0 as const, 1 as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('orphan' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('other' as const) }) },
);

describe('message events in the log as runs', () => {
  it('every reader gives the events a one-row-an-event log gave, whatever the batches, replays and late events', () => {
    const delivery = fc.record({
      size: fc.integer({ min: 1, max: 12 }),
      // Some events of the batch held back and sent after it (a gap filled late).
      late: fc.array(fc.nat(), { maxLength: 2 }),
      // A slice of what was sent, sent again (a replay: duplicates, inside runs or across them).
      replay: fc.option(fc.record({ from: fc.nat(), length: fc.integer({ min: 1, max: 10 }) }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(stepArbitrary, { minLength: 1, maxLength: 60 }),
        fc.array(delivery, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 3, maxLength: 6 }),
        (steps, deliveries, probes) => {
          const events = scriptEvents(steps);
          const sandbox = new StoreSandbox();
          try {
            const store = sandbox.open();
            ingestAll(store, events.slice(0, 3));
            const sent: FloorEvent[] = events.slice(0, 3);
            let next = 3;
            for (let index = 0; next < events.length; index += 1) {
              const { size, late, replay } = deliveries[index % deliveries.length] as (typeof deliveries)[number];
              const batch = events.slice(next, next + size);
              next += batch.length;
              const held = new Set(late.map((position) => position % batch.length));
              const now = batch.filter((_, position) => !held.has(position));
              const later = batch.filter((_, position) => held.has(position));
              for (const part of [now, later]) if (part.length > 0) ingestAll(store, part);
              sent.push(...now, ...later);
              if (replay) {
                const from = replay.from % sent.length;
                ingestAll(store, sent.slice(from, from + replay.length));
              }
            }
            expectReaders(store, expectedOf(sent), probes);
            // Runs formed: fewer rows than events whenever two messages followed each other.
            const stored = row<{ rows: number; events: number }>(store, 'SELECT count(*) AS rows, sum(run) AS events FROM event_log');
            expect(stored?.events).toBe(events.length);
          } finally {
            sandbox.close();
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('stores consecutive messages of one transaction as one row, and a replay inside it as a duplicate', () => {
    const events = scriptEvents([
      ...Array.from({ length: 6 }, () => ({ kind: 'message' as const, conversation: 0 as const })),
      { kind: 'other' },
      ...Array.from({ length: 4 }, (_, index) => ({ kind: 'message' as const, conversation: (index % 2) as 0 | 1 })),
    ]);
    const sandbox = new StoreSandbox();
    try {
      const store = sandbox.open();
      expect(ingestAll(store, events)).toEqual({ inserted: 14, duplicates: 0 });
      expect(rows(store, 'SELECT seq, run, message IS NOT NULL AS told FROM event_log ORDER BY seq')).toEqual([
        { seq: 1, run: 1, told: 0 },
        { seq: 2, run: 1, told: 0 },
        { seq: 3, run: 1, told: 0 },
        { seq: 4, run: 6, told: 1 },
        { seq: 10, run: 1, told: 0 },
        { seq: 11, run: 4, told: 1 },
      ]);
      expect(ingestAll(store, events.slice(5, 12))).toEqual({ inserted: 0, duplicates: 7 });
      expect(row(store, 'SELECT count(*) AS rows FROM event_log')).toEqual({ rows: 6 });
      expectReaders(store, expectedOf(events), [0, 5, 9, 11, 14]);
    } finally {
      sandbox.close();
    }
  });

  it('prunes a run whole, only once its last event is below the bound and older than the cutoff', () => {
    const events = scriptEvents([
      ...Array.from({ length: 8 }, () => ({ kind: 'message' as const, conversation: 0 as const })),
      { kind: 'other' },
      ...Array.from({ length: 3 }, () => ({ kind: 'message' as const, conversation: 1 as const })),
    ]);
    const sandbox = new StoreSandbox();
    try {
      const store = sandbox.open();
      ingestAll(store, events);
      const far = T0 + 60 * MINUTE;
      // The run 4–11 reaches the bound 8: only the three events before it go.
      expect(store.pruneEvents(STREAM, EPOCH, 8, far, 100)).toBe(3);
      expect(store.readEventKeys(STREAM).map((event) => event.seq)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
      // Its first event is old, its last (seq 11, T0 + 8 s) not older than the cutoff: kept.
      expect(store.pruneEvents(STREAM, EPOCH, 12, T0 + 8 * SECOND, 100)).toBe(0);
      expect(store.pruneEvents(STREAM, EPOCH, 12, T0 + 8 * SECOND + 1, 100)).toBe(8);
      const kept = expectedOf(events).filter((event) => event.seq >= 12);
      expectReaders(store, kept, [0, 12, 13, 16]);
      expect(createReplayLog(store.database).seqBefore(STREAM, EPOCH, 12)).toBeNull();
    } finally {
      sandbox.close();
    }
  });

  it('reads a cache written before the runs (version 270) as it was, and adds runs to it', () => {
    const events = scriptEvents(Array.from({ length: 12 }, (_, index) => ({ kind: index === 5 ? ('other' as const) : ('message' as const), conversation: (index % 2) as 0 | 1 })));
    const sandbox = new StoreSandbox();
    try {
      const old = sandbox.open({ schemaVersionLimit: 270 });
      expect(old.database.pragma('user_version', { simple: true })).toBe(270);
      writeOneRowAnEvent(old, events.slice(0, 10));
      old.close();
      const store = sandbox.open();
      expect(store.database.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(290);
      expect(row(store, 'SELECT count(*) AS rows, sum(run) AS events FROM event_log')).toEqual({ rows: 10, events: 10 });
      expectReaders(store, expectedOf(events.slice(0, 10)), [0, 3, 9]);
      ingestAll(store, events.slice(7));
      expect(row(store, 'SELECT count(*) AS rows, sum(run) AS events FROM event_log')).toEqual({ rows: 11, events: 15 });
      expectReaders(store, expectedOf(events), [0, 3, 9, 12, 14]);
    } finally {
      sandbox.close();
    }
  });

  it('keeps the readers of the log on its primary key', () => {
    const sandbox = new StoreSandbox();
    try {
      const store = sandbox.open();
      ingestAll(store, scriptEvents([{ kind: 'message', conversation: 0 }, { kind: 'message', conversation: 0 }]));
      const plan = (sql: string, params: Record<string, unknown>): string =>
        (store.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((step) => step.detail).join('\n');
      const log = logOf(':stream', ':epoch');
      const params = { stream: STREAM, epoch: EPOCH, afterSeq: 2, types: '["conversation.message"]', limit: 10 };
      const after = plan(eventsAfterSql(EVENT_BODY, log, ':afterSeq', 'AND t.type IN (SELECT value FROM json_each(:types))', 'LIMIT :limit'), params);
      expect(after).toMatch(/SEARCH e USING PRIMARY KEY \(log=\? AND seq>\?\)/);
      expect(after).toMatch(/SEARCH r USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
      const at = plan(`SELECT ${eventTimeAtSql(log, ':afterSeq')}`, { stream: STREAM, epoch: EPOCH, afterSeq: 4 });
      expect(at).toMatch(/SEARCH e USING PRIMARY KEY \(log=\? AND seq<\?\)/);
      const last = plan(`SELECT ${ROW_LAST_TIME} FROM event_log AS e WHERE e.log = ${log} ORDER BY e.seq DESC LIMIT 1`, { stream: STREAM, epoch: EPOCH });
      expect(last).toMatch(/SEARCH e USING PRIMARY KEY \(log=\?\)/);
      for (const detail of [after, at, last]) expect(detail).not.toMatch(/TEMP B-TREE|SCAN e\b|SCAN event_log|SCAN r\b/);
    } finally {
      sandbox.close();
    }
  });
});
