/**
 * `feed.withheld` (protocol v1.1): an event the feed holds back from a user outside whose queue
 * scope it falls, sent as a placeholder with its seq and time. Through the feed client into a real
 * store file and the live floor: stored in the event log at its seq, the stream's position moved
 * past it, no gap, and no state changed: the projections and the live floor equal those built from
 * the same events without the placeholders. Inside a snapshot it is dropped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../../../src-shared/protocol/frames.js';
import type { FeedClient, FeedSnapshot } from '../../../src-main/core/feed/feed-client.js';
import { applyEvents, createLiveState } from '../../../src-main/core/floor-state/reducer.js';
import { createLiveFloor, type LiveFloor } from '../../../src-main/core/floor-state/live-floor.js';
import { serializeLiveState, type LiveState } from '../../../src-main/core/floor-state/state.js';
import { createStoreSink } from '../../../src-main/core/store-sink.js';
import type { Store } from '../../../src-main/core/store/store.js';
import { createFloor } from '../../../src-main/sim/floor.js';
import { createRandom } from '../../../src-main/sim/random.js';
import { waitFor } from '../../support/host-process.js';
import { createClient, TestFeedServer, waitForStatus } from './feed/feed-test-kit.js';
import { floorStory, queueConfigured, sequence, StoreSandbox, T0 } from './store/fixtures.js';

const EPOCH = 'e1';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function withheld(seq: number, time: number): FloorEvent {
  return { seq, time, type: 'feed.withheld' };
}

const isWithheld = (event: FloorEvent): boolean => event.type === 'feed.withheld';

/**
 * The floor story as a scoped user's feed sends it: placeholders between its events (one or two at
 * a time, each at the time of the event before it) and two at the end, the whole numbered 1..n.
 */
function storyWithPlaceholders(): FloorEvent[] {
  const stream: FloorEvent[] = [];
  const push = (event: FloorEvent) => stream.push({ ...event, seq: stream.length + 1 });
  floorStory().forEach((event, index) => {
    if (index % 3 === 1) push(withheld(0, event.time));
    if (index % 7 === 3) push(withheld(0, event.time));
    push(event);
  });
  const lastTime = stream.at(-1)?.time ?? T0;
  push(withheld(0, lastTime + 30_000));
  push(withheld(0, lastTime + 60_000));
  return stream;
}

/** A store file of its own and the live floor over it, closed after the test. */
function storeAndFloor(): { store: Store; floor: LiveFloor } {
  const sandbox = new StoreSandbox();
  cleanups.push(() => sandbox.close());
  const store = sandbox.open();
  return { store, floor: createLiveFloor({ store }) };
}

/** A feed client writing through the core's store sink, its events and snapshots then applied to the live floor. */
async function feedInto(store: Store, floor: LiveFloor, onHello: TestFeedServer['onHello']): Promise<FeedClient> {
  const server = await TestFeedServer.start();
  cleanups.push(() => server.close());
  server.onHello = onHello;
  const client = createClient(server, createStoreSink(store));
  cleanups.push(() => client.stop());
  client.onEvents(floor.applyEvents);
  client.onSnapshot(floor.applySnapshot);
  client.start();
  return client;
}

/** Every row of every table of the store (the event log, the stream position and the audit chain apart), in a stable order. */
function projections(store: Store): Record<string, string[]> {
  // The audit chain's id is drawn at random when a store is created: not something ingest writes.
  const skipped = new Set(['event_log', 'event_logs', 'event_types', 'streams', 'audit_chain']);
  const tables = store.database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const dump: Record<string, string[]> = {};
  for (const table of tables) {
    if (skipped.has(table)) continue;
    dump[table] = store.database
      .prepare(`SELECT * FROM "${table}"`)
      .all()
      .map((row) => JSON.stringify(row))
      .sort();
  }
  return dump;
}

/** A live state's text with another position, to compare what it holds apart from where the stream is. */
function contentOf(state: LiveState, at: { lastSeq: number; lastEventTime: number }): string {
  return serializeLiveState({ ...state, ...at });
}

describe('feed.withheld', () => {
  it('is stored at its seq and moves the position on, with no gap, and changes neither the store nor the live floor', async () => {
    const stream = storyWithPlaceholders();
    const real = stream.filter((event) => !isWithheld(event));
    const last = stream.at(-1) as FloorEvent;
    const lastReal = real.at(-1) as FloorEvent;
    expect(stream.length - real.length).toBeGreaterThan(10);

    const scoped = storeAndFloor();
    const client = await feedInto(scoped.store, scoped.floor, (connection) => {
      connection.welcome({ epoch: EPOCH, headSeq: last.seq });
      for (let start = 0; start < stream.length; start += 5) connection.events(EPOCH, stream.slice(start, start + 5));
    });
    const status = await waitForStatus(client, `seq ${last.seq}`, (current) => current.lastSeq === last.seq);
    await waitFor(() => scoped.floor.live().lastSeq === last.seq, { what: 'the live floor to apply the last placeholder' });

    // Known events: no gap, no reconnect, nothing rejected or counted as unknown.
    expect(status.counters).toMatchObject({ eventsIngested: stream.length, eventsDuplicate: 0, gaps: 0, rejects: {} });
    expect(scoped.store.rejectCounts()).toEqual({});
    expect(scoped.store.streamPosition(LIVE_STREAM)).toMatchObject({ epoch: EPOCH, lastSeq: last.seq });

    // The log holds every seq, the placeholders as they came.
    expect(scoped.store.countEvents(LIVE_STREAM)).toBe(stream.length);
    expect(scoped.store.readEventKeys(LIVE_STREAM)).toEqual(stream.map(({ seq, type, time }) => ({ seq, type, time })));
    expect(scoped.store.readEvents(LIVE_STREAM, 0, 1_000)).toEqual(stream);

    // The same events without the placeholders, written straight into another store file.
    const whole = storeAndFloor();
    whole.store.ingestBatch({ stream: LIVE_STREAM, epoch: EPOCH, events: real, lastSeq: lastReal.seq });
    whole.floor.applyEvents(real);
    expect(projections(scoped.store)).toEqual(projections(whole.store));

    // The live floor: the position follows the stream (seq and floor time), everything else is the same.
    const live = scoped.floor.live();
    expect(live).toMatchObject({ lastSeq: last.seq, lastEventTime: last.time });
    expect(contentOf(live, { lastSeq: lastReal.seq, lastEventTime: lastReal.time })).toBe(serializeLiveState(whole.floor.live()));

    // A floor opened again over the store rebuilds from the log, placeholders and all, to the same state.
    expect(serializeLiveState(createLiveFloor({ store: scoped.store }).live())).toBe(serializeLiveState(live));
  });

  it('is dropped from a snapshot: the store and the live floor take the snapshot as if it were not there', async () => {
    const seq = 40;
    const floorEvents = sequence([queueConfigured('q-sales', T0), queueConfigured('q-support', T0, 'voice')]).map((event) => ({ ...event, seq }));
    const late = withheld(seq, T0 + 3_600_000);

    const scoped = storeAndFloor();
    const heard: FeedSnapshot[] = [];
    const client = await feedInto(scoped.store, scoped.floor, (connection) => {
      connection.welcome({ epoch: EPOCH, resume: 'snapshot', headSeq: seq });
      connection.send({ type: 'snapshot', stream: LIVE_STREAM, epoch: EPOCH, seq, time: T0, events: [floorEvents[0], late, floorEvents[1]] });
    });
    client.onSnapshot((snapshot) => heard.push(snapshot));
    const status = await waitForStatus(client, `snapshot at seq ${seq}`, (current) => current.lastSeq === seq);
    await waitFor(() => heard.length === 1, { what: 'the snapshot to be heard' });

    expect(heard[0]?.events).toEqual(floorEvents);
    expect(status.counters).toMatchObject({ gaps: 0, rejects: {} });
    expect(scoped.store.streamPosition(LIVE_STREAM)).toMatchObject({ epoch: EPOCH, lastSeq: seq });

    const whole = storeAndFloor();
    whole.store.applySnapshot({ stream: LIVE_STREAM, epoch: EPOCH, seq, events: floorEvents });
    whole.floor.applySnapshot({ events: floorEvents, seq });
    expect(projections(scoped.store)).toEqual(projections(whole.store));
    // Its time counts for nothing either: the floor clock and the observed span are the snapshot's.
    expect(serializeLiveState(scoped.floor.live())).toBe(serializeLiveState(whole.floor.live()));
    expect(scoped.floor.live().lastEventTime).toBe(T0);
  });

  it('leaves a simulated floor as it is, whichever of its events a feed holds back', () => {
    const start = Date.UTC(2026, 2, 10, 15, 0, 0);
    for (const seed of [3, 17, 29]) {
      const floor = createFloor({ seed, startTime: start, agents: 10, queues: 6, warmupMs: 60_000 });
      const inputs = [...floor.advanceTo(start), ...floor.advanceTo(start + 10 * 60_000)];
      const events = inputs.map((event, index) => ({ ...event, seq: index + 1 }) as FloorEvent);
      const random = createRandom(seed);
      const sent = events.map((event) => (random.chance(0.4) ? withheld(event.seq, event.time) : event));
      const kept = sent.filter((event) => !isWithheld(event));
      const lastKept = kept.at(-1) as FloorEvent;

      const scoped = applyEvents(createLiveState(), sent);
      expect(scoped.lastSeq).toBe(events.length);
      expect(contentOf(scoped, { lastSeq: lastKept.seq, lastEventTime: lastKept.time })).toBe(serializeLiveState(applyEvents(createLiveState(), kept)));
    }
  });
});
