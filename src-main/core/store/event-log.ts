/**
 * The compact event log (store migration 200, docs/decisions/0042-a-small-cache.md): its writes, run
 * inside the store's ingest transaction, and the parse of the bodies the `events` view gives back.
 *
 * A row's key is two integers, the (stream, epoch) log's number and the seq; its type is a number
 * too. A `conversation.message` is logged as a reference to the messages row the projector wrote
 * for it, or with its body when the projector wrote none (the same message through another stream,
 * or an orphan). Message events whose seqs follow each other and whose rows' ids do too are one row,
 * a run (store migration 290): the writer keeps the run it is building and writes it when the next
 * event does not extend it, so a run costs one insert whatever its length.
 *
 * A seq already stored, or inside a stored run, is a replay: above the log's last stored event (the
 * usual case) that needs no lookup, below it one primary-key seek.
 */
import type Database from 'better-sqlite3';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import type { UnknownEventInput } from './types.js';
import { ROW_LAST_TIME } from './event-runs.js';

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
    insert: db.prepare<[number, number, number, number, number | null, string | null, number]>(
      'INSERT INTO event_log (log, seq, time, type, message, body, run) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (log, seq) DO NOTHING',
    ),
    lastStored: db.prepare<[number], number>('SELECT seq + run - 1 FROM event_log WHERE log = ? ORDER BY seq DESC LIMIT 1').pluck(),
    holds: db.prepare<[number, number, number], number>('SELECT seq + run > ? FROM event_log WHERE log = ? AND seq <= ? ORDER BY seq DESC LIMIT 1').pluck(),
    logId: db
      .prepare<[string, string], number>('INSERT INTO event_logs (stream, epoch) VALUES (?, ?) ON CONFLICT (stream, epoch) DO UPDATE SET log = log RETURNING log')
      .pluck(),
    typeCode: db.prepare<[string], number>('INSERT INTO event_types (type) VALUES (?) ON CONFLICT (type) DO UPDATE SET code = code RETURNING code').pluck(),
    // A run goes whole: only when its last event is below `belowSeq` and older than `before`.
    prune: db
      .prepare<[{ stream: string; epoch: string; belowSeq: number; before: number; limit: number }], number>(
        `DELETE FROM event_log WHERE log = (SELECT log FROM event_logs WHERE stream = :stream AND epoch = :epoch) AND seq IN
           (SELECT e.seq FROM event_log AS e WHERE e.log = (SELECT log FROM event_logs WHERE stream = :stream AND epoch = :epoch)
              AND e.seq < :belowSeq AND e.seq + e.run <= :belowSeq AND ${ROW_LAST_TIME} < :before ORDER BY e.seq LIMIT :limit)
         RETURNING run`,
      )
      .pluck(),
  };
}

/** The run being built: message events of one log, not written yet. */
interface Run {
  log: number;
  seq: number;
  time: number;
  type: number;
  message: number;
  run: number;
}

export class EventLogWriter {
  private prepared: ReturnType<typeof prepareStatements> | null = null;
  private readonly logIds = new Map<string, number>();
  private readonly typeCodes = new Map<string, number>();
  /** The last seq stored (or written by this transaction) of each log this transaction wrote. */
  private readonly lastSeqs = new Map<number, number>();
  private pending: Run | null = null;

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
   * True when the log holds no event `seq` yet; then the caller logs it, with logEvent(),
   * logMessage() or logRaw(), before asking about another seq. Called inside the ingest
   * transaction, after begin().
   */
  isNew(log: number, seq: number): boolean {
    let last = this.lastSeqs.get(log);
    if (last === undefined) {
      last = this.statements.lastStored.get(log) ?? 0;
      this.lastSeqs.set(log, last);
    }
    if (seq > last) {
      this.lastSeqs.set(log, seq);
      return true;
    }
    // Below the last stored event: a replay, or a gap filled late.
    this.flush();
    return this.statements.holds.get(seq, log, seq) !== 1;
  }

  /** Logs a known event other than a message, its body without what the columns hold. */
  logEvent(log: number, event: FloorEvent): void {
    this.flush();
    this.statements.insert.run(log, event.seq, event.time, this.typeCode(event.type), null, compactBody(event), 1);
  }

  /**
   * Logs a message event: by `written`, the messages row the projector wrote for it, extending the
   * run being built when it follows it; with its body when the projector wrote none.
   */
  logMessage(log: number, event: FloorEvent, written: number | null): void {
    const pending = this.pending;
    if (written === null) {
      this.logEvent(log, event);
      return;
    }
    const type = this.typeCode(event.type);
    if (pending !== null && pending.log === log && pending.type === type && pending.seq + pending.run === event.seq && pending.message + pending.run === written) {
      pending.run += 1;
      return;
    }
    this.flush();
    const run = { log, seq: event.seq, time: event.time, type, message: written, run: 1 };
    // A seq the log's CHECK refuses fails at this event, not at a later one.
    if (Number.isSafeInteger(event.seq) && event.seq > 0) this.pending = run;
    else this.write(run);
  }

  /** Logs an event of a type this version does not know, its raw text whole. */
  logRaw(log: number, unknown: UnknownEventInput): void {
    this.flush();
    this.statements.insert.run(log, unknown.seq, unknown.time, this.typeCode(unknown.type), null, unknown.raw, 1);
  }

  /** Writes the run being built; the ingest transaction calls it before it commits. */
  flush(): void {
    const pending = this.pending;
    if (pending === null) return;
    this.pending = null;
    this.write(pending);
  }

  private write(run: Run): void {
    this.statements.insert.run(run.log, run.seq, run.time, run.type, run.message, null, run.run);
  }

  /** Starts an ingest transaction: the last stored seqs are read again (retention or a rollback may have moved them). */
  begin(): void {
    this.pending = null;
    this.lastSeqs.clear();
  }

  /** Deletes up to `limit` rows of a log whose events are below `belowSeq` and older than `before`; returns how many events. */
  prune(stream: string, epoch: string, belowSeq: number, before: number, limit: number): number {
    let events = 0;
    for (const run of this.statements.prune.all({ stream, epoch, belowSeq, before, limit })) events += run;
    return events;
  }

  /** Forgets the numbers given inside a transaction that failed: they were rolled back with it. */
  forget(): void {
    this.logIds.clear();
    this.typeCodes.clear();
    this.begin();
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
