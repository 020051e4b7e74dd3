/**
 * A relay's hold on its floor's log: the epoch, the ledger and the head, kept by following the
 * events stream from the stored snapshot on. It looks at the stream every two seconds; when the
 * stream was made again (a new epoch) or the follower stopped, it starts over from the new
 * snapshot, and the relay sends every console back for one.
 */
import { errorMessage } from '../../src-shared/errors.js';
import { FloorLedger } from './floor-ledger.js';
import { epochOf } from './floor-log.js';
import type { FloorLog } from './floor-log.js';
import { follow } from './log-reader.js';
import type { Follower, LogMessage } from './log-reader.js';
import { readSnapshot, usableSnapshot } from './publisher.js';

export interface FollowerHandlers {
  /** Messages after the head, in order; `head` already counts them. */
  batch(messages: readonly LogMessage[], ledger: FloorLedger): void;
  /** The follower starts over from the stored snapshot; `newEpoch`: the log itself started over, and whatever was served belongs to an old epoch. */
  reset(newEpoch: boolean): void;
  report(line: string): void;
}

const WATCH_MS = 2_000;

export class RelayFollower {
  epoch: string | null = null;
  head = 0;
  /** The newest event time seen, and when (wall clock) it was seen. */
  lastTime = 0;
  private lastSeenAt = Date.now();
  /** The log's first seq still held. */
  logFirstSeq = 1;
  ledger = new FloorLedger();
  malformed = 0;
  private follower: Follower | null = null;
  private watch: NodeJS.Timeout | undefined;
  private stopped = false;
  private starting: Promise<void> | null = null;

  constructor(
    private readonly log: FloorLog,
    private readonly handlers: FollowerHandlers,
  ) {}

  /** Starts following; resolves once the snapshot is loaded (or there is no stream yet). */
  async start(): Promise<void> {
    await this.restart();
    this.watch = setInterval(() => void this.check(), WATCH_MS);
  }

  /** The floor's time now: the newest event's time moved on by the wall time since. */
  floorNow(): number {
    return this.lastTime === 0 ? Date.now() : this.lastTime + Math.max(0, Date.now() - this.lastSeenAt);
  }

  private async check(): Promise<void> {
    if (this.stopped || this.starting !== null) return;
    try {
      const info = await this.log.eventsInfo();
      if (info === null) {
        if (this.epoch !== null) await this.restart();
        return;
      }
      this.logFirstSeq = info.state.first_seq;
      if (epochOf(this.log.names, info) !== this.epoch || this.follower === null) await this.restart();
    } catch (error) {
      this.handlers.report(`looking at the log failed: ${errorMessage(error)}`);
    }
  }

  private restart(): Promise<void> {
    this.starting ??= this.open().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async open(): Promise<void> {
    const previous = this.follower;
    this.follower = null;
    await previous?.stop();
    const info = await this.log.eventsInfo();
    const epoch = info === null ? null : epochOf(this.log.names, info);
    const newEpoch = epoch !== this.epoch && this.epoch !== null;
    if (newEpoch) this.handlers.report(`the floor's log started over (epoch ${epoch ?? 'none'})`);
    this.handlers.reset(newEpoch);
    this.epoch = epoch;
    this.head = 0;
    this.ledger = new FloorLedger();
    if (info === null || epoch === null) return;
    this.logFirstSeq = info.state.first_seq;
    const stored = await readSnapshot(this.log).catch((error: unknown) => {
      this.handlers.report(`the stored snapshot cannot be read: ${errorMessage(error)}`);
      return null;
    });
    const usable = usableSnapshot(stored, epoch, info.state.first_seq, info.state.last_seq);
    if (usable === null && info.state.first_seq > 1) {
      this.handlers.report(`no snapshot of epoch ${epoch} reaches the log's first event (${info.state.first_seq}); waiting for the publisher to write one`);
      this.epoch = null;
      return;
    }
    if (usable !== null) {
      this.ledger = FloorLedger.restore(usable.entries);
      this.head = usable.seq;
      this.lastTime = usable.time;
    }
    this.lastSeenAt = Date.now();
    this.handlers.report(`following the log of epoch ${epoch} from seq ${this.head + 1}${usable === null ? '' : ` (snapshot at ${usable.seq})`}`);
    const ledger = this.ledger;
    this.follower = await follow(this.log, this.head + 1, (messages) => {
      if (this.ledger !== ledger) return;
      const fresh = messages.filter((message) => message.seq > this.head);
      if (fresh.length === 0) return;
      if ((fresh[0] as LogMessage).seq !== this.head + 1) {
        this.handlers.report(`the log skipped from ${this.head} to ${(fresh[0] as LogMessage).seq}; following it again`);
        this.follower = null;
        return;
      }
      this.head += fresh.length;
      this.lastSeenAt = Date.now();
      this.handlers.batch(fresh, ledger);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watch);
    await this.starting?.catch(() => undefined);
    await this.follower?.stop();
  }
}
