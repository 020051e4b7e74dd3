/**
 * The bridge from a native feed to a floor's log, against a feed written here from docs/protocol.md
 * (a real WebSocket server): what the feed's snapshot and events become in the log, and a snapshot
 * whose last event fails the schema, which must not send the bridge back for snapshot after snapshot.
 */
import { WebSocketServer } from 'ws';
import { describe, expect, it } from 'vitest';
import type { FloorEventInput } from '../../../src-shared/protocol/events.js';
import { startFeedBridge } from '../../../src-main/relay/feed-bridge.js';
import { openFloorLog } from '../../../src-main/relay/floor-log.js';
import { FloorPublisher } from '../../../src-main/relay/publisher.js';
import { waitFor } from '../../support/host-process.js';
import { cleanupAfterEach, FLOOR_START, logMessages, useTestNats } from '../../support/relay-wire.js';

const cleanup = cleanupAfterEach();
const nats = useTestNats('relay-bridge');

const T = FLOOR_START;
const wait = (queueId: string, seconds: number, seq: number): FloorEventInput & { seq: number } => ({ type: 'queue.estimated_wait', time: T + seq, queueId, seconds, seq });

describe('the feed bridge', () => {
  it('writes the feed\'s snapshot then its events, and goes on after a snapshot whose last event fails the schema', async () => {
    const hellos: unknown[] = [];
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
    server.on('connection', (socket) => {
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { type: string };
        if (frame.type !== 'hello') return;
        hellos.push(frame);
        socket.send(JSON.stringify({ type: 'welcome', protocolVersion: 1, minor: 1, sessionId: 's', heartbeatIntervalMs: 1_000, streams: [{ stream: 'floor', epoch: 'feed-1', resume: 'snapshot', headSeq: 7 }] }));
        // The snapshot's last event has a negative wait: the publisher skips it.
        socket.send(JSON.stringify({ type: 'snapshot', stream: 'floor', epoch: 'feed-1', seq: 7, time: T, events: [wait('q-1', 30, 7), wait('q-2', 40, 7), wait('q-3', -1, 7)] }));
        socket.send(JSON.stringify({ type: 'events', stream: 'floor', epoch: 'feed-1', events: [wait('q-1', 31, 8), wait('q-2', 41, 9)] }));
      });
    });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;

    const log = await openFloorLog({ servers: nats().url, floor: 'bridged', name: 'bridge test' });
    cleanup(() => log.close());
    const skipped: string[] = [];
    const publisher = await FloorPublisher.open(log, { source: { name: 'a feed', commands: true }, onSkipped: (problem) => skipped.push(problem) });
    cleanup(() => publisher.close());
    const bridge = await startFeedBridge({ log, publisher, url: `ws://127.0.0.1:${port}`, token: 't', retryMs: 50 });
    cleanup(() => bridge.close());

    await waitFor(() => publisher.headSeq === 4, { what: 'the snapshot and the events in the log' });
    const messages = await logMessages(log);
    expect(messages.map((message) => JSON.parse(new TextDecoder().decode(message.data)) as unknown)).toEqual([
      { type: 'queue.estimated_wait', time: T + 7, queueId: 'q-1', seconds: 30 },
      { type: 'queue.estimated_wait', time: T + 7, queueId: 'q-2', seconds: 40 },
      { type: 'queue.estimated_wait', time: T + 8, queueId: 'q-1', seconds: 31 },
      { type: 'queue.estimated_wait', time: T + 9, queueId: 'q-2', seconds: 41 },
    ]);
    expect(messages.map((message) => message.source)).toEqual(['feed-1 -1', 'feed-1 -1', 'feed-1 8', 'feed-1 9']);
    expect(skipped).toHaveLength(1);
    expect(publisher.sourcePosition()).toEqual({ epoch: 'feed-1', seq: 9 });
    // One hello: the events after the snapshot were taken, not refused for a snapshot again.
    expect(hellos).toHaveLength(1);
  });
});
