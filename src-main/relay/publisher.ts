/**
 * The one writer of a floor's log (docs/relay.md, "Publishing"). It checks each canonical event
 * against the protocol's schema (an event that fails is counted and skipped), tags it with the
 * queues it concerns (FloorLedger), and appends it to the events stream with JetStream's
 * expected-last-sequence check, so two publishers of one floor cannot interleave: the second one's
 * write is refused and it stops. Every so often (by events and by time) it writes the compacted
 * floor to the object store, where relays start from.
 *
 * A publisher that starts again restores its ledger from the last snapshot and the events after it,
 * and reads where its source stood from the last event's Fw-Source header.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { headers } from '@nats-io/transport-node';
import { JetStreamApiError } from '@nats-io/jetstream';
import type { PubAck } from '@nats-io/jetstream';
import type { FloorEventInput } from '../../src-shared/protocol/events.js';
import { eventProblem } from '../adapters/adapter.js';
import { epochOf, QUEUES_HEADER, queuesHeader, SOURCE_HEADER } from './floor-log.js';
import type { FloorLog } from './floor-log.js';
import { FloorLedger } from './floor-ledger.js';
import type { LedgerEntry } from './floor-ledger.js';
import { readRange } from './log-reader.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * The key, in the source bucket, naming the object that holds the latest snapshot. Each snapshot is
 * an object of its own, never replaced while someone may read it: the object store removes a
 * replaced object's parts, and a reader halfway through them would wait for parts that are gone.
 */
export const SNAPSHOT_POINTER = 'snapshot';
/** Snapshots kept in the object store: the latest and the one before, which a reader may still be reading. */
const SNAPSHOTS_KEPT = 2;
/** A snapshot read that takes longer is abandoned and tried again (at most three times). */
const SNAPSHOT_READ_TIMEOUT_MS = 15_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A stored snapshot: the floor of `epoch` as of event `seq`. */
export interface StoredSnapshot {
  readonly epoch: string;
  readonly seq: number;
  readonly time: number;
  readonly entries: readonly LedgerEntry[];
}

/** Where a bridged source stood: its epoch and the last of its seqs in the log. */
export interface SourcePosition {
  readonly epoch: string;
  readonly seq: number;
}

/** What the publisher says of its source, in the source bucket, for relays. */
export interface SourceInfo {
  readonly name: string;
  /** Whether commands sent to this floor are carried out (a bridged feed) or refused (a platform adapter). */
  readonly commands: boolean;
}

export interface PublisherOptions {
  readonly source: SourceInfo;
  /** A snapshot after this many events (default 20,000)… */
  readonly snapshotEveryEvents?: number;
  /** …or this long after the last one when anything changed (default 10 s). */
  readonly snapshotEveryMs?: number;
  /** An event that failed the schema: counted, skipped, and told here. */
  readonly onSkipped?: (problem: string) => void;
}

/** The latest snapshot in the object store, or null when there is none. */
export async function readSnapshot(log: FloorLog): Promise<StoredSnapshot | null> {
  for (let attempt = 1; ; attempt += 1) {
    const pointer = await log.source.get(SNAPSHOT_POINTER);
    if (pointer === null || pointer.operation !== 'PUT') return null;
    const name = pointer.string();
    try {
      const blob = await withTimeout(log.snapshots.getBlob(name), SNAPSHOT_READ_TIMEOUT_MS, `reading snapshot ${name}`);
      // Gone meanwhile (two newer ones were written): the pointer names a newer one now.
      if (blob !== null) return parseSnapshot(blob);
      if (attempt >= 3) return null;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function parseSnapshot(blob: Uint8Array): Promise<StoredSnapshot> {
  const parsed = JSON.parse((await gunzipAsync(blob)).toString('utf8')) as StoredSnapshot;
  if (typeof parsed.epoch !== 'string' || !Number.isSafeInteger(parsed.seq) || !Array.isArray(parsed.entries)) throw new Error('the stored snapshot is not a snapshot');
  return parsed;
}

/**
 * The stored snapshot a reader of the log can start from: of this epoch, no further than the log's
 * last event, and reaching its first (the events between are still there); null when there is none.
 */
export function usableSnapshot(stored: StoredSnapshot | null, epoch: string, firstSeq: number, lastSeq: number): StoredSnapshot | null {
  return stored !== null && stored.epoch === epoch && stored.seq <= lastSeq && stored.seq >= firstSeq - 1 ? stored : null;
}

/**
 * The ledger as of the log's head: the snapshot of this epoch, then every event after it. Throws when
 * the events between the snapshot and the log's first event are gone (nothing can rebuild the floor).
 */
export async function restoreLedger(log: FloorLog, epoch: string, firstSeq: number, lastSeq: number, onMessage?: (seq: number, source: string | undefined) => void): Promise<{ ledger: FloorLedger; seq: number; time: number }> {
  const stored = await readSnapshot(log).catch(() => null);
  const usable = usableSnapshot(stored, epoch, firstSeq, lastSeq);
  if (usable === null && firstSeq > 1) throw new Error(`no snapshot of epoch ${epoch} reaches the log's first event (${firstSeq}); the floor cannot be rebuilt`);
  const ledger = usable === null ? new FloorLedger() : FloorLedger.restore(usable.entries);
  let time = usable?.time ?? 0;
  const from = (usable?.seq ?? 0) + 1;
  await readRange(log, from, lastSeq, (message) => {
    // A message that is no canonical event (nothing but a publisher writes the log, but a log is a
    // boundary) is withheld by the relays; it must not stop the floor's writer from starting again.
    const event = parseEvent(message.data);
    if (event !== null) {
      ledger.apply(event);
      time = Math.max(time, event.time);
    }
    onMessage?.(message.seq, message.source);
  });
  return { ledger, seq: lastSeq, time };
}

/** Where the log stands for its writer: its epoch, the ledger at its head, and where the bridged source stood at its last event. */
async function readLogHead(log: FloorLog): Promise<{ epoch: string; ledger: FloorLedger; seq: number; time: number; position: SourcePosition | null }> {
  const info = await log.eventsInfo();
  if (info === null) throw new Error(`the stream ${log.names.eventsStream} does not exist`);
  const epoch = epochOf(log.names, info);
  let position: SourcePosition | null = null;
  const restored = await restoreLedger(log, epoch, info.state.first_seq, info.state.last_seq, (seq, source) => {
    if (seq === info.state.last_seq) position = parsePosition(source);
  });
  return { epoch, ...restored, position };
}

export class FloorPublisher {
  private writtenSeq: number;
  private snapshotSeq: number;
  private lastSnapshotAt = Date.now();
  private snapshotTimer: NodeJS.Timeout | undefined;
  private snapshotting: Promise<void> | null = null;
  private skipped = 0;
  /** Publishes whose acknowledgements are awaited: no snapshot is taken meanwhile (its events may not all be stored). */
  private publishing = 0;
  /** Set when another writer was found: this publisher writes nothing more. */
  private failure: Error | null = null;

  private constructor(
    private readonly log: FloorLog,
    private readonly options: PublisherOptions,
    private ledger: FloorLedger,
    private currentEpoch: string,
    private lastSeq: number,
    private lastTime: number,
    private position: SourcePosition | null,
  ) {
    this.writtenSeq = lastSeq;
    this.snapshotSeq = lastSeq;
    const every = Math.max(100, options.snapshotEveryMs ?? 10_000);
    this.snapshotTimer = setInterval(() => {
      if (this.lastSeq > this.snapshotSeq && this.publishing === 0 && this.failure === null) void this.writeSnapshot().catch(() => undefined);
    }, every);
    this.snapshotTimer.unref();
  }

  /** Opens the floor's log for writing: restores the ledger, and says so in the source bucket. */
  static async open(log: FloorLog, options: PublisherOptions): Promise<FloorPublisher> {
    const head = await readLogHead(log);
    await log.source.put('info', JSON.stringify(options.source));
    return new FloorPublisher(log, options, head.ledger, head.epoch, head.seq, head.time, head.position);
  }

  get epoch(): string {
    return this.currentEpoch;
  }

  get headSeq(): number {
    return this.lastSeq;
  }

  get skippedCount(): number {
    return this.skipped;
  }

  /** Where the bridged source stood at the last event written, or null. */
  sourcePosition(): SourcePosition | null {
    return this.position;
  }

  /**
   * The source stands here though no event written says so (its snapshot's last event failed the
   * schema, or it had none): for this run only; a publisher started again reads the log's own.
   */
  notePosition(position: SourcePosition): void {
    this.position = position;
  }

  /**
   * Appends events in order and resolves once JetStream has stored every one. Events that fail the
   * schema are skipped. Throws when another writer has appended to the log: this one must stop.
   */
  async publish(events: readonly FloorEventInput[], source?: SourcePosition | ((event: FloorEventInput) => SourcePosition)): Promise<void> {
    if (this.failure !== null) throw this.failure;
    this.publishing += 1;
    try {
      await this.append(events, source);
    } finally {
      this.publishing -= 1;
    }
    if (this.lastSeq - this.snapshotSeq >= (this.options.snapshotEveryEvents ?? 20_000)) await this.writeSnapshot();
  }

  /** The error that stopped this publisher (another writer on its floor), or null. */
  get stopped(): Error | null {
    return this.failure;
  }

  private async append(events: readonly FloorEventInput[], source?: SourcePosition | ((event: FloorEventInput) => SourcePosition)): Promise<void> {
    const acks: Promise<PubAck>[] = [];
    let position: SourcePosition | undefined;
    for (const input of events) {
      const { seq: _ignored, ...event } = input as FloorEventInput & { seq?: number };
      const problem = eventProblem(event as FloorEventInput);
      if (problem !== null) {
        this.skipped += 1;
        this.options.onSkipped?.(`${String((event as { type?: unknown }).type)}: ${problem}`);
        continue;
      }
      const queues = this.ledger.apply(event as FloorEventInput);
      const header = headers();
      const tag = queuesHeader(queues);
      if (tag !== undefined) header.set(QUEUES_HEADER, tag);
      position = typeof source === 'function' ? source(input) : source;
      if (position !== undefined) header.set(SOURCE_HEADER, `${position.epoch} ${position.seq}`);
      acks.push(this.log.js.publish(this.log.names.eventsSubject, JSON.stringify(event), { headers: header, expect: { lastSequence: this.lastSeq, streamName: this.log.names.eventsStream } }));
      this.lastSeq += 1;
      this.lastTime = Math.max(this.lastTime, event.time);
    }
    if (position !== undefined) this.position = position;
    let written: PubAck[];
    try {
      written = await Promise.all(acks);
    } catch (error) {
      await Promise.allSettled(acks);
      if (error instanceof JetStreamApiError && (error.code === 10071 || error.code === 10164)) {
        // The log has events this publisher did not write: a second publisher. Stop, never interleave.
        this.failure = new Error(`another publisher is writing floor ${this.log.names.floor}: the log moved on without this one (${error.message}); stop it, then start one publisher`);
        throw this.failure;
      }
      // Some events may be stored, some not: take the log's word for where it stands.
      await this.reload();
      throw error;
    }
    const last = written.at(-1);
    if (last !== undefined) this.writtenSeq = last.seq;
  }

  /** The ledger, head and source position again from the log itself, after a failed write. */
  private async reload(): Promise<void> {
    const head = await readLogHead(this.log);
    this.currentEpoch = head.epoch;
    this.ledger = head.ledger;
    this.lastSeq = head.seq;
    this.writtenSeq = head.seq;
    this.lastTime = head.time;
    this.position = head.position;
  }

  /** Writes the ledger as of the last event stored. */
  async writeSnapshot(): Promise<void> {
    if (this.snapshotting !== null) return this.snapshotting;
    const snapshot: StoredSnapshot = { epoch: this.currentEpoch, seq: this.lastSeq, time: this.lastTime, entries: this.ledger.snapshot() };
    const write = (async () => {
      const body = await gzipAsync(Buffer.from(JSON.stringify(snapshot)));
      const name = `snapshot-${snapshot.seq}-${Date.now().toString(36)}`;
      await this.log.snapshots.putBlob({ name }, new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
      await this.log.source.put(SNAPSHOT_POINTER, name);
      await this.removeSnapshots(SNAPSHOTS_KEPT);
      this.snapshotSeq = snapshot.seq;
      this.lastSnapshotAt = Date.now();
    })();
    this.snapshotting = write;
    try {
      await write;
    } finally {
      this.snapshotting = null;
    }
  }

  /**
   * Starts a new epoch: the source lost its numbering, so the log is made again from nothing (every
   * console then takes a snapshot). The old snapshot goes with it.
   */
  async newEpoch(): Promise<void> {
    await this.snapshotting?.catch(() => undefined);
    await this.log.source.delete(SNAPSHOT_POINTER).catch(() => undefined);
    await this.removeSnapshots(0);
    const config = (await this.log.jsm.streams.info(this.log.names.eventsStream)).config;
    await this.log.jsm.streams.delete(this.log.names.eventsStream);
    const info = await this.log.jsm.streams.add(config);
    this.currentEpoch = epochOf(this.log.names, info);
    this.ledger = new FloorLedger();
    this.lastSeq = 0;
    this.writtenSeq = 0;
    this.snapshotSeq = 0;
    this.lastTime = 0;
    this.position = null;
  }

  /** Removes the stored snapshots but the newest `keep` (the pointer's first). */
  private async removeSnapshots(keep: number): Promise<void> {
    const stored = (await this.log.snapshots.list()).filter((info) => !info.deleted).sort((a, b) => b.mtime.localeCompare(a.mtime));
    const pointer = await this.log.source.get(SNAPSHOT_POINTER);
    const current = pointer?.operation === 'PUT' ? pointer.string() : null;
    const ordered = [...stored.filter((info) => info.name === current), ...stored.filter((info) => info.name !== current)];
    for (const info of ordered.slice(keep)) await this.log.snapshots.delete(info.name).catch(() => undefined);
  }

  /** Milliseconds since the last snapshot was written. */
  snapshotAgeMs(): number {
    return Date.now() - this.lastSnapshotAt;
  }

  /** Writes a last snapshot when anything is new. */
  async close(): Promise<void> {
    clearInterval(this.snapshotTimer);
    this.snapshotTimer = undefined;
    if (this.writtenSeq > this.snapshotSeq) await this.writeSnapshot().catch(() => undefined);
  }
}

function parseEvent(data: Uint8Array): FloorEventInput | null {
  try {
    const event = JSON.parse(new TextDecoder().decode(data)) as FloorEventInput;
    return typeof event === 'object' && event !== null && eventProblem(event) === null ? event : null;
  } catch {
    return null;
  }
}

function parsePosition(value: string | undefined): SourcePosition | null {
  if (value === undefined) return null;
  const space = value.lastIndexOf(' ');
  const seq = Number(value.slice(space + 1));
  return space > 0 && Number.isSafeInteger(seq) ? { epoch: value.slice(0, space), seq } : null;
}
