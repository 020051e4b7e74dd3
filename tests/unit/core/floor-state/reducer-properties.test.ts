/**
 * Properties of the live state over real simulator streams (createFloor with random seeds and
 * random supervisor commands): delivered duplicated and reordered through the core's own feed
 * client and sequencer, the live state ends equal to the in-order state; duplicates applied to the
 * reducer change nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FloorEvent, FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { LIVE_STREAM, PROTOCOL_VERSION, type ClientFrame, type FeedCommand } from '../../../../src-shared/protocol/frames.js';
import { FeedClient, type FeedSink, type FeedSocket, type FeedSocketHandlers } from '../../../../src-main/core/feed/feed-client.js';
import { applyEvents, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import type { LiveState } from '../../../../src-main/core/floor-state/state.js';
import { createFloor } from '../../../../src-main/sim/floor.js';
import { createRandom, type Random } from '../../../../src-main/sim/random.js';

const START = Date.UTC(2026, 2, 10, 15, 0, 0);
const EPOCH = 'property-epoch';

/** A floor's events, numbered 1..n as the feed server numbers them, with supervisor commands mixed in. */
function floorStream(seed: number, minutes: number): FloorEvent[] {
  const floor = createFloor({ seed, startTime: START, agents: 14, queues: 8, warmupMs: 2 * 60_000 });
  const random = createRandom(seed ^ 0x5bd1e995);
  const inputs: FloorEventInput[] = [...floor.advanceTo(START)];
  const queueIds = floor.queues.map((queue) => queue.queueId);
  const chatQueues = floor.queues.filter((queue) => queue.channel === 'chat').map((queue) => queue.queueId);
  const assigned = (): string[] => inputs.flatMap((event) => (event.type === 'conversation.assigned' ? [event.conversationId] : []));
  for (let time = START; time < START + minutes * 60_000; time += 15_000) {
    inputs.push(...floor.advanceTo(time));
    if (!random.chance(0.3)) continue;
    const commands: FeedCommand[] = [
      { type: 'queue.set_mitigation', queueId: random.pick(queueIds), state: random.pick(['normal', 'paused', 'custom_message'] as const), message: 'Busy' },
      { type: 'queue.end_all', queueId: random.pick(queueIds) },
      { type: 'queue.transfer_waiting', queueId: random.pick(chatQueues), targetQueueId: random.pick(chatQueues) },
      { type: 'agent.set_status', agentId: random.pick(floor.agents).agentId, kind: random.pick(['available', 'away', 'offline'] as const), reason: 'Supervisor' },
      { type: 'conversation.take_over', conversationId: random.pick(assigned().slice(-20).concat('none')), supervisorId: 'sup-1' },
      { type: 'conversation.whisper', conversationId: random.pick(assigned().slice(-20).concat('none')), supervisorId: 'sup-1', text: 'Psst' },
    ];
    const outcome = floor.applyCommand(random.pick(commands), time);
    if (outcome.ok) inputs.push(...outcome.events);
  }
  inputs.push(...floor.advanceTo(START + minutes * 60_000));
  return inputs.map((event, index) => ({ ...event, seq: index + 1 }) as FloorEvent);
}

/** What arrives on one connection: every event from `from` on, at least once, with duplicates and local reorders. */
function perturb(events: readonly FloorEvent[], from: number, random: Random): FloorEvent[][] {
  const rest = events.slice(from);
  const sent: FloorEvent[] = [];
  for (const event of rest) {
    sent.push(event);
    // Replays of something already sent (or already stored, from before this connection).
    if (random.chance(0.03)) sent.push(events[random.integer(0, Math.max(0, from + sent.length - 1))] as FloorEvent);
  }
  // A few neighbours swapped: each swap is a gap the client must detect and recover from.
  const swaps = random.integer(0, 3);
  for (let swap = 0; swap < swaps && sent.length > 2; swap += 1) {
    const index = random.integer(1, sent.length - 2);
    [sent[index], sent[index + 1]] = [sent[index + 1] as FloorEvent, sent[index] as FloorEvent];
  }
  const frames: FloorEvent[][] = [];
  for (let start = 0; start < sent.length; ) {
    const size = random.integer(1, 400);
    frames.push(sent.slice(start, start + size));
    start += size;
  }
  return frames;
}

interface Timer {
  readonly due: number;
  readonly order: number;
  readonly run: () => void;
}

/**
 * Runs the real FeedClient against an in-memory feed that perturbs every connection's delivery, on
 * a hand-driven clock, until the client has stored the whole stream; returns the live state it
 * built the way the core does (applyEvents on each stored batch).
 */
async function deliverThroughFeedClient(events: readonly FloorEvent[], random: Random): Promise<{ state: LiveState; gaps: number; duplicates: number }> {
  let now = START;
  let order = 0;
  const timers = new Map<number, Timer>();
  let durable = null as { epoch: string; lastSeq: number } | null;
  let state = createLiveState();
  let connections = 0;

  const sink: FeedSink = {
    position: () => durable,
    ingest: (batch) => {
      durable = { epoch: batch.epoch, lastSeq: batch.lastSeq };
    },
    snapshot: () => {
      throw new Error('no snapshot expected');
    },
    reject: () => undefined,
  };

  const connect = (): FeedSocket => {
    connections += 1;
    let handlers: FeedSocketHandlers | null = null;
    let open = true;
    const deliver = (frame: object): void => {
      if (open) handlers?.message(JSON.stringify(frame));
    };
    const closeWith = (code: number): void => {
      if (!open) return;
      open = false;
      queueMicrotask(() => handlers?.close(code, ''));
    };
    return {
      listen(registered) {
        handlers = registered;
        queueMicrotask(() => registered.open());
      },
      send(text) {
        const frame = JSON.parse(text) as ClientFrame;
        if (frame.type !== 'hello') return;
        const position = frame.streams.find((stream) => stream.stream === LIVE_STREAM);
        const from = position?.epoch === EPOCH ? position.lastSeq : 0;
        void (async () => {
          await Promise.resolve();
          deliver({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, sessionId: `s${connections}`, heartbeatIntervalMs: 1_000, streams: [{ stream: LIVE_STREAM, epoch: EPOCH, resume: 'replay', headSeq: events.length }] });
          for (const frameEvents of perturb(events, from, random)) {
            await Promise.resolve();
            deliver({ type: 'events', stream: LIVE_STREAM, epoch: EPOCH, events: frameEvents });
          }
        })();
      },
      close: (code = 1000) => closeWith(code),
      terminate: () => closeWith(1006),
    };
  };

  const client = new FeedClient({
    url: 'memory://feed',
    token: 't',
    clientName: 'property',
    clientVersion: '1',
    connect,
    now: () => now,
    setTimer: (run, ms) => {
      order += 1;
      timers.set(order, { due: now + ms, order, run });
      return order;
    },
    clearTimer: (handle) => timers.delete(handle as number),
    random: () => random.next(),
    sink,
  });
  client.onEvents((batch) => {
    state = applyEvents(state, batch);
  });
  client.start();
  const settle = async (): Promise<void> => {
    for (let round = 0; round < 20; round += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  };
  for (let step = 0; step < 100_000; step += 1) {
    await settle();
    if (durable?.lastSeq === events.length) break;
    const next = [...timers.values()].sort((a, b) => a.due - b.due || a.order - b.order)[0];
    if (!next) throw new Error('the feed client is stuck with nothing scheduled');
    timers.delete(next.order);
    now = Math.max(now, next.due);
    next.run();
  }
  const { counters } = client.status();
  await client.stop();
  expect(durable).toEqual({ epoch: EPOCH, lastSeq: events.length });
  return { state, gaps: counters.gaps, duplicates: counters.eventsDuplicate };
}

describe('live state over simulator streams (properties)', () => {
  it('ends equal to the in-order state when delivered duplicated and reordered through the feed client', async () => {
    let gaps = 0;
    let duplicates = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), async (floorSeed, deliverySeed) => {
        const events = floorStream(floorSeed, 4);
        const inOrder = applyEvents(createLiveState(), events);
        const delivered = await deliverThroughFeedClient(events, createRandom(deliverySeed));
        gaps += delivered.gaps;
        duplicates += delivered.duplicates;
        const { state } = delivered;
        expect(state).toEqual(inOrder);
      }),
      { numRuns: 12 },
    );
    // The deliveries really were disturbed: reorders showed as gaps (each a reconnect and replay), replays as duplicates.
    expect(gaps).toBeGreaterThan(0);
    expect(duplicates).toBeGreaterThan(0);
  });

  it('ignores duplicates: each replayed event applied again changes nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), (floorSeed, picks) => {
        const events = floorStream(floorSeed, 3);
        const inOrder = applyEvents(createLiveState(), events);
        // Each pick re-sends an earlier event right after some later one, as a replay would.
        const withDuplicates: FloorEvent[] = [];
        const insertAfter = new Map<number, FloorEvent[]>();
        for (const pick of picks) {
          const at = pick % events.length;
          const duplicate = events[pick % (at + 1)] as FloorEvent;
          insertAfter.set(at, [...(insertAfter.get(at) ?? []), duplicate]);
        }
        events.forEach((event, index) => withDuplicates.push(event, ...(insertAfter.get(index) ?? [])));
        expect(applyEvents(createLiveState(), withDuplicates)).toEqual(inOrder);
        // A whole batch replayed on top of the final state returns that very state.
        expect(applyEvents(inOrder, events.slice(events.length >> 1))).toBe(inOrder);
      }),
      { numRuns: 15 },
    );
  });

  it('leaves ordering to the sequencer: the reducer skips an event below the last applied seq', () => {
    const events = floorStream(7, 1);
    const late = events[events.length - 2] as FloorEvent;
    const last = events[events.length - 1] as FloorEvent;
    const before = applyEvents(createLiveState(), events.slice(0, -2));
    const swapped = applyEvents(before, [last, late]);
    expect(swapped.lastSeq).toBe(last.seq);
    expect(swapped).toEqual(applyEvents(before, [last]));
  });
});
