import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { CLOSE_CODES } from '../../../../src-shared/protocol/frames.js';
import type { FeedClient, FeedSnapshot } from '../../../../src-main/core/feed/feed-client.js';
import { MemorySink, T0, TestFeedServer, createClient, eventRange, waitForStatus } from './feed-test-kit.js';
import type { ServerConnection } from './feed-test-kit.js';

let server: TestFeedServer;
let client: FeedClient | null = null;

beforeEach(async () => {
  server = await TestFeedServer.start();
});

afterEach(async () => {
  await client?.stop();
  client = null;
  await server.close();
});

const seqsOf = (events: readonly FloorEvent[]) => events.map((event) => event.seq);

/** Sends a snapshot of `events` as of `seq` in chunks of `size`, the parts in the order given (1-based; default in order). */
function sendChunked(connection: ServerConnection, options: { snapshotId: string; seq: number; events: readonly FloorEvent[]; size: number; order?: readonly number[]; endless?: boolean }): void {
  const { snapshotId, seq, events, size } = options;
  const chunks: FloorEvent[][] = [];
  for (let start = 0; start < events.length; start += size) chunks.push(events.slice(start, start + size));
  connection.send({ type: 'snapshot.begin', snapshotId, stream: 'floor', epoch: 'e2', seq, time: T0 });
  const order = options.order ?? chunks.map((_chunk, index) => index + 1);
  for (const part of order) connection.send({ type: 'snapshot.chunk', snapshotId, part, events: chunks[part - 1] });
  if (!options.endless) connection.send({ type: 'snapshot.end', snapshotId, parts: chunks.length, events: events.length });
}

function startClient(sink: MemorySink): { snapshots: FeedSnapshot[] } {
  client = createClient(server, sink);
  const snapshots: FeedSnapshot[] = [];
  client.onSnapshot((snapshot) => snapshots.push(snapshot));
  client.start();
  return { snapshots };
}

describe('FeedClient with chunked snapshots', () => {
  it('asks for chunks in its hello and applies a chunked snapshot once, whole, then the live events after it', async () => {
    const sink = new MemorySink();
    sink.positions.set('floor', { epoch: 'old', lastSeq: 50 });
    server.onHello = (connection) => {
      connection.send({ type: 'welcome', protocolVersion: 1, minor: 1, sessionId: 's1', heartbeatIntervalMs: 1_000, streams: [{ stream: 'floor', epoch: 'e2', resume: 'snapshot', headSeq: 12 }], chunkedSnapshots: true });
      sendChunked(connection, { snapshotId: 'snap-1', seq: 10, events: eventRange(1, 10), size: 3 });
      connection.events('e2', eventRange(11, 12));
    };
    const { snapshots } = startClient(sink);

    const status = await waitForStatus(client as FeedClient, 'seq 12', (current) => current.lastSeq === 12);

    expect((await server.hello(0)).hello?.chunkedSnapshots).toBe(true);
    expect(sink.snapshots).toHaveLength(1);
    expect(sink.snapshots[0]).toMatchObject({ stream: 'floor', epoch: 'e2', seq: 10, time: T0 });
    expect(seqsOf(sink.snapshots[0]?.events ?? [])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(snapshots).toEqual(sink.snapshots);
    expect(seqsOf(sink.events)).toEqual([11, 12]);
    expect(status.counters.rejects).toEqual({});
  });

  it('refuses a snapshot whose chunks arrive out of order, applies nothing of it, and takes the next one whole', async () => {
    const sink = new MemorySink();
    server.onHello = (connection, _hello, index) => {
      connection.welcome({ epoch: 'e2', resume: 'snapshot', headSeq: 6 });
      if (index === 0) sendChunked(connection, { snapshotId: 'snap-1', seq: 6, events: eventRange(1, 6), size: 2, order: [1, 3, 2] });
      else sendChunked(connection, { snapshotId: 'snap-2', seq: 6, events: eventRange(1, 6), size: 2 });
    };
    const { snapshots } = startClient(sink);

    const first = server.connections[0] ?? (await server.hello(0));
    expect(await first.closed()).toBe(CLOSE_CODES.gap);
    expect(sink.snapshots).toEqual([]);
    const status = await waitForStatus(client as FeedClient, 'the second snapshot', (current) => current.lastSeq === 6);

    expect(sink.snapshots).toHaveLength(1);
    expect(seqsOf(sink.snapshots[0]?.events ?? [])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(snapshots).toHaveLength(1);
    expect(sink.rejects).toEqual([expect.objectContaining({ reason: 'bad_frame', stream: 'floor', detail: expect.stringMatching(/chunk 3 arrived where chunk 2 was due/) })]);
    expect(status.counters.rejects).toEqual({ bad_frame: 1 });
  });

  it('applies nothing of a snapshot whose connection drops midway; the next connection asks from the stored position again', async () => {
    const sink = new MemorySink();
    sink.positions.set('floor', { epoch: 'old', lastSeq: 50 });
    server.onHello = (connection, _hello, index) => {
      connection.welcome({ epoch: 'e2', resume: 'snapshot', headSeq: 8 });
      if (index === 0) {
        sendChunked(connection, { snapshotId: 'snap-1', seq: 8, events: eventRange(1, 8), size: 2, order: [1, 2], endless: true });
      } else {
        sendChunked(connection, { snapshotId: 'snap-2', seq: 8, events: eventRange(1, 8), size: 3 });
      }
    };
    startClient(sink);
    // The welcome, the begin and two chunks have arrived: half a snapshot, held and not applied.
    await waitForStatus(client as FeedClient, 'two chunks', (current) => current.counters.framesReceived >= 4);
    expect(sink.snapshots).toEqual([]);

    (await server.hello(0)).socket.terminate();
    const second = await server.hello(1);

    expect(sink.snapshots).toEqual([]);
    expect(second.hello?.streams).toEqual([{ stream: 'floor', epoch: 'old', lastSeq: 50 }]);
    await waitForStatus(client as FeedClient, 'the second snapshot', (current) => current.lastSeq === 8);
    expect(sink.snapshots).toHaveLength(1);
    expect(seqsOf(sink.snapshots[0]?.events ?? [])).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(sink.rejects).toEqual([]);
  });

  it('refuses a snapshot that an events frame interrupts', async () => {
    const sink = new MemorySink();
    server.onHello = (connection, _hello, index) => {
      connection.welcome({ epoch: 'e2', resume: 'snapshot', headSeq: 4 });
      if (index === 0) {
        sendChunked(connection, { snapshotId: 'snap-1', seq: 4, events: eventRange(1, 4), size: 2, order: [1], endless: true });
        connection.events('e2', eventRange(5, 5));
      } else {
        sendChunked(connection, { snapshotId: 'snap-2', seq: 4, events: eventRange(1, 4), size: 2 });
      }
    };
    startClient(sink);

    await waitForStatus(client as FeedClient, 'the second snapshot', (current) => current.lastSeq === 4);

    expect(sink.snapshots).toHaveLength(1);
    expect(sink.rejects).toEqual([expect.objectContaining({ reason: 'bad_frame', detail: 'an events frame arrived inside snapshot snap-1' })]);
  });

  it('still takes a one-frame snapshot from a v1 feed that does not answer the chunk offer', async () => {
    const sink = new MemorySink();
    server.onHello = (connection) => {
      connection.welcome({ epoch: 'e2', resume: 'snapshot', headSeq: 3 });
      connection.send({ type: 'snapshot', stream: 'floor', epoch: 'e2', seq: 3, time: T0, events: eventRange(1, 3) });
    };
    startClient(sink);

    await waitForStatus(client as FeedClient, 'the snapshot', (current) => current.lastSeq === 3);

    expect(seqsOf(sink.snapshots[0]?.events ?? [])).toEqual([1, 2, 3]);
    expect(sink.rejects).toEqual([]);
  });

  it('asks for one-frame snapshots when told to speak as a v1 console', async () => {
    client = createClient(server, new MemorySink(), { chunkedSnapshots: false });
    client.start();
    expect((await server.hello(0)).hello?.chunkedSnapshots).toBe(false);
  });
});
