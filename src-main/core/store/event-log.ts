/**
 * The compact event log (store migration 200, docs/decisions/0042-a-small-cache.md): its writes, run
 * inside the store's ingest transaction, and the parse of the bodies the `events` view gives back.
 *
 * A row's key is two integers, the (stream, epoch) log's number and the seq; its type is a number
 * too. A `conversation.message` is logged as a reference to the messages row the projector writes
 * for it: SQLite gives a new messages row the largest id plus one, so the reference is written
 * before the row and corrected in the rare case the projector writes none (the same message through
 * another stream, or an orphan), when the event keeps its body instead.
 */
import type Database from 'better-sqlite3';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import type { UnknownEventInput } from './types.js';

/**
 * An event's body as the compact log keeps it (migration 200): without the type, time and seq its
 * columns hold. Written for every event but a message, so a plain loop rather than a rest spread.
 */
function compactBody(event: FloorEvent): string {
  const body: Record<string, unknown> = {};
  for (const key in event) {
    if (key !== 'type' && key !== 'time' && key !== 'seq') body[key] = (event as unknown as Record<string, unknown>)[key];
  }
  return JSON.stringify(body);
}

/**
 * Parses the log's bodies as the `events` view gives them. A message event whose messages row is
 * gone (its conversation pruned before the log) has no body left and is skipped.
 */
export function parseEventBodies(bodies: readonly (string | null)[]): FloorEvent[] {
  const events: FloorEvent[] = [];
  for (const body of bodies) if (body !== null) events.push(JSON.parse(body) as FloorEvent);
  return events;
}


function prepareStatements(db: Database.Database) {
  return {
      insert: db.prepare<[number, number, number, number, number | null, string | null]>(
        'INSERT INTO event_log (log, seq, time, type, message, body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (log, seq) DO NOTHING',
      ),
      told: db.prepare<[number | null, string | null, number, number]>('UPDATE event_log SET message = ?, body = ? WHERE log = ? AND seq = ?'),
      logId: db
        .prepare<[string, string], number>('INSERT INTO event_logs (stream, epoch) VALUES (?, ?) ON CONFLICT (stream, epoch) DO UPDATE SET log = log RETURNING log')
        .pluck(),
      typeCode: db.prepare<[string], number>('INSERT INTO event_types (type) VALUES (?) ON CONFLICT (type) DO UPDATE SET code = code RETURNING code').pluck(),
      prune: db.prepare<[{ stream: string; epoch: string; belowSeq: number; before: number; limit: number }]>(
        `DELETE FROM event_log WHERE log = (SELECT log FROM event_logs WHERE stream = :stream AND epoch = :epoch) AND seq IN
           (SELECT seq FROM event_log WHERE log = (SELECT log FROM event_logs WHERE stream = :stream AND epoch = :epoch)
              AND seq < :belowSeq AND time < :before ORDER BY seq LIMIT :limit)`,
      ),
  };
}

export class EventLogWriter {
  private prepared: ReturnType<typeof prepareStatements> | null = null;
  private readonly logIds = new Map<string, number>();
  private readonly typeCodes = new Map<string, number>();

  /** Prepares on first write, so a store opened at an older schema (tests) still opens. */
  constructor(private readonly db: Database.Database) {}

  private get statements(): ReturnType<typeof prepareStatements> {
    this.prepared ??= prepareStatements(this.db);
    return this.prepared;
  }

  /** The number of a (stream, epoch) log, added on first use. */
  logId(stream: string, epoch: string): number {
    const key = `${stream}\u0000${epoch}`;
    let log = this.logIds.get(key);
    if (log === undefined) {
      log = this.statements.logId.get(stream, epoch) as number;
      this.logIds.set(key, log);
    }
    return log;
  }

  /**
   * Logs a known event; false when the log already holds its seq (a replay). A message is logged
   * as a reference to `nextMessage`, the id its row will get; settleMessage() then confirms it.
   */
  insert(log: number, event: FloorEvent, nextMessage: number): boolean {
    const isMessage = event.type === 'conversation.message';
    const type = this.typeCode(event.type);
    return this.statements.insert.run(log, event.seq, event.time, type, isMessage ? nextMessage : null, isMessage ? null : compactBody(event)).changes > 0;
  }

  /** Logs an event of a type this version does not know, its raw text whole. */
  insertRaw(log: number, unknown: UnknownEventInput): boolean {
    return this.statements.insert.run(log, unknown.seq, unknown.time, this.typeCode(unknown.type), null, unknown.raw).changes > 0;
  }

  /**
   * After the projector ran on a logged message: `written` is the row it wrote (or null). Returns
   * the id the next message's row will get.
   */
  settleMessage(log: number, event: FloorEvent, expected: number, written: number | null): number {
    if (written === expected) return expected + 1;
    if (written === null) {
      this.statements.told.run(null, compactBody(event), log, event.seq);
      return expected;
    }
    this.statements.told.run(written, null, log, event.seq);
    return written + 1;
  }

  /** Deletes up to `limit` events of a log below `belowSeq` and older than `before`; returns how many. */
  prune(stream: string, epoch: string, belowSeq: number, before: number, limit: number): number {
    return this.statements.prune.run({ stream, epoch, belowSeq, before, limit }).changes;
  }

  /** Forgets the numbers given inside a transaction that failed: they were rolled back with it. */
  forget(): void {
    this.logIds.clear();
    this.typeCodes.clear();
  }

  private typeCode(type: string): number {
    let code = this.typeCodes.get(type);
    if (code === undefined) {
      code = this.statements.typeCode.get(type) as number;
      this.typeCodes.set(type, code);
    }
    return code;
  }
}
