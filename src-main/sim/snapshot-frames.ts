/**
 * The simulator's snapshot as wire frames: one `snapshot` frame when it fits the receiver's frame
 * limit, or (v1.1, for a client whose hello accepts them) `snapshot.begin`, `snapshot.chunk` 1…n
 * and `snapshot.end`, each chunk about a megabyte: well under the 4 MiB limit even when every
 * character takes three bytes.
 *
 * Events are serialized one at a time, so nothing is built that will not be sent: a one-frame
 * snapshot stops at its budget, and chunks are produced as the sender asks for them.
 */
import type { FloorEventInput } from '../../src-shared/protocol/events.js';
import { MAX_SNAPSHOT_CHUNK_EVENTS } from '../../src-shared/protocol/frames.js';

/** Characters of events per chunk: at most 3 MiB on the wire, whatever the text. */
export const SNAPSHOT_CHUNK_CHARS = 1024 * 1024;

export interface SnapshotHeader {
  readonly stream: string;
  readonly epoch: string;
  /** The state is the stream as of this seq; every snapshot event carries it (the schema needs a positive seq). */
  readonly seq: number;
  readonly time: number;
}

function eventJson(event: FloorEventInput, seq: number): string {
  return JSON.stringify({ ...event, seq });
}

/**
 * The snapshot in one frame, or null when it would be longer than `budgetChars`.
 *
 * Stops serializing as soon as the budget is passed: a floor too big for one frame costs no more
 * than the budget to find out.
 */
export function singleSnapshotFrame(header: SnapshotHeader, events: readonly FloorEventInput[], budgetChars: number): string | null {
  const prefix = `{"type":"snapshot","stream":${JSON.stringify(header.stream)},"epoch":${JSON.stringify(header.epoch)},"seq":${header.seq},"time":${header.time},"events":[`;
  let length = prefix.length + 2;
  const parts: string[] = [];
  for (const event of events) {
    const json = eventJson(event, header.seq);
    length += json.length + 1;
    if (length > budgetChars) return null;
    parts.push(json);
  }
  return `${prefix}${parts.join(',')}]}`;
}

/**
 * The snapshot as `snapshot.begin`, chunks of about `chunkChars` characters of events, and
 * `snapshot.end` with the counts the receiver checks; produced one frame at a time.
 */
export function* chunkedSnapshotFrames(header: SnapshotHeader, snapshotId: string, events: readonly FloorEventInput[], chunkChars: number = SNAPSHOT_CHUNK_CHARS): Generator<string, void, undefined> {
  const id = JSON.stringify(snapshotId);
  yield `{"type":"snapshot.begin","snapshotId":${id},"stream":${JSON.stringify(header.stream)},"epoch":${JSON.stringify(header.epoch)},"seq":${header.seq},"time":${header.time}}`;
  let part = 0;
  let pending: string[] = [];
  let pendingChars = 0;
  const chunk = (): string => {
    part += 1;
    const frame = `{"type":"snapshot.chunk","snapshotId":${id},"part":${part},"events":[${pending.join(',')}]}`;
    pending = [];
    pendingChars = 0;
    return frame;
  };
  for (const event of events) {
    const json = eventJson(event, header.seq);
    if (pending.length > 0 && (pendingChars + json.length > chunkChars || pending.length >= MAX_SNAPSHOT_CHUNK_EVENTS)) yield chunk();
    pending.push(json);
    pendingChars += json.length + 1;
  }
  if (pending.length > 0) yield chunk();
  yield `{"type":"snapshot.end","snapshotId":${id},"parts":${part},"events":${events.length}}`;
}
