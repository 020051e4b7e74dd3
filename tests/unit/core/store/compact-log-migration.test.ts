/**
 * A cache written in the old layout (every migration below 200: the event log with whole JSON
 * bodies, the full-text index with column sizes) is brought to the compact one by migrations 200
 * and 210 with every row still readable: the same events (the same JSON objects), the same
 * projections, the same search answers. The old layout is written the way the old
 * ingest wrote it: each event's JSON into `events`, the projections today's ingest writes in their
 * old shape, the full-text index from the messages (./old-layout.ts).
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationCreated, floorStory, message, sequence, StoreSandbox, T0, MINUTE } from './fixtures.js';
import { writeOldLayout } from './old-layout.js';

function rows<T = Record<string, unknown>>(db: Database.Database, sql: string, ...params: unknown[]): T[] {
  return db.prepare(sql).all(...params) as T[];
}

const UNKNOWN_RAW = JSON.stringify({ type: 'queue.renamed', time: T0, seq: 90, queueId: 'q-sales', name: 'Sales   (EU) — “new”' });

interface LogRow {
  readonly stream: string;
  readonly epoch: string;
  readonly seq: number;
  readonly time: number;
  readonly type: string;
  readonly body: string;
}

function logRows(db: Database.Database): LogRow[] {
  return db.prepare('SELECT stream, epoch, seq, time, type, body FROM events ORDER BY stream, epoch, seq').all() as LogRow[];
}

/** A row with its event as an object: the compact log may give an event's keys in another order. */
function comparable(row: LogRow): unknown {
  return { ...row, body: JSON.parse(row.body) as unknown };
}

const counted = ['conversations', 'messages', 'surveys', 'queues', 'agents', 'status_intervals', 'rollups_15m', 'history_facts', 'history_notes', 'streams'];

function counts(db: Database.Database): Record<string, number> {
  return Object.fromEntries(counted.map((table) => [table, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number]));
}

function searchIds(db: Database.Database, match: string): number[] {
  return db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid').pluck().all(match) as number[];
}

describe('migrations 200 and 210 on a cache in the old layout', () => {
  let sandbox: StoreSandbox;
  beforeEach(() => {
    sandbox = new StoreSandbox();
  });
  afterEach(() => sandbox.close());

  it('keep every event, projection and search answer readable, and store message events by reference', () => {
    // Two epochs of the feed that reuse conversation ids: the second renames the first's rows.
    // A history backfill that repeats a message the live stream already wrote, and an unknown type kept raw.
    writeOldLayout(sandbox.path, 200, [
      { stream: 'floor', epoch: 'epoch-1', events: floorStory() },
      { stream: 'floor', epoch: 'epoch-2', events: floorStory() },
      { stream: 'history', epoch: 'h-1', events: sequence([conversationCreated('c-9', 'q-sales', T0), message('c-9', 'm-1', T0 + MINUTE, 'Where is my invoice?')], 1) },
    ]);
    const old = new Database(sandbox.path);
    old.prepare('INSERT INTO events (stream, epoch, seq, time, type, body) VALUES (?, ?, ?, ?, ?, ?)').run('floor', 'epoch-2', 90, T0, 'queue.renamed', UNKNOWN_RAW);
    old.prepare("INSERT INTO history_notes (note_id, conversation_id, queue_id, at, author_id, author_name, text) VALUES ('n-1', 'c-1', 'q-sales', ?, 'u-1', 'Sam', 'Called back')").run(T0);
    const before = { log: logRows(old), counts: counts(old), refund: searchIds(old, 'refund'), phrase: searchIds(old, '"tracking number"'), prefix: searchIds(old, 'parc*') };
    expect(before.log.filter((row) => row.type === 'conversation.message').length).toBe(7);
    expect(before.refund.length).toBeGreaterThan(0);
    old.close();

    const store = sandbox.open();
    const db = store.database;
    expect(store.integrityCheck()).toBe('ok');
    expect(logRows(db).map(comparable)).toEqual(before.log.map(comparable));
    expect(counts(db)).toEqual(before.counts);
    expect({ refund: searchIds(db, 'refund'), phrase: searchIds(db, '"tracking number"'), prefix: searchIds(db, 'parc*') }).toEqual({
      refund: before.refund,
      phrase: before.phrase,
      prefix: before.prefix,
    });
    // Messages whose rows say what their events said are references; the renamed epoch's too.
    expect(rows(db, 'SELECT count(*) AS n FROM event_log WHERE message IS NOT NULL')).toEqual([{ n: 7 }]);
    expect(rows(db, "SELECT name FROM sqlite_schema WHERE name = 'messages_fts_docsize'")).toEqual([]);
    // Resume reads the current epoch, known types only.
    expect(store.readEvents('floor', 0, 1000)).toEqual(floorStory());
  });

  it('names a renamed conversation in its message events as the feed told it', () => {
    const store = sandbox.open();
    store.ingestBatch({ stream: 'floor', epoch: 'epoch-1', events: floorStory(), lastSeq: floorStory().length });
    // A new epoch reusing the ids renames epoch-1's conversations to c-1@epoch-1 and so on.
    store.ingestBatch({ stream: 'floor', epoch: 'epoch-2', events: floorStory(), lastSeq: floorStory().length });
    expect(rows(store.database, "SELECT count(*) AS n FROM messages WHERE conversation_id = 'c-1@epoch-1'")).toEqual([{ n: 3 }]);
    const firstEpoch = rows<{ body: string }>(store.database, "SELECT body FROM events WHERE stream = 'floor' AND epoch = 'epoch-1' ORDER BY seq").map(
      (row) => JSON.parse(row.body) as unknown,
    );
    expect(firstEpoch).toEqual(floorStory());
    expect(rows(store.database, 'SELECT count(*) AS n FROM event_log WHERE message IS NULL AND type = (SELECT code FROM event_types WHERE type = ?)', 'conversation.message')).toEqual([{ n: 0 }]);
  });

  it('keeps the whole body of a message event whose row it did not write', () => {
    const store = sandbox.open();
    store.ingestBatch({ stream: 'floor', epoch: 'epoch-1', events: floorStory(), lastSeq: floorStory().length });
    // The backfill repeats a message the live stream wrote: no new row, so its event keeps its body.
    const repeated = sequence([message('c-1', 'm-1', T0 + 50 * 1000, 'My parcel never arrived')], 1);
    store.ingestBatch({ stream: 'history', epoch: 'h-1', events: repeated, lastSeq: 1 });
    // An orphan: its conversation is unknown, so it is rejected and kept whole in the log.
    const orphan = sequence([message('c-404', 'm-1', T0, 'Hello?')], 2);
    store.ingestBatch({ stream: 'history', epoch: 'h-1', events: orphan, lastSeq: 2 });
    const history = rows<{ message: number | null; body: string | null }>(
      store.database,
      "SELECT message, body FROM event_log WHERE log = (SELECT log FROM event_logs WHERE stream = 'history') ORDER BY seq",
    );
    expect(history.map((row) => row.message)).toEqual([null, null]);
    const told = rows<{ body: string }>(store.database, "SELECT body FROM events WHERE stream = 'history' ORDER BY seq").map((row) => JSON.parse(row.body) as unknown);
    expect(told).toEqual([...repeated, ...orphan]);
    // And the next message written still refers to its own row.
    const next = sequence([message('c-1', 'm-9', T0 + 60 * MINUTE, 'Any news?')], floorStory().length + 1);
    store.ingestBatch({ stream: 'floor', epoch: 'epoch-1', events: next, lastSeq: next[0]?.seq ?? 0 });
    expect(store.readEvents('floor', floorStory().length, 10)).toEqual(next);
  });
});
