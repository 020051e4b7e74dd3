import { afterEach, describe, expect, it } from 'vitest';
import { floorEventSchema, PROTOCOL_VERSION } from '../../../src-shared/protocol/events.js';
import type { FloorEventInput } from '../../../src-shared/protocol/events.js';
import { serverFrameSchema } from '../../../src-shared/protocol/frames.js';
import type { ServerFrame, ServerFrameOf } from '../../../src-shared/protocol/frames.js';
import { startSimServer } from '../../../src-main/sim/server.js';
import type { SimServer } from '../../../src-main/sim/server.js';
import { chunkedSnapshotFrames, singleSnapshotFrame } from '../../../src-main/sim/snapshot-frames.js';
import { FeedTestClient } from './feed-test-client.js';

const HEADER = { stream: 'floor', epoch: 'e-1', seq: 42, time: Date.UTC(2026, 2, 10, 15) };

function statuses(count: number): FloorEventInput[] {
  return Array.from({ length: count }, (_unused, index) => ({ type: 'agent.status', time: HEADER.time, agentId: `agent-${index}`, kind: 'available', reason: 'ready '.repeat(20) }));
}

const parse = (frame: string): ServerFrame => serverFrameSchema.parse(JSON.parse(frame));

describe('snapshot frames', () => {
  it('gives one valid frame when the snapshot fits, each event carrying the snapshot seq, and null when it does not', () => {
    const events = statuses(50);
    const frame = parse(singleSnapshotFrame(HEADER, events, 1_000_000) ?? '');
    expect(frame).toMatchObject({ type: 'snapshot', ...HEADER });
    const sent = (frame as ServerFrameOf<'snapshot'>).events;
    expect(sent).toHaveLength(50);
    expect(sent.every((event) => floorEventSchema.safeParse(event).success && (event as { seq: number }).seq === 42)).toBe(true);

    expect(singleSnapshotFrame(HEADER, events, 2_000)).toBeNull();
  });

  it('cuts a snapshot into numbered chunks under the size asked for, between a begin and an end that counts them', () => {
    const events = statuses(1_000);
    const frames = [...chunkedSnapshotFrames(HEADER, 'snap-1', events, 20_000)];

    const parsed = frames.map(parse);
    expect(parsed[0]).toEqual({ type: 'snapshot.begin', snapshotId: 'snap-1', ...HEADER });
    const chunks = parsed.slice(1, -1) as ServerFrameOf<'snapshot.chunk'>[];
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.map((chunk) => chunk.part)).toEqual(chunks.map((_chunk, index) => index + 1));
    expect(frames.slice(1, -1).every((frame) => frame.length < 21_000)).toBe(true);
    expect(chunks.flatMap((chunk) => chunk.events).map((event) => (event as { agentId: string }).agentId)).toEqual(events.map((event) => (event as { agentId: string }).agentId));
    expect(parsed.at(-1)).toEqual({ type: 'snapshot.end', snapshotId: 'snap-1', parts: chunks.length, events: 1_000 });
  });

  it('sends an empty snapshot as a begin and an end', () => {
    expect([...chunkedSnapshotFrames(HEADER, 'snap-2', [])].map(parse).map((frame) => frame.type)).toEqual(['snapshot.begin', 'snapshot.end']);
  });
});

describe('sim server: chunked snapshots', () => {
  let sim: SimServer | null = null;
  let client: FeedTestClient | null = null;
  afterEach(async () => {
    client?.socket.terminate();
    await sim?.close();
  });

  it('sends chunks to a client that asked for them, then live events from the snapshot seq + 1', async () => {
    sim = await startSimServer({ seed: 7, speed: 20, floor: { startTime: Date.UTC(2026, 2, 10, 15) }, heartbeatIntervalMs: 100 });
    client = await FeedTestClient.open(sim.url);
    client.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, token: '', client: { name: 'test', version: '1' }, streams: [], chunkedSnapshots: true });

    const welcome = await client.waitFor((frame): frame is ServerFrameOf<'welcome'> => frame.type === 'welcome', 'welcome');
    const end = await client.waitFor((frame): frame is ServerFrameOf<'snapshot.end'> => frame.type === 'snapshot.end', 'the snapshot end');
    const live = await client.waitFor((frame): frame is ServerFrameOf<'events'> => frame.type === 'events', 'live events');

    expect(welcome.chunkedSnapshots).toBe(true);
    const frames = client.frames;
    const begin = frames.find((frame): frame is ServerFrameOf<'snapshot.begin'> => frame.type === 'snapshot.begin');
    const chunks = frames.filter((frame): frame is ServerFrameOf<'snapshot.chunk'> => frame.type === 'snapshot.chunk');
    expect(frames.some((frame) => frame.type === 'snapshot')).toBe(false);
    expect(end).toMatchObject({ snapshotId: begin?.snapshotId, parts: chunks.length, events: chunks.reduce((sum, chunk) => sum + chunk.events.length, 0) });
    // Nothing of the live stream came between the begin and the end.
    const beginAt = frames.indexOf(begin as ServerFrame);
    expect(frames.slice(beginAt, frames.indexOf(end)).some((frame) => frame.type === 'events')).toBe(false);
    expect((live.events[0] as { seq: number }).seq).toBe((begin?.seq ?? 0) + 1);
  });
});
