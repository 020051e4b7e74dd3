/**
 * The live floor's checkpoint as a file of its own, over a real store file and a real directory:
 * built in slices while the floor moves on, written off the thread, and on a restart the checkpoint
 * at seq N plus the log after N rebuild exactly the state the whole log gives — after a write torn
 * by a crash, with a damaged file, and from a checkpoint an older build left inside the row.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../../../../src-shared/protocol/frames.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { checkpointTextInSlices } from '../../../../src-main/core/floor-state/checkpoint-text.js';
import { readPointer } from '../../../../src-main/core/floor-state/checkpoint-file.js';
import { BASE_INTERVAL_BYTES, checkpointIntervalMs, LONGEST_INTERVAL_MS } from '../../../../src-main/core/floor-state/checkpoint-interval.js';
import { createLiveFloor, type LiveFloor } from '../../../../src-main/core/floor-state/live-floor.js';
import { applyEvents, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import { digestOf, sealLiveState } from '../../../../src-main/core/floor-state/sealed-checkpoint.js';
import { serializeLiveState } from '../../../../src-main/core/floor-state/state.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import { tempDir } from '../../../support/host-process.js';
import { agentLogin, created, floorScript, queueConfigured, type FloorScript } from './floor-script.js';

const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

interface Place {
  readonly dbPath: string;
  readonly checkpointDir: string;
}

function place(): Place {
  const dataDir = tempDir('checkpoint-file');
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  return { dbPath: join(dataDir, 'floorwatch.db'), checkpointDir: join(dataDir, 'live-floor') };
}

function open(at: Place): Store {
  const store = openStore({ path: at.dbPath, migrations: AREA_MIGRATIONS });
  cleanups.unshift(() => store.close());
  return store;
}

/** A small busy floor: queues, agents and conversations, `conversations` of them. */
function busyFloor(conversations: number): FloorScript {
  const script = floorScript();
  script.emit(T0, queueConfigured('q-a', { name: 'A' }));
  script.emit(T0, queueConfigured('q-b', { name: 'B' }));
  for (let agent = 0; agent < 20; agent += 1) script.emit(T0 + agent, agentLogin(`a-${agent}`, agent % 2 === 0 ? ['q-a'] : ['q-a', 'q-b']));
  for (let index = 0; index < conversations; index += 1) {
    const conversationId = `c-${index}`;
    const queueId = index % 3 === 0 ? 'q-b' : 'q-a';
    script.emit(T0 + 1_000 + index * 10, created(conversationId, queueId));
    script.emit(T0 + 1_001 + index * 10, { type: 'conversation.queued', conversationId, queueId });
    if (index % 4 !== 0) script.emit(T0 + 1_005 + index * 10, { type: 'conversation.assigned', conversationId, queueId, agentId: `a-${index % 20}` });
    if (index % 5 === 0) script.emit(T0 + 1_008 + index * 10, { type: 'conversation.ended', conversationId, disposition: 'resolved' });
  }
  return script;
}

/** A store file, a checkpoint directory, a busy floor's events and the live floor over them. */
function startFloor(conversations: number, options: { sliceMs?: number } = {}) {
  const at = place();
  const store = open(at);
  const floor = createLiveFloor({ store, checkpointDir: at.checkpointDir, ...(options.sliceMs === undefined ? {} : { checkpointSliceMs: options.sliceMs }) });
  return { at, store, events: busyFloor(conversations).events, floor };
}

/** Stores events in the live stream's log and applies them to the floor, as the core does. */
function feed(store: Store, floor: LiveFloor, events: readonly FloorEvent[]): void {
  const last = events.at(-1);
  if (last === undefined) return;
  store.ingestBatch({ stream: LIVE_STREAM, epoch: 'e-1', events, lastSeq: last.seq });
  floor.applyEvents(events);
}

/** The state the whole log gives, as text: what every restart must come back to. */
function replayed(events: readonly FloorEvent[]): string {
  return serializeLiveState(applyEvents(createLiveState(), events));
}

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe("the live floor's checkpoint text in slices", () => {
  it('is serializeLiveState\'s text with its digest, however small the slices', async () => {
    const state = applyEvents(createLiveState(), busyFloor(200).events);
    const text = await checkpointTextInSlices(state, { sliceMs: 0 });
    const whole = serializeLiveState(state);
    expect(text?.parts.join('')).toBe(whole);
    expect(text?.digest).toBe(digestOf(whole));
    expect(text?.bytes).toBe(Buffer.byteLength(whole));
    // The same text JSON.stringify gives the checkpoint object, so older builds read it too.
    expect(JSON.parse(whole)).toEqual({
      version: 1,
      lastSeq: state.lastSeq,
      lastEventTime: state.lastEventTime,
      observedSince: state.observedSince,
      queues: [...state.queues.values()],
      agents: [...state.agents.values()],
      conversations: [...state.conversations.values()],
      today: [...state.today.entries()],
      directory: [...state.directory.values()],
      awayReasons: state.awayReasons,
    });
  });

  it('stops when cancelled between slices', async () => {
    const state = applyEvents(createLiveState(), busyFloor(50).events);
    let asked = 0;
    const text = await checkpointTextInSlices(state, { sliceMs: 0, cancelled: () => (asked += 1) > 3 });
    expect(text).toBeNull();
  });
});

describe("the live floor's checkpoint interval", () => {
  it('is the base interval for a small floor and grows in proportion with a large one, up to a bound', () => {
    expect(checkpointIntervalMs(30_000, 0)).toBe(30_000);
    expect(checkpointIntervalMs(30_000, BASE_INTERVAL_BYTES)).toBe(30_000);
    expect(checkpointIntervalMs(30_000, 2 * BASE_INTERVAL_BYTES)).toBe(60_000);
    expect(checkpointIntervalMs(30_000, 3.5 * BASE_INTERVAL_BYTES)).toBe(105_000);
    expect(checkpointIntervalMs(30_000, 100 * BASE_INTERVAL_BYTES)).toBe(LONGEST_INTERVAL_MS);
    // A base longer than the bound is kept as it is.
    expect(checkpointIntervalMs(300_000, 100 * BASE_INTERVAL_BYTES)).toBe(300_000);
  });

  it("waits after a checkpoint as long as its size says before the event path starts the next", async () => {
    const at = place();
    const store = open(at);
    const events = busyFloor(300).events;
    let wall = T0;
    const firstBytes = Buffer.byteLength(replayed(events.slice(0, 400)));
    const floor = createLiveFloor({ store, checkpointDir: at.checkpointDir, now: () => wall, checkpointEveryMs: 1_000, checkpointScaleBytes: Math.floor(firstBytes / 3) });
    feed(store, floor, events.slice(0, 400));
    floor.checkpoint();
    expect(store.loadCheckpoint(LIVE_STREAM)?.seq).toBe(400);
    // Past the base interval, short of three times it (the text is three times the scale): none.
    wall += 2_000;
    feed(store, floor, events.slice(400, 450));
    for (let turn = 0; turn < 20; turn += 1) await nextTurn();
    expect(store.loadCheckpoint(LIVE_STREAM)?.seq).toBe(400);
    // Past three times the base: the next batch starts one, of the state as of that batch (the
    // batch after it, at the same time, starts none: the promise is the one in flight).
    wall += 1_100;
    feed(store, floor, events.slice(450, 500));
    feed(store, floor, events.slice(500, 550));
    await floor.checkpointInBackground();
    expect(store.loadCheckpoint(LIVE_STREAM)?.seq).toBe(500);
  });

  it('keeps the base interval for a floor whose checkpoint is small', async () => {
    const at = place();
    const store = open(at);
    const events = busyFloor(100).events;
    let wall = T0;
    const floor = createLiveFloor({ store, checkpointDir: at.checkpointDir, now: () => wall, checkpointEveryMs: 1_000 });
    feed(store, floor, events.slice(0, 100));
    floor.checkpoint();
    wall += 1_001;
    feed(store, floor, events.slice(100, 150));
    feed(store, floor, events.slice(150, 200));
    await floor.checkpointInBackground();
    expect(store.loadCheckpoint(LIVE_STREAM)?.seq).toBe(150);
  });
});

describe("the live floor's checkpoint file", () => {
  it('is built from the state it began with while the floor moves on, and a restart adds the log after it', async () => {
    const { at, store, events, floor } = startFloor(300, { sliceMs: 0 });
    feed(store, floor, events.slice(0, 400));
    const writing = floor.checkpointInBackground();
    // More batches land between the checkpoint's slices.
    for (let start = 400; start < 700; start += 50) {
      await nextTurn();
      feed(store, floor, events.slice(start, start + 50));
    }
    await writing;
    const row = store.loadCheckpoint(LIVE_STREAM);
    expect(row?.seq).toBe(400);
    const pointer = readPointer(row?.stateJson ?? '');
    expect(filesIn(at.checkpointDir)).toEqual([pointer?.file]);
    expect(readFileSync(join(at.checkpointDir, pointer?.file ?? ''), 'utf8')).toBe(replayed(events.slice(0, 400)));
    feed(store, floor, events.slice(700));
    store.close();

    const restarted = createLiveFloor({ store: open(at), checkpointDir: at.checkpointDir });
    expect(serializeLiveState(restarted.live())).toBe(replayed(events));
  });

  it('replaces the file the row named and leaves one file behind', async () => {
    const { at, store, events, floor } = startFloor(100);
    feed(store, floor, events.slice(0, 100));
    await floor.checkpointInBackground();
    const first = filesIn(at.checkpointDir);
    feed(store, floor, events.slice(100, 200));
    await floor.checkpointInBackground();
    feed(store, floor, events.slice(200));
    floor.checkpoint();
    const files = filesIn(at.checkpointDir);
    expect(files).toHaveLength(1);
    expect(files).not.toEqual(first);
    expect(readPointer(store.loadCheckpoint(LIVE_STREAM)?.stateJson ?? '')?.file).toBe(files[0]);
    expect(store.loadCheckpoint(LIVE_STREAM)?.seq).toBe(events.length);
  });

  it('gives up a background checkpoint when one on the thread comes first, and leaves no partial file', async () => {
    const { at, store, events, floor } = startFloor(200, { sliceMs: 0 });
    feed(store, floor, events.slice(0, 300));
    const writing = floor.checkpointInBackground();
    await nextTurn();
    await nextTurn();
    feed(store, floor, events.slice(300));
    floor.checkpoint();
    await writing;
    expect(store.loadCheckpoint(LIVE_STREAM)?.seq).toBe(events.length);
    expect(filesIn(at.checkpointDir)).toEqual([readPointer(store.loadCheckpoint(LIVE_STREAM)?.stateJson ?? '')?.file]);
  });

  it('rebuilds exactly after a crash tore a checkpoint mid-write, and clears what the crash left', async () => {
    const { at, store, events, floor } = startFloor(200);
    feed(store, floor, events.slice(0, 250));
    await floor.checkpointInBackground();
    feed(store, floor, events.slice(250));
    store.close();
    // What a crash during the next checkpoint leaves: its text partly written, never renamed, and
    // the row still naming the last complete file.
    const [complete] = filesIn(at.checkpointDir);
    const next = replayed(events);
    const torn = `live-floor-${events.length}-0badf00d.json.tmp`;
    writeFileSync(join(at.checkpointDir, torn), next.slice(0, Math.floor(next.length / 2)));

    const restarted = createLiveFloor({ store: open(at), checkpointDir: at.checkpointDir });
    expect(serializeLiveState(restarted.live())).toBe(next);
    expect(filesIn(at.checkpointDir)).toEqual([complete]);
  });

  it('rebuilds from the whole log when the file the row names is damaged or gone', () => {
    for (const damage of ['torn', 'gone'] as const) {
      const { at, store, events, floor } = startFloor(100);
      feed(store, floor, events.slice(0, 150));
      floor.checkpoint();
      feed(store, floor, events.slice(150));
      store.close();
      const [file = ''] = filesIn(at.checkpointDir);
      const path = join(at.checkpointDir, file);
      if (damage === 'torn') writeFileSync(path, readFileSync(path, 'utf8').slice(0, 1_000));
      else rmSync(path);

      const restarted = createLiveFloor({ store: open(at), checkpointDir: at.checkpointDir });
      expect(serializeLiveState(restarted.live())).toBe(replayed(events));
    }
  });

  it('still reads the checkpoint an older build wrote inside the row, sealed or plain, then writes a file', async () => {
    for (const stored of ['sealed', 'plain'] as const) {
      const at = place();
      const store = open(at);
      const events = busyFloor(100).events;
      store.ingestBatch({ stream: LIVE_STREAM, epoch: 'e-1', events: events.slice(0, 150), lastSeq: 150 });
      const before = applyEvents(createLiveState(), events.slice(0, 150));
      store.saveCheckpoint(LIVE_STREAM, 150, before.lastEventTime, stored === 'sealed' ? sealLiveState(before) : serializeLiveState(before));
      store.ingestBatch({ stream: LIVE_STREAM, epoch: 'e-1', events: events.slice(150), lastSeq: events.length });

      const floor = createLiveFloor({ store, checkpointDir: at.checkpointDir });
      expect(serializeLiveState(floor.live())).toBe(replayed(events));
      await floor.checkpointInBackground();
      expect(readPointer(store.loadCheckpoint(LIVE_STREAM)?.stateJson ?? '')).not.toBeNull();
      store.close();
      expect(serializeLiveState(createLiveFloor({ store: open(at), checkpointDir: at.checkpointDir }).live())).toBe(replayed(events));
    }
  });

  it('never names a state of another epoch: a snapshot during a background checkpoint wins', async () => {
    const { at, store, events, floor } = startFloor(100, { sliceMs: 0 });
    feed(store, floor, events);
    const writing = floor.checkpointInBackground();
    await nextTurn();
    const snapshot = floorScript(40);
    snapshot.emit(T0, queueConfigured('q-z', { name: 'Z' }));
    store.applySnapshot({ stream: LIVE_STREAM, epoch: 'e-2', seq: 40, events: snapshot.events });
    floor.applySnapshot({ events: snapshot.events, seq: 40 });
    await writing;
    expect(store.loadCheckpoint(LIVE_STREAM)).toMatchObject({ epoch: 'e-2', seq: 40 });
    store.close();
    expect([...createLiveFloor({ store: open(at), checkpointDir: at.checkpointDir }).live().queues.keys()]).toEqual(['q-z']);
  });
});
