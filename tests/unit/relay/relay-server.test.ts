/**
 * A relay at the wire (docs/protocol.md): a real nats-server, a floor's log
 * written by its publisher, the relay in this process, and raw WebSocket consoles. Sign-in refusals,
 * bad frames, replay and snapshot, v1 snapshots, backfill refused, heartbeats, a log message that
 * is no event, and the log starting over.
 */
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, LIVE_STREAM } from '../../../src-shared/protocol/frames.js';
import { FloorPublisher } from '../../../src-main/relay/publisher.js';
import { waitFor } from '../../support/host-process.js';
import { cleanupAfterEach, livePosition, logMessages, ModelFloor, refusal, startWireRelay, useTestNats, WireClient, wireToken } from '../../support/relay-wire.js';
import type { Frame, WireEvent } from '../../support/relay-wire.js';

const cleanup = cleanupAfterEach();
const nats = useTestNats('relay-server');
let floors = 0;

/** A floor of its own (a minute of the model written), and a relay serving it. */
async function servedFloor(): Promise<{ floor: ModelFloor; relay: Awaited<ReturnType<typeof startWireRelay>> }> {
  floors += 1;
  const name = `server-${floors}`;
  const floor = await ModelFloor.open(nats().url, name);
  cleanup(() => floor.close());
  await floor.advance(60_000);
  const relay = await startWireRelay(nats().url, name);
  cleanup(() => relay.close());
  await waitFor(() => relay.headSeq() === floor.publisher.headSeq, { what: 'the relay to reach the log\'s head' });
  return { floor, relay };
}

function expectContiguous(events: readonly WireEvent[], from: number): void {
  expect(events.map((event) => event.seq)).toEqual(Array.from({ length: events.length }, (_unused, index) => from + index));
}

const stream = (welcome: Frame): { epoch: string; resume: string; headSeq: number } => (welcome.streams as { epoch: string; resume: string; headSeq: number }[])[0] as { epoch: string; resume: string; headSeq: number };

describe('signing in', () => {
  it('refuses a wrong token with `unauthorized` and closes with 4001', async () => {
    const { relay } = await servedFloor();
    expect(await refusal(relay.url, 'not-a-token-of-this-floor')).toEqual({ code: 'unauthorized', close: CLOSE_CODES.unauthorized, welcomed: false });
  });

  it('refuses an unsupported protocol version with 4002, even with a good token', async () => {
    const { relay } = await servedFloor();
    expect(await refusal(relay.url, wireToken('admin'), { protocolVersion: 2 })).toEqual({ code: 'unsupported_version', close: CLOSE_CODES.unsupportedVersion, welcomed: false });
  });

  it('answers a bad frame with `bad_frame` and goes on with the connection', async () => {
    const { relay } = await servedFloor();
    const client = await WireClient.open(relay.url);
    client.send('this is not JSON');
    await client.next((frame) => frame.type === 'error' && frame.code === 'bad_frame', 'the first bad_frame');
    client.send({ type: 'hello', protocolVersion: 1 });
    await waitFor(() => client.ofType('error').length === 2, { what: 'the second bad_frame' });
    client.send({ type: 'command', commandId: 'c-1', command: { type: 'queue.end_all', queueId: 'q-orders' } });
    await waitFor(() => client.ofType('error').length === 3, { what: 'the third bad_frame (a command before hello)' });
    expect(client.ofType('error').map((frame) => frame.code)).toEqual(['bad_frame', 'bad_frame', 'bad_frame']);
    expect(relay.badFrameCount()).toBe(3);
    client.hello(wireToken('admin'));
    const welcome = await client.next((frame) => frame.type === 'welcome', 'the welcome after the bad frames');
    expect(stream(welcome).headSeq).toBe(relay.headSeq());
    client.hello(wireToken('admin'));
    await waitFor(() => client.ofType('error').length === 4, { what: 'a second hello refused' });
    expect(client.ofType('error').at(-1)?.code).toBe('bad_frame');
    client.close();
  });
});

describe('resuming', () => {
  it('replays exactly the events after lastSeq to a console of the same epoch', async () => {
    const { floor, relay } = await servedFloor();
    const first = await WireClient.signIn(relay.url, wireToken('admin'));
    const epoch = stream(first.welcome).epoch;
    const lastSeq = stream(first.welcome).headSeq;
    expect(epoch).toBe(floor.publisher.epoch);
    first.client.close();
    await first.client.closed;

    await floor.advance(30_000);
    const head = floor.publisher.headSeq;
    expect(head).toBeGreaterThan(lastSeq);
    await waitFor(() => relay.headSeq() === head, { what: 'the relay to follow the log' });

    const { client, welcome } = await WireClient.signIn(relay.url, wireToken('admin'), { streams: [livePosition(epoch, lastSeq)] });
    expect(stream(welcome)).toMatchObject({ epoch, resume: 'replay', headSeq: head });
    await client.reach(head);
    const events = client.events();
    expectContiguous(events, lastSeq + 1);
    expect(events.at(-1)?.seq).toBe(head);
    // The same events the publisher wrote, each at its place.
    expect(events.map(({ seq: _seq, ...event }) => event)).toEqual(floor.events.slice(lastSeq, head));
    expect(client.frames.some(({ frame }) => frame.type.startsWith('snapshot'))).toBe(false);
    client.close();
  });

  it('replays from the log itself what has left its window, then goes on from the window, each event once', async () => {
    floors += 1;
    const name = `server-${floors}`;
    const floor = await ModelFloor.open(nats().url, name);
    cleanup(() => floor.close());
    while (floor.publisher.headSeq < 3_000) await floor.advance(60_000);
    // No snapshot was written yet: the relay reads the log from its first event, and keeps the last 1,000.
    const relay = await startWireRelay(nats().url, name, undefined, 1_000);
    cleanup(() => relay.close());
    const head = floor.publisher.headSeq;
    await waitFor(() => relay.headSeq() === head, { what: 'the relay to reach the log\'s head' });
    const lastSeq = 10;
    const { client, welcome } = await WireClient.signIn(relay.url, wireToken('admin'), { streams: [livePosition(floor.publisher.epoch, lastSeq)] });
    expect(stream(welcome)).toMatchObject({ resume: 'replay', headSeq: head });
    await client.reach(head);
    const events = client.events();
    expectContiguous(events, lastSeq + 1);
    expect(events.at(-1)?.seq).toBe(head);
    expect(events.map(({ seq: _seq, ...event }) => event)).toEqual(floor.events.slice(lastSeq, head));
    client.close();
  });

  it('sends a snapshot of the floor to a console of another epoch', async () => {
    const { floor, relay } = await servedFloor();
    const { client, welcome } = await WireClient.signIn(relay.url, wireToken('admin'), { streams: [livePosition('another-epoch', 5)] });
    expect(stream(welcome)).toMatchObject({ epoch: floor.publisher.epoch, resume: 'snapshot', headSeq: floor.publisher.headSeq });
    const begin = await client.next((frame) => frame.type === 'snapshot.begin', 'the snapshot');
    expect(begin).toMatchObject({ stream: LIVE_STREAM, epoch: floor.publisher.epoch, seq: floor.publisher.headSeq });
    const chunks = client.ofType('snapshot.chunk').flatMap((frame) => frame.events as unknown[]);
    expect(client.ofType('snapshot.end')[0]?.events).toBe(chunks.length);
    expect(chunks.length).toBeGreaterThan(0);
    client.close();
  });

  it('sends a v1 console (no chunked snapshots) the floor in one `snapshot` frame', async () => {
    const { floor, relay } = await servedFloor();
    const { client, welcome } = await WireClient.signIn(relay.url, wireToken('wfm-leader'), { chunkedSnapshots: false });
    expect(welcome.chunkedSnapshots).toBeUndefined();
    expect(stream(welcome).resume).toBe('snapshot');
    const snapshots = client.ofType('snapshot');
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({ stream: LIVE_STREAM, epoch: floor.publisher.epoch, seq: floor.publisher.headSeq });
    expect((snapshots[0]?.events as unknown[]).length).toBeGreaterThan(0);
    expect(client.frames.some(({ frame }) => frame.type === 'snapshot.begin' || frame.type === 'snapshot.chunk')).toBe(false);
    client.close();
  });
});

describe('serving', () => {
  it('refuses a backfill with an `internal` error that says history is not served, then ends the request with an empty last frame', async () => {
    const { relay } = await servedFloor();
    const { client } = await WireClient.signIn(relay.url, wireToken('admin'));
    const from = client.mark();
    client.send({ type: 'backfill.request', requestId: 'b-1', since: 0, until: 1, maxEvents: 10 });
    const error = await client.next((frame) => frame.type === 'error', 'the refusal', from);
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/b-1/);
    expect(error.message).toMatch(/history is not/);
    const ended = await client.next((frame) => frame.type === 'backfill', 'the end of the request', from);
    expect(ended).toMatchObject({ requestId: 'b-1', stream: 'history', events: [], done: true, progress: { sentEvents: 0, totalEvents: 0 } });
    client.close();
  });

  it('sends heartbeats whose heads.floor is the log\'s head', async () => {
    const { floor, relay } = await servedFloor();
    const { client } = await WireClient.signIn(relay.url, wireToken('wallboard'));
    await floor.advance(10_000);
    const head = (await floor.log.eventsInfo())?.state.last_seq ?? 0;
    expect(head).toBe(floor.publisher.headSeq);
    const beat = await client.next((frame) => frame.type === 'heartbeat' && (frame.heads as Record<string, number>)[LIVE_STREAM] === head, `a heartbeat with head ${head}`);
    expect(beat.heads).toEqual({ [LIVE_STREAM]: head });
    // A heartbeat never runs ahead of what the console has been sent.
    await client.reach(head);
    for (const heartbeat of client.ofType('heartbeat')) expect((heartbeat.heads as Record<string, number>)[LIVE_STREAM]).toBeLessThanOrEqual(head);
    client.close();
  });

  it('withholds a log message that is no event from everyone, counts it, and keeps the numbering whole', async () => {
    const { floor, relay } = await servedFloor();
    const admin = await WireClient.signIn(relay.url, wireToken('admin'));
    const scoped = await WireClient.signIn(relay.url, wireToken('orders-leader'));
    const before = floor.publisher.headSeq;
    await floor.publisher.close();

    // Something other than the publisher writes the log.
    const garbage = await floor.log.js.publish(floor.log.names.eventsSubject, 'not json');
    expect(garbage.seq).toBe(before + 1);
    const shaped = await floor.log.js.publish(floor.log.names.eventsSubject, JSON.stringify({ type: 'conversation.created', time: 'noon' }));

    // The publisher, started again, goes on after them.
    floor.publisher = await FloorPublisher.open(floor.log, { source: { name: 'the model floor', commands: false } });
    await floor.advance(10_000);
    const head = floor.publisher.headSeq;
    expect(head).toBeGreaterThan(shaped.seq);

    for (const { client } of [admin, scoped]) {
      await client.reach(head);
      const events = client.events();
      expectContiguous(events, before + 1);
      expect(events[0]).toEqual({ seq: garbage.seq, time: expect.any(Number) as number, type: 'feed.withheld' });
      expect(events[1]).toEqual({ seq: shaped.seq, time: expect.any(Number) as number, type: 'feed.withheld' });
      client.close();
    }
    expect(relay.malformedCount()).toBe(2);
    expect(admin.client.events().slice(2).every((event) => event.type !== 'feed.withheld')).toBe(true);
    const messages = await logMessages(floor.log);
    expect(messages.map((message) => message.seq)).toEqual(Array.from({ length: head }, (_unused, index) => index + 1));
  });

  it('cuts its consoles when the log starts over, and gives each a snapshot of the new epoch', async () => {
    const { floor, relay } = await servedFloor();
    const oldEpoch = floor.publisher.epoch;
    const consoles = await Promise.all(['admin', 'orders-leader'].map((userId) => WireClient.signIn(relay.url, wireToken(userId))));
    const lastSeq = floor.publisher.headSeq;

    await floor.newEpoch();
    const newEpoch = floor.publisher.epoch;
    expect(newEpoch).not.toBe(oldEpoch);
    for (const { client } of consoles) await client.closed;
    await waitFor(() => relay.epoch() === newEpoch && relay.headSeq() === floor.publisher.headSeq, { what: 'the relay to follow the new epoch' });

    for (const userId of ['admin', 'orders-leader']) {
      const { client, welcome } = await WireClient.signIn(relay.url, wireToken(userId), { streams: [livePosition(oldEpoch, lastSeq)] });
      expect(stream(welcome)).toMatchObject({ epoch: newEpoch, resume: 'snapshot', headSeq: floor.publisher.headSeq });
      expect(client.ofType('snapshot.begin')[0]).toMatchObject({ epoch: newEpoch, seq: floor.publisher.headSeq });
      client.close();
    }
  });
});
