/**
 * Group commit: events frames that arrive together (a replay, a backfill, a burst) are stored as
 * one batch, so one transaction, of up to `maxEvents` events. A group is stored at the end of the
 * current task, at the size cap, before a frame of another stream or epoch, or before any other
 * frame (the caller flushes); a group of a connection since left is dropped, since the next
 * connection resumes from the durable seq.
 */
import type { ServerFrameOf } from '../../../src-shared/protocol/frames.js';

export interface EventsGroupingOptions<Connection> {
  readonly maxEvents: number;
  /** Stores a group as one events frame (only ever for the connection it came on). */
  readonly store: (frame: ServerFrameOf<'events'>) => void;
  /** Runs once at the end of a task that queued events; the caller flushes from there. */
  readonly endOfTask: () => void;
  /** Whether a connection is still the current one. */
  readonly isCurrent: (connection: Connection) => boolean;
}

interface Group<Connection> {
  readonly connection: Connection;
  readonly stream: string;
  readonly epoch: string;
  readonly events: unknown[];
}

export class EventsGrouping<Connection> {
  private group: Group<Connection> | null = null;
  private endOfTaskQueued = false;

  constructor(private readonly options: EventsGroupingOptions<Connection>) {}

  /** Adds a frame's events to the waiting group, storing first what cannot share its batch. */
  add(connection: Connection, frame: ServerFrameOf<'events'>): void {
    const current = this.group;
    if (current !== null && (current.connection !== connection || current.stream !== frame.stream || current.epoch !== frame.epoch)) this.flush();
    this.group ??= { connection, stream: frame.stream, epoch: frame.epoch, events: [] };
    const events = this.group.events;
    for (const event of frame.events) events.push(event);
    if (events.length >= this.options.maxEvents) {
      this.flush();
      return;
    }
    if (this.endOfTaskQueued) return;
    this.endOfTaskQueued = true;
    // Frames read from the socket in the same task arrive before this runs, and share its transaction.
    queueMicrotask(() => {
      this.endOfTaskQueued = false;
      this.options.endOfTask();
    });
  }

  /** Stores the waiting group now, unless its connection is no longer the current one. */
  flush(): void {
    const group = this.group;
    this.group = null;
    if (group === null || !this.options.isCurrent(group.connection)) return;
    this.options.store({ type: 'events', stream: group.stream, epoch: group.epoch, events: group.events });
  }
}
