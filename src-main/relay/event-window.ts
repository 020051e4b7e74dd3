/**
 * The relay's window on its floor's log: the latest events as wire text, each with the queues it
 * concerns, and the frames built from them (docs/relay.md, "Serving consoles").
 *
 * A log message's body is the event without `seq`; its stream sequence is the seq, written into
 * the text here once. An event outside a console's scope goes to that console as
 * `{"seq","time","type":"feed.withheld"}` (docs/protocol.md), so its numbering stays whole. A
 * message that is not a canonical event's shape (nothing but a publisher writes the log, but a
 * log is a boundary) is counted and withheld from everyone.
 */
import type { FloorEventInput } from '../../src-shared/protocol/events.js';
import { visibleTo } from './floor-ledger.js';
import type { EventQueues } from './floor-ledger.js';
import type { LogMessage } from './log-reader.js';

export interface WindowEntry {
  readonly seq: number;
  readonly time: number;
  /** The event as wire text with its seq; null for a malformed message. */
  readonly json: string | null;
  readonly queues: EventQueues;
}

const decoder = new TextDecoder();

/** A log message as an entry, and its event (null when malformed) for the relay's ledger. */
export function entryOf(message: LogMessage, previousTime: number): { entry: WindowEntry; event: FloorEventInput | null } {
  const text = decoder.decode(message.data);
  let event: FloorEventInput | null = null;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && typeof (parsed as { type?: unknown }).type === 'string' && Number.isSafeInteger((parsed as { time?: unknown }).time) && text.startsWith('{"')) {
      event = parsed as FloorEventInput;
    }
  } catch {
    event = null;
  }
  return {
    entry: { seq: message.seq, time: event?.time ?? previousTime, json: event === null ? null : `{"seq":${message.seq},${text.slice(1)}`, queues: message.queues },
    event,
  };
}

/** The scope a console sees, and the key consoles of one scope share frames under. */
export interface Viewer {
  readonly scope: readonly string[] | null;
  readonly scopeKey: string;
}

export function viewerOf(scope: readonly string[] | null): Viewer {
  return { scope, scopeKey: scope === null ? '*' : [...new Set(scope)].sort().join(',') };
}

/** The entry as this viewer may see it. */
export function entryText(entry: WindowEntry, viewer: Viewer): string {
  if (entry.json !== null && visibleTo(entry.queues, viewer.scope)) return entry.json;
  return `{"seq":${entry.seq},"time":${entry.time},"type":"feed.withheld"}`;
}

/** An `events` frame of these entries as this viewer may see them. */
export function eventsFrame(stream: string, epoch: string, entries: readonly WindowEntry[], viewer: Viewer): string {
  const parts: string[] = new Array<string>(entries.length);
  for (let index = 0; index < entries.length; index++) parts[index] = entryText(entries[index] as WindowEntry, viewer);
  return `{"type":"events","stream":${JSON.stringify(stream)},"epoch":${JSON.stringify(epoch)},"events":[${parts.join(',')}]}`;
}

/** The latest entries, at most `capacity` of them, contiguous by seq. */
export class EventWindow {
  private entries: WindowEntry[] = [];
  private offset = 0;

  constructor(private readonly capacity: number) {}

  /** The seq of the oldest entry held (head + 1 when empty). */
  firstSeq(head: number): number {
    return this.entries.length > this.offset ? (this.entries[this.offset] as WindowEntry).seq : head + 1;
  }

  push(entry: WindowEntry): void {
    this.entries.push(entry);
    const held = this.entries.length - this.offset;
    if (held > this.capacity) this.offset += held - this.capacity;
    // Compact once a quarter of the array is behind the window.
    if (this.offset > Math.max(1_024, this.capacity / 4)) {
      this.entries = this.entries.slice(this.offset);
      this.offset = 0;
    }
  }

  /** Entries from `from` on, at most `limit`; empty when `from` is not held. */
  slice(from: number, limit: number): readonly WindowEntry[] {
    const first = this.entries[this.offset];
    if (first === undefined || from < first.seq) return [];
    const start = this.offset + (from - first.seq);
    return this.entries.slice(start, start + limit);
  }

  clear(): void {
    this.entries = [];
    this.offset = 0;
  }
}
