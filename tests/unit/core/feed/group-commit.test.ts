/**
 * Group commit: events frames that arrive in the same task are stored in one sink call of at most
 * MAX_GROUPED_EVENTS, and any other frame first flushes what came before it.
 */
import { SYSTEM_FEED_TIMING } from '../../../../src-main/core/feed/ws-socket.js';
import { describe, expect, it } from 'vitest';
import { FeedClient, MAX_GROUPED_EVENTS, type FeedSocket, type FeedSocketHandlers, type IngestBatch } from '../../../../src-main/core/feed/feed-client.js';
import { PROTOCOL_VERSION } from '../../../../src-shared/protocol/frames.js';
import { eventRange, MemorySink } from './feed-test-kit.js';

/** A feed socket driven by the test: it hands frames to the client exactly as a socket read would. */
class ScriptedSocket implements FeedSocket {
  handlers: FeedSocketHandlers | null = null;
  readonly sent: string[] = [];
  listen(handlers: FeedSocketHandlers): void {
    this.handlers = handlers;
  }
  send(text: string): void {
    this.sent.push(text);
  }
  close(code = 1000, reason = ''): void {
    this.handlers?.close(code, reason);
  }
  terminate(): void {
    this.handlers?.close(1006, '');
  }
  deliver(frame: object): void {
    this.handlers?.message(JSON.stringify(frame));
  }
}

function setup(): { client: FeedClient; socket: ScriptedSocket; batches: IngestBatch[]; sink: MemorySink } {
  const socket = new ScriptedSocket();
  const sink = new MemorySink();
  const batches: IngestBatch[] = [];
  const ingest = sink.ingest.bind(sink);
  sink.ingest = (batch: IngestBatch) => {
    batches.push(batch);
    ingest(batch);
  };
  const client = new FeedClient({
    url: 'ws://feed.invalid',
    token: 't',
    clientName: 'test',
    clientVersion: '0',
    connect: () => socket,
    ...SYSTEM_FEED_TIMING,
    random: () => 0.5,
    sink,
  });
  client.start();
  socket.handlers?.open();
  socket.deliver({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, sessionId: 's', heartbeatIntervalMs: 60_000, streams: [{ stream: 'floor', epoch: 'e1', resume: 'replay', headSeq: 0 }] });
  return { client, socket, batches, sink };
}

const frame = (from: number, to: number) => ({ type: 'events', stream: 'floor', epoch: 'e1', events: eventRange(from, to) });

describe('group commit', () => {
  it('stores frames that arrive together in one batch, capped at MAX_GROUPED_EVENTS', async () => {
    const { client, socket, batches, sink } = setup();
    const perFrame = 500;
    const frames = MAX_GROUPED_EVENTS / perFrame + 2;
    for (let index = 0; index < frames; index++) socket.deliver(frame(index * perFrame + 1, (index + 1) * perFrame));
    // The cap flushed synchronously; the rest waits for the end of the task.
    expect(batches.map((batch) => batch.events.length)).toEqual([MAX_GROUPED_EVENTS]);
    await Promise.resolve();
    expect(batches.map((batch) => batch.events.length)).toEqual([MAX_GROUPED_EVENTS, 2 * perFrame]);
    expect(sink.events.map((event) => event.seq)).toEqual(eventRange(1, frames * perFrame).map((event) => event.seq));
    expect(client.status().lastSeq).toBe(frames * perFrame);
    await client.stop();
  });

  it('flushes pending events before a heartbeat, so its head is compared with what is stored', () => {
    const { client, socket, batches } = setup();
    socket.deliver(frame(1, 3));
    expect(batches).toHaveLength(0);
    socket.deliver({ type: 'heartbeat', time: Date.now(), heads: { floor: 3 } });
    expect(batches.map((batch) => batch.lastSeq)).toEqual([3]);
    expect(client.status().counters.gaps).toBe(0);
    void client.stop();
  });

  it('stores what arrived before the connection closed', async () => {
    const { client, socket, batches } = setup();
    socket.deliver(frame(1, 4));
    socket.close(1006, 'gone');
    expect(batches.map((batch) => batch.lastSeq)).toEqual([4]);
    await client.stop();
  });
});
