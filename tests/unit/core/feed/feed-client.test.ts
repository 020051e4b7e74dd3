import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { CLOSE_CODES, PROTOCOL_MINOR, PROTOCOL_VERSION } from '../../../../src-shared/protocol/frames.js';
import type { FeedClient, FeedSnapshot } from '../../../../src-main/core/feed/feed-client.js';
import { MemorySink, T0, TestFeedServer, createClient, eventRange, statusEvent, waitForStatus } from './feed-test-kit.js';

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

/** A server that replays its log from the client's lastSeq in frames of `frameSize`. */
function replayingServer(log: readonly FloorEvent[], epoch = 'e1', frameSize = 4): void {
  server.onHello = (connection, hello) => {
    const position = hello.streams[0];
    const resume = position?.epoch === undefined || position.epoch === epoch ? 'replay' : 'snapshot';
    connection.welcome({ epoch, resume, headSeq: log.length });
    const after = resume === 'replay' ? (position?.lastSeq ?? 0) : 0;
    const pending = log.filter((event) => event.seq > after);
    for (let start = 0; start < pending.length; start += frameSize) connection.events(epoch, pending.slice(start, start + frameSize));
  };
}

const seqsOf = (events: readonly FloorEvent[]) => events.map((event) => event.seq);

describe('FeedClient', () => {
  it('says hello with the token, protocol version and durable position', async () => {
    const sink = new MemorySink();
    sink.positions.set('floor', { epoch: 'e1', lastSeq: 5 });
    client = createClient(server, sink);
    client.start();
    const connection = await server.hello(0);
    expect(connection.hello).toEqual({
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      minor: PROTOCOL_MINOR,
      token: 'secret-token',
      client: { name: 'floorwatch-test', version: '0.0.0' },
      streams: [{ stream: 'floor', epoch: 'e1', lastSeq: 5 }],
      chunkedSnapshots: true,
    });
  });

  it('says hello with lastSeq 0 and no epoch when nothing is stored', async () => {
    client = createClient(server, new MemorySink());
    client.start();
    const connection = await server.hello(0);
    expect(connection.hello?.streams).toEqual([{ stream: 'floor', lastSeq: 0 }]);
  });

  it('ingests a replay from the durable seq, skips and counts duplicates, and tells listeners after storing', async () => {
    const sink = new MemorySink();
    sink.positions.set('floor', { epoch: 'e1', lastSeq: 5 });
    server.onHello = (connection) => {
      connection.welcome({ epoch: 'e1', headSeq: 10 });
      // The server resends 4 and 5 (already stored) before the new ones.
      connection.events('e1', eventRange(4, 7));
      connection.events('e1', eventRange(8, 10));
    };
    client = createClient(server, sink);
    const heard: number[][] = [];
    client.onEvents((events) => {
      expect(sink.positions.get('floor')?.lastSeq).toBeGreaterThanOrEqual(events[events.length - 1]?.seq ?? 0);
      heard.push(seqsOf(events));
    });
    client.start();
    const status = await waitForStatus(client, 'seq 10', (current) => current.lastSeq === 10);
    expect(seqsOf(sink.events)).toEqual([6, 7, 8, 9, 10]);
    // Frames that arrive together may share one transaction; either way each batch is contiguous.
    expect(heard.flat()).toEqual([6, 7, 8, 9, 10]);
    expect(status.connection).toBe('live');
    expect(status.counters).toMatchObject({ eventsIngested: 5, eventsDuplicate: 2, gaps: 0, rejects: {} });
    expect(status.lastEventAt).not.toBeNull();
    expect(sink.rejects).toEqual([]);
  });

  it('applies a snapshot when the epoch changed, rejecting events that come before it', async () => {
    const sink = new MemorySink();
    sink.positions.set('floor', { epoch: 'old', lastSeq: 50 });
    server.onHello = (connection) => {
      connection.welcome({ epoch: 'e2', resume: 'snapshot', headSeq: 5 });
      connection.events('e2', [statusEvent(4)]);
      connection.send({ type: 'snapshot', stream: 'floor', epoch: 'e2', seq: 3, time: T0, events: eventRange(1, 3) });
      connection.events('e2', eventRange(4, 5));
    };
    client = createClient(server, sink);
    const snapshots: FeedSnapshot[] = [];
    client.onSnapshot((snapshot) => snapshots.push(snapshot));
    client.start();
    const status = await waitForStatus(client, 'seq 5', (current) => current.lastSeq === 5);
    expect(sink.snapshots).toHaveLength(1);
    expect(sink.snapshots[0]).toMatchObject({ stream: 'floor', epoch: 'e2', seq: 3, time: T0 });
    expect(seqsOf(sink.snapshots[0]?.events ?? [])).toEqual([1, 2, 3]);
    expect(snapshots).toEqual(sink.snapshots);
    expect(seqsOf(sink.events)).toEqual([4, 5]);
    expect(sink.positions.get('floor')).toEqual({ epoch: 'e2', lastSeq: 5 });
    expect(status.counters.rejects).toEqual({ epoch_mismatch: 1 });
    expect(sink.rejects).toEqual([expect.objectContaining({ reason: 'epoch_mismatch', stream: 'floor' })]);
  });

  it('adopts the epoch of a replay when nothing is stored yet', async () => {
    const sink = new MemorySink();
    replayingServer(eventRange(1, 6), 'fresh');
    client = createClient(server, sink);
    client.start();
    await waitForStatus(client, 'seq 6', (current) => current.lastSeq === 6);
    expect(sink.positions.get('floor')).toEqual({ epoch: 'fresh', lastSeq: 6 });
  });

  it('on a gap, stores what came before it, reconnects at once with close code 4004 and loses nothing', async () => {
    const sink = new MemorySink();
    const log = eventRange(1, 12);
    server.onHello = (connection, hello, index) => {
      const after = hello.streams[0]?.lastSeq ?? 0;
      connection.welcome({ epoch: 'e1', headSeq: 12 });
      if (index === 0) {
        connection.events('e1', eventRange(1, 3));
        // seq 4 never arrives on this connection.
        connection.events('e1', eventRange(5, 7));
        return;
      }
      connection.events('e1', log.filter((event) => event.seq > after));
    };
    client = createClient(server, sink);
    client.start();
    const first = await server.hello(0);
    expect(await first.closed()).toBe(CLOSE_CODES.gap);
    const second = await server.hello(1);
    expect(second.hello?.streams[0]).toEqual({ stream: 'floor', epoch: 'e1', lastSeq: 3 });
    const status = await waitForStatus(client, 'seq 12', (current) => current.lastSeq === 12);
    expect(seqsOf(sink.events)).toEqual(seqsOf(log));
    expect(status.counters.gaps).toBe(1);
    expect(status.lastError).toMatch(/gap/);
  });

  it('counts each malformed input with its reason and keeps ingesting the valid events around it', async () => {
    const sink = new MemorySink();
    server.onHello = (connection) => {
      connection.welcome({ epoch: 'e1' });
      connection.events('e1', eventRange(1, 2));
      connection.sendRaw('{this is not json');
      connection.send({ type: 'heartbeat', time: 'noon', heads: {} });
      connection.events('e1', [
        statusEvent(3),
        { seq: 4, time: T0, type: 'agent.teleported', agentId: 'a1', to: 'Mars' },
        { ...statusEvent(5), kind: 'asleep' },
        statusEvent(6),
        statusEvent(6),
        statusEvent(4),
        'garbage',
      ]);
      connection.sendRaw(JSON.stringify({ type: 'events', stream: 'floor', epoch: 'e1', events: [{ ...statusEvent(7), reason: 'x'.repeat(5_000) }] }));
      connection.events('e1', [statusEvent(7)]);
    };
    client = createClient(server, sink, { maxFrameBytes: 4_096 });
    client.start();
    const status = await waitForStatus(client, 'seq 7', (current) => current.lastSeq === 7);
    expect(seqsOf(sink.events)).toEqual([1, 2, 3, 6, 7]);
    expect(sink.unknownEvents).toEqual([expect.objectContaining({ seq: 4, type: 'agent.teleported' })]);
    expect(status.counters.rejects).toEqual({ not_json: 1, bad_frame: 1, unknown_event_type: 1, invalid_event: 2, out_of_order: 1, oversized: 1 });
    expect(status.counters.eventsDuplicate).toBe(1);
    expect(status.counters.eventsIngested).toBe(5);
    expect(status.counters.framesReceived).toBe(7);
    expect(sink.rejects.map((reject) => reject.reason).sort()).toEqual(['bad_frame', 'invalid_event', 'invalid_event', 'not_json', 'out_of_order', 'oversized']);
    expect(sink.rejects.find((reject) => reject.reason === 'invalid_event' && reject.seq === 5)?.detail).toMatch(/kind/);
    expect(sink.rejects.find((reject) => reject.reason === 'out_of_order')?.seq).toBe(4);
    // The rejected seq 5 was consumed: no gap, no reconnect.
    expect(server.connections).toHaveLength(1);
    expect(status.counters.gaps).toBe(0);
  });

  it('reconnects with backoff when no frame arrives within the heartbeat timeout, and sends heartbeats meanwhile', async () => {
    const sink = new MemorySink();
    server.onHello = (connection) => connection.welcome({ epoch: 'e1', heartbeatIntervalMs: 100 });
    client = createClient(server, sink);
    client.start();
    const first = await server.hello(0);
    // The client beats every interval even though the server stays silent.
    await first.frame('heartbeat');
    await waitForStatus(client, 'a reconnect after the silence', (current) => current.connection === 'reconnecting');
    expect(client.status().lastError).toMatch(/no frame from the feed within 1500 ms/);
    expect(client.status().nextRetryAt).not.toBeNull();
    await server.hello(1);
    await waitForStatus(client, 'live again', (current) => current.connection === 'live');
    expect(client.status().reconnectAttempts).toBe(0);
  });

  it('stays connected while the server sends heartbeats', async () => {
    const sink = new MemorySink();
    server.onHello = (connection) => connection.welcome({ epoch: 'e1', heartbeatIntervalMs: 100 });
    server.onFrame = (connection, frame) => {
      // Echo each client heartbeat with one of ours: the link is alive both ways.
      if (frame.type === 'heartbeat') connection.send({ type: 'heartbeat', time: Date.now(), heads: { floor: 0 } });
    };
    client = createClient(server, sink, { heartbeatTimeoutMs: 600 });
    client.start();
    const first = await server.hello(0);
    await first.frame('heartbeat', () => first.frames.filter((frame) => frame.type === 'heartbeat').length >= 15);
    expect(server.connections).toHaveLength(1);
    expect(client.status().connection).toBe('live');
  });

  it('treats a server that is ahead but sends nothing as a gap', async () => {
    const sink = new MemorySink();
    server.onHello = (connection, hello, index) => {
      connection.welcome({ epoch: 'e1', heartbeatIntervalMs: 100, headSeq: 3 });
      if (index === 0) {
        // Heads say 3, but the events never come.
        for (let beat = 0; beat < 6; beat += 1) connection.send({ type: 'heartbeat', time: T0, heads: { floor: 3 } });
        return;
      }
      connection.events('e1', eventRange((hello.streams[0]?.lastSeq ?? 0) + 1, 3));
    };
    let clock = T0;
    client = createClient(server, sink, { now: () => (clock += 60) });
    client.start();
    expect(await (await server.hello(0)).closed()).toBe(CLOSE_CODES.gap);
    const status = await waitForStatus(client, 'seq 3', (current) => current.lastSeq === 3);
    expect(status.counters.gaps).toBe(1);
    expect(seqsOf(sink.events)).toEqual([1, 2, 3]);
  });

  it('stops (and only retries slowly) when the server refuses the token', async () => {
    const sink = new MemorySink();
    client = createClient(server, sink, { token: 'wrong' });
    const startedAt = Date.now();
    client.start();
    const status = await waitForStatus(client, 'stopped', (current) => current.connection === 'stopped');
    expect(status.lastError).toMatch(/unauthorized/);
    expect(status.nextRetryAt).not.toBeNull();
    // Planned at least the refused minimum (5 s) after the refusal, however slowly the test ran.
    expect((status.nextRetryAt ?? 0) - startedAt).toBeGreaterThanOrEqual(5_000);
    expect(server.connections).toHaveLength(1);
  });

  it('advances nothing when the sink fails to store, reconnects, and succeeds on the replay', async () => {
    const sink = new MemorySink();
    sink.failIngest = 1;
    replayingServer(eventRange(1, 6));
    client = createClient(server, sink);
    const heard: number[] = [];
    client.onEvents((events) => heard.push(...seqsOf(events)));
    client.start();
    const first = await server.hello(0);
    await first.closed();
    const second = await server.hello(1);
    expect(second.hello?.streams[0]).toEqual({ stream: 'floor', lastSeq: 0 });
    const status = await waitForStatus(client, 'seq 6', (current) => current.lastSeq === 6);
    expect(seqsOf(sink.events)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(heard).toEqual([1, 2, 3, 4, 5, 6]);
    expect(status.counters.eventsIngested).toBe(6);
    expect(status.lastError).toMatch(/disk full/);
  });

  it('queues a command while disconnected, resends it under the same id after a reconnect, and resolves once', async () => {
    const sink = new MemorySink();
    server.onHello = (connection) => connection.welcome({ epoch: 'e1' });
    server.onFrame = (connection, frame) => {
      if (frame.type !== 'command') return;
      if (server.connections.indexOf(connection) === 0) {
        // Lost with the connection: no answer.
        connection.socket.terminate();
        return;
      }
      connection.send({ type: 'command.result', commandId: frame.commandId, ok: true });
      connection.send({ type: 'command.result', commandId: frame.commandId, ok: false, reason: 'already applied' });
    };
    client = createClient(server, sink);
    const outcome = client.sendCommand('cmd-1', { type: 'queue.end_all', queueId: 'q1' });
    expect(client.sendCommand('cmd-1', { type: 'queue.end_all', queueId: 'q1' })).toBe(outcome);
    client.start();
    await expect(outcome).resolves.toEqual({ ok: true });
    const sent = server.connections.flatMap((connection) => connection.frames.filter((frame) => frame.type === 'command'));
    expect(sent).toHaveLength(2);
    expect(sent.map((frame) => frame.type === 'command' && frame.commandId)).toEqual(['cmd-1', 'cmd-1']);
  });

  it('answers a command with a clear reason when the feed never does', async () => {
    server.onHello = (connection) => connection.welcome({ epoch: 'e1' });
    client = createClient(server, new MemorySink(), { commandTimeoutMs: 200 });
    client.start();
    const outcome = await client.sendCommand('cmd-2', { type: 'conversation.take_over', conversationId: 'c1', supervisorId: 's1' });
    expect(outcome.ok).toBe(false);
    expect(outcome.reason).toMatch(/no answer from the feed within/);
  });

  it('refuses an invalid command without sending it', async () => {
    client = createClient(server, new MemorySink());
    const outcome = await client.sendCommand('cmd-3', { type: 'queue.end_all', queueId: '' });
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/invalid command: queueId/) });
  });

  it('runs a backfill and reports its progress', async () => {
    const sink = new MemorySink();
    server.onHello = (connection) => connection.welcome({ epoch: 'e1' });
    server.onFrame = (connection, frame) => {
      if (frame.type !== 'backfill.request') return;
      const chunk = (from: number, to: number, done: boolean) =>
        connection.send({ type: 'backfill', requestId: frame.requestId, stream: 'history', epoch: 'h1', events: eventRange(from, to), progress: { sentEvents: to, totalEvents: 9 }, done });
      chunk(1, 3, false);
      chunk(4, 6, false);
      chunk(7, 9, true);
    };
    client = createClient(server, sink);
    const states: string[] = [];
    client.onStatus((status) => {
      if (states[states.length - 1] !== `${status.backfill.state}:${status.backfill.sentEvents}`) states.push(`${status.backfill.state}:${status.backfill.sentEvents}`);
    });
    client.start();
    client.requestBackfill({ since: T0 - 86_400_000, until: T0, maxEvents: 100 });
    const request = await (await server.hello(0)).frame('backfill.request');
    expect(request).toMatchObject({ since: T0 - 86_400_000, until: T0, maxEvents: 100 });
    const status = await waitForStatus(client, 'backfill done', (current) => current.backfill.state === 'done');
    expect(status.backfill).toEqual({ state: 'done', sentEvents: 9, totalEvents: 9 });
    expect(states).toEqual(['idle:0', 'running:0', 'running:3', 'running:6', 'done:9']);
    expect(sink.backfills.map((batch) => [batch.stream, batch.epoch, seqsOf(batch.events), batch.done])).toEqual([
      ['history', 'h1', [1, 2, 3], false],
      ['history', 'h1', [4, 5, 6], false],
      ['history', 'h1', [7, 8, 9], true],
    ]);
  });

  it('stores a large backfill frame in parts, a turn each, and handles the frames that arrived meanwhile after it, in order', async () => {
    const sink = new MemorySink();
    // Each part stored, and whether a task queued when the first part was stored had run by then.
    const parts: { readonly seqs: number[]; readonly done: boolean; readonly turnPassed: boolean }[] = [];
    let turn = false;
    sink.backfill = (batch) => {
      if (parts.length === 0) setImmediate(() => (turn = true));
      parts.push({ seqs: seqsOf(batch.events), done: batch.done, turnPassed: turn });
    };
    server.onHello = (connection) => connection.welcome({ epoch: 'e1' });
    server.onFrame = (connection, frame) => {
      if (frame.type !== 'backfill.request') return;
      connection.send({ type: 'backfill', requestId: frame.requestId, stream: 'history', epoch: 'h1', events: eventRange(1, 10), progress: { sentEvents: 10, totalEvents: 12 }, done: false });
      // Sent at once behind it: a live events frame, then the backfill's last frame.
      connection.send({ type: 'events', stream: 'floor', epoch: 'e1', events: eventRange(1, 2) });
      connection.send({ type: 'backfill', requestId: frame.requestId, stream: 'history', epoch: 'h1', events: eventRange(11, 12), progress: { sentEvents: 12, totalEvents: 12 }, done: true });
    };
    client = createClient(server, sink, { backfillPartEvents: 3 });
    client.start();
    client.requestBackfill({ since: T0 - 86_400_000, until: T0, maxEvents: 100 });
    await server.hello(0);
    const status = await waitForStatus(client, 'backfill done', (current) => current.backfill.state === 'done');
    expect(status.backfill).toEqual({ state: 'done', sentEvents: 12, totalEvents: 12 });
    expect(parts.map((part) => [part.seqs, part.done])).toEqual([
      [[1, 2, 3], false],
      [[4, 5, 6], false],
      [[7, 8, 9], false],
      [[10], false],
      [[11, 12], true],
    ]);
    // The event loop turned between the parts: what was queued at the first ran before the last.
    expect(parts[0]?.turnPassed).toBe(false);
    expect(parts[3]?.turnPassed).toBe(true);
    // The live frame, kept while the parts were stored, was stored once, in order.
    expect(seqsOf(sink.events)).toEqual([1, 2]);
    expect(client.status().counters.framesReceived).toBeGreaterThanOrEqual(4);
  });

  it('stops cleanly: closes with 1000 and does not reconnect', async () => {
    server.onHello = (connection) => connection.welcome({ epoch: 'e1' });
    client = createClient(server, new MemorySink());
    client.start();
    await waitForStatus(client, 'live', (current) => current.connection === 'live');
    const connection = await server.hello(0);
    await client.stop();
    expect(await connection.closed()).toBe(1000);
    expect(client.status()).toMatchObject({ connection: 'stopped', nextRetryAt: null });
    await expect(client.sendCommand('late', { type: 'queue.end_all', queueId: 'q1' })).resolves.toMatchObject({ ok: false });
  });

  it('retries with backoff when the feed cannot be reached', async () => {
    await server.close();
    client = createClient(server, new MemorySink());
    client.start();
    const status = await waitForStatus(client, 'two failed attempts', (current) => current.reconnectAttempts >= 2);
    expect(status.connection).toBe('reconnecting');
    expect(status.lastError).not.toBeNull();
    server = await TestFeedServer.start();
  });
});
