import { afterEach, describe, expect, it } from 'vitest';
import { floorEventSchema } from '../../../src-shared/protocol/events.js';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import { CLOSE_CODES, serverFrameSchema } from '../../../src-shared/protocol/frames.js';
import type { ServerFrame, ServerFrameOf } from '../../../src-shared/protocol/frames.js';
import { startSimServer } from '../../../src-main/sim/server.js';
import type { SimServer, SimServerOptions } from '../../../src-main/sim/server.js';
import { FeedTestClient } from './feed-test-client.js';

const START = Date.UTC(2026, 2, 10, 15, 0, 0);
const servers: SimServer[] = [];
const clients: FeedTestClient[] = [];

async function server(options: SimServerOptions = {}): Promise<SimServer> {
  const started = await startSimServer({ seed: 7, speed: 20, floor: { startTime: START }, heartbeatIntervalMs: 100, ...options });
  servers.push(started);
  return started;
}

async function client(url: string): Promise<FeedTestClient> {
  const opened = await FeedTestClient.open(url);
  clients.push(opened);
  return opened;
}

const is =
  <T extends ServerFrame['type']>(type: T) =>
  (frame: ServerFrame): frame is ServerFrameOf<T> =>
    frame.type === type;

/** Polls a condition that has no event of its own (a deadline, not a sleep). */
async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function expectContiguous(events: readonly FloorEvent[], from: number): void {
  events.forEach((event, index) => {
    if (event.seq !== from + index) throw new Error(`seq ${event.seq} at index ${index}, expected ${from + index}`);
  });
}

afterEach(async () => {
  for (const open of clients.splice(0)) open.socket.terminate();
  for (const started of servers.splice(0)) await started.close();
});

describe('sim server: sessions', () => {
  it('answers a new client with a snapshot, then live events from snapshot seq + 1', async () => {
    const sim = await server();
    const feed = await client(sim.url);
    feed.hello([{ stream: 'floor', lastSeq: 0 }]);
    const welcome = await feed.waitFor(is('welcome'), 'welcome');
    expect(serverFrameSchema.safeParse(welcome).success).toBe(true);
    expect(welcome.streams[0]).toMatchObject({ stream: 'floor', epoch: sim.epoch, resume: 'snapshot' });
    const snapshot = await feed.waitFor(is('snapshot'), 'snapshot');
    expect(snapshot.seq).toBeGreaterThanOrEqual(1);
    const snapshotEvents = snapshot.events as FloorEvent[];
    expect(snapshotEvents.every((event) => floorEventSchema.safeParse(event).success && event.seq === snapshot.seq)).toBe(true);
    expect(snapshotEvents.filter((event) => event.type === 'queue.configured')).toHaveLength(10);
    await until(() => feed.liveEvents().length > 200, 'live events');
    const live = feed.liveEvents();
    expectContiguous(live, snapshot.seq + 1);
    expect(live).toEqual(sim.emitted().slice(snapshot.seq, snapshot.seq + live.length));
  });

  it('replays what a returning client missed after its lastSeq', async () => {
    const sim = await server();
    const first = await client(sim.url);
    first.hello();
    await first.waitFor(is('snapshot'), 'snapshot');
    await until(() => first.liveEvents().length > 50, 'live events');
    await first.close();
    const lastSeq = first.lastSeq();
    await until(() => sim.headSeq() > lastSeq + 100, 'more events while away');
    const second = await client(sim.url);
    second.hello([{ stream: 'floor', epoch: sim.epoch, lastSeq }]);
    const welcome = await second.waitFor(is('welcome'), 'welcome');
    expect(welcome.streams[0]?.resume).toBe('replay');
    await until(() => second.lastSeq() >= welcome.streams[0]!.headSeq, 'replay to catch up');
    expect(second.frames.some((frame) => frame.type === 'snapshot')).toBe(false);
    expectContiguous(second.liveEvents(), lastSeq + 1);
    expect(second.frames.every((frame) => frame.type !== 'events' || frame.events.length <= 5000)).toBe(true);
  });

  it('sends a snapshot when the epoch is unknown or lastSeq has left the replay buffer', async () => {
    const sim = await server({ replayBufferSize: 100 });
    await until(() => sim.headSeq() > 300, 'events beyond the buffer');
    const stranger = await client(sim.url);
    stranger.hello([{ stream: 'floor', epoch: 'another-epoch', lastSeq: sim.headSeq() }]);
    expect((await stranger.waitFor(is('welcome'), 'welcome')).streams[0]?.resume).toBe('snapshot');
    await stranger.waitFor(is('snapshot'), 'snapshot');
    const late = await client(sim.url);
    late.hello([{ stream: 'floor', epoch: sim.epoch, lastSeq: 5 }]);
    expect((await late.waitFor(is('welcome'), 'welcome')).streams[0]?.resume).toBe('snapshot');
    expect(sim.emitted().length).toBeLessThanOrEqual(100);
  });

  it('refuses a wrong token (4001) and another protocol version (4002)', async () => {
    const sim = await server({ token: 'secret' });
    const intruder = await client(sim.url);
    intruder.hello([], 'guess');
    expect(await intruder.waitFor(is('error'), 'error')).toMatchObject({ code: 'unauthorized' });
    expect(await intruder.closed).toBe(CLOSE_CODES.unauthorized);
    const old = await client(sim.url);
    old.send({ type: 'hello', protocolVersion: 99, token: 'secret', client: { name: 'old', version: '0' }, streams: [] });
    expect(await old.waitFor(is('error'), 'error')).toMatchObject({ code: 'unsupported_version' });
    expect(await old.closed).toBe(CLOSE_CODES.unsupportedVersion);
    const friend = await client(sim.url);
    friend.hello([], 'secret');
    expect((await friend.waitFor(is('welcome'), 'welcome')).type).toBe('welcome');
  });

  it('answers bad frames with bad_frame, counts them and keeps the connection', async () => {
    const sim = await server();
    const feed = await client(sim.url);
    feed.send('not json');
    feed.send({ type: 'command', commandId: 'c1', command: { type: 'queue.end_all', queueId: 'q-billing' } });
    feed.send({ type: 'hello' });
    await until(() => feed.frames.filter((frame) => frame.type === 'error').length === 3, 'three errors');
    expect(feed.frames.every((frame) => frame.type === 'error' && frame.code === 'bad_frame')).toBe(true);
    expect(sim.badFrameCount()).toBe(3);
    feed.hello();
    await feed.waitFor(is('snapshot'), 'snapshot after the bad frames');
    expect(sim.emitted().some((event) => event.type === 'conversation.ended' && event.disposition === 'closed_by_supervisor')).toBe(false);
  });

  it('sends nothing to a client that has not said hello, and heartbeats to one that has', async () => {
    const sim = await server();
    const silent = await client(sim.url);
    const greeted = await client(sim.url);
    greeted.hello();
    await until(() => greeted.frames.filter((frame) => frame.type === 'heartbeat').length >= 3, 'three heartbeats');
    const heartbeat = greeted.frames.find(is('heartbeat'));
    expect(heartbeat?.heads.floor).toBeGreaterThanOrEqual(1);
    expect(silent.frames).toEqual([]);
    expect(sim.connectionCount()).toBe(2);
  });
});

describe('sim server: commands and backfill', () => {
  it('applies a command once per commandId and answers every retry the same', async () => {
    const sim = await server();
    const feed = await client(sim.url);
    feed.hello();
    await feed.waitFor(is('snapshot'), 'snapshot');
    const frame = { type: 'command', commandId: 'cmd-1', command: { type: 'queue.set_mitigation', queueId: 'q-sales', state: 'paused' } };
    feed.send(frame);
    feed.send(frame);
    await until(() => feed.frames.filter((candidate) => candidate.type === 'command.result').length === 2, 'two results');
    expect(feed.frames.filter(is('command.result'))).toEqual([
      { type: 'command.result', commandId: 'cmd-1', ok: true },
      { type: 'command.result', commandId: 'cmd-1', ok: true },
    ]);
    const applied = sim.emitted().filter((event) => event.type === 'queue.mitigation' && event.queueId === 'q-sales');
    expect(applied).toHaveLength(1);
    await until(() => feed.liveEvents().some((event) => event.seq === applied[0]?.seq), 'the mitigation event on the live stream');
    feed.send({ type: 'command', commandId: 'cmd-2', command: { type: 'queue.end_all', queueId: 'q-nowhere' } });
    expect(await feed.waitFor((candidate) => candidate.type === 'command.result' && candidate.commandId === 'cmd-2', 'refusal')).toMatchObject({
      ok: false,
      reason: 'unknown queue q-nowhere',
    });
  });

  it('streams a bounded backfill in chunks with progress, done and truncated', async () => {
    const sim = await server({ historyDays: 1, floor: { startTime: START, agents: 12, arrivalScale: 0.3 } });
    const feed = await client(sim.url);
    feed.hello();
    await feed.waitFor(is('snapshot'), 'snapshot');
    feed.send({ type: 'backfill.request', requestId: 'b1', since: 0, until: START, maxEvents: 12_000 });
    const last = await feed.waitFor((frame) => frame.type === 'backfill' && frame.requestId === 'b1' && frame.done, 'the last backfill frame', 30_000);
    const frames = feed.frames.filter(is('backfill'));
    expect(frames.every((frame) => serverFrameSchema.safeParse(frame).success && frame.events.length <= 5000 && frame.stream === 'history' && frame.epoch === 'history-7')).toBe(true);
    const events = frames.flatMap((frame) => frame.events as FloorEvent[]);
    expect(events).toHaveLength(12_000);
    expect(last).toMatchObject({ done: true, truncated: true, progress: { sentEvents: 12_000, totalEvents: 12_000 } });
    const sent = frames.map((frame) => frame.progress.sentEvents);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(frames.every((frame) => frame.progress.totalEvents >= frame.progress.sentEvents)).toBe(true);
    expect(new Set(events.map((event) => event.seq)).size).toBe(events.length);
    expect(events.every((event) => floorEventSchema.safeParse(event).success && event.time < START)).toBe(true);

    feed.send({ type: 'backfill.request', requestId: 'b2', since: START - 3 * 3_600_000, until: START - 2 * 3_600_000, maxEvents: 1_000_000 });
    const done = await feed.waitFor((frame) => frame.type === 'backfill' && frame.requestId === 'b2' && frame.done, 'the second backfill', 30_000);
    expect(done.type === 'backfill' && done.truncated).toBeFalsy();
    const created = feed.frames
      .filter(is('backfill'))
      .filter((frame) => frame.requestId === 'b2')
      .flatMap((frame) => frame.events as FloorEvent[])
      .filter((event) => event.type === 'conversation.created');
    expect(created.length).toBeGreaterThan(0);
    expect(created.every((event) => event.time >= START - 3 * 3_600_000 && event.time < START - 2 * 3_600_000)).toBe(true);
  });
});

describe('sim server: outages', () => {
  it('pauses (connections cut, port closed, floor still numbering) and resumes on the same port', async () => {
    const sim = await server();
    const feed = await client(sim.url);
    feed.hello();
    await feed.waitFor(is('snapshot'), 'snapshot');
    await until(() => feed.liveEvents().length > 20, 'live events');
    await sim.pause();
    await feed.closed;
    await expect(FeedTestClient.open(sim.url)).rejects.toThrow();
    const lastSeq = feed.lastSeq();
    await until(() => sim.headSeq() > lastSeq + 100, 'events numbered during the pause');
    await sim.resume();
    const back = await client(sim.url);
    back.hello([{ stream: 'floor', epoch: sim.epoch, lastSeq }]);
    expect((await back.waitFor(is('welcome'), 'welcome')).streams[0]?.resume).toBe('replay');
    await until(() => back.lastSeq() > lastSeq + 100, 'replay');
    expectContiguous(back.liveEvents(), lastSeq + 1);
  });

  it('loses nothing across repeated abrupt drops', async () => {
    const sim = await server();
    const received: FloorEvent[] = [];
    let lastSeq = 0;
    for (let round = 0; round < 8; round++) {
      const feed = await client(sim.url);
      feed.hello(round === 0 ? [] : [{ stream: 'floor', epoch: sim.epoch, lastSeq }]);
      const welcome = await feed.waitFor(is('welcome'), 'welcome');
      if (round === 0) lastSeq = (await feed.waitFor(is('snapshot'), 'snapshot')).seq;
      else expect(welcome.streams[0]?.resume).toBe('replay');
      const from = lastSeq;
      await until(() => feed.lastSeq() > from + 5, 'a few events');
      sim.dropConnections();
      await feed.closed;
      received.push(...feed.liveEvents());
      lastSeq = feed.lastSeq();
    }
    const first = received[0]?.seq ?? 0;
    expectContiguous(received, first);
    expect(received).toEqual(sim.emitted().slice(first - 1, first - 1 + received.length));
    await until(() => sim.connectionCount() === 0, 'no connections');
  });
});
