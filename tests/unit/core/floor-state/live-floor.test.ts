/**
 * The live floor over a real store file: events and snapshots enter through its one door, each
 * change is announced, the floor clock follows the last event, and a new floor over the same
 * store starts where the last checkpoint and the log's tail leave it.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIVE_STREAM } from '../../../../src-shared/protocol/frames.js';
import { createLiveFloor } from '../../../../src-main/core/floor-state/live-floor.js';
import type { LiveChange } from '../../../../src-main/core/live-views/live-source.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import { tempDir } from '../../../support/host-process.js';
import { created, floorScript, queueConfigured } from './floor-script.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';

const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function storeFile(): { store: Store; path: string } {
  const dataDir = tempDir('live-floor');
  const path = join(dataDir, 'floorwatch.db');
  const store = openStore({ path, migrations: AREA_MIGRATIONS });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  return { store, path };
}

function twoQueues() {
  const script = floorScript();
  script.emit(T0, queueConfigured('q-a', { name: 'A' }));
  script.emit(T0, queueConfigured('q-b', { name: 'B' }));
  script.emit(T0 + 5_000, created('c-1', 'q-a'));
  return script;
}

describe('createLiveFloor', () => {
  it('applies events through its door and tells every listener what changed', () => {
    const { store } = storeFile();
    cleanups.unshift(() => store.close());
    const floor = createLiveFloor({ store });
    const heard: LiveChange[] = [];
    floor.onLiveChange(() => {
      throw new Error('a broken listener');
    });
    floor.onLiveChange((change) => heard.push(change));
    const script = twoQueues();
    floor.applyEvents(script.events);
    expect(floor.live().lastSeq).toBe(3);
    expect(floor.live().conversations.has('c-1')).toBe(true);
    expect(heard).toHaveLength(1);
    expect(heard[0]?.replaced).toBe(false);
    expect(heard[0]?.events).toBe(script.events);
    expect([...(heard[0]?.changedQueues ?? [])].sort()).toEqual(['q-a', 'q-b']);
    floor.applyEvents([]);
    expect(heard).toHaveLength(1);
  });

  it('runs the floor clock on from when the feed was last heard, offset by the last event', () => {
    const { store } = storeFile();
    cleanups.unshift(() => store.close());
    let wall = T0 + 60_000;
    let heardAt = wall;
    const floor = createLiveFloor({ store, now: () => wall, heardAt: () => heardAt });
    floor.applyEvents(twoQueues().events);
    // The last event was at T0 + 5 s, applied at wall T0 + 60 s: the floor runs 55 s behind.
    wall += 10_000;
    heardAt = wall;
    expect(floor.floorNow()).toBe(T0 + 15_000);
    heardAt = wall - 4_000;
    expect(floor.floorNow()).toBe(T0 + 11_000);
  });

  it('lets a snapshot replace the state, announces it as replaced and checkpoints it', () => {
    const { store, path } = storeFile();
    const floor = createLiveFloor({ store });
    const heard: LiveChange[] = [];
    floor.onLiveChange((change) => heard.push(change));
    floor.applyEvents(twoQueues().events);
    const snapshot = floorScript(40);
    snapshot.emit(T0, queueConfigured('q-z', { name: 'Z' }));
    store.applySnapshot({ stream: LIVE_STREAM, epoch: 'e-2', seq: 40, events: snapshot.events });
    floor.applySnapshot({ events: snapshot.events, seq: 40 });
    expect([...floor.live().queues.keys()]).toEqual(['q-z']);
    expect(heard[1]).toEqual({ events: [], changedQueues: new Set(['q-z']), replaced: true });
    store.close();

    const reopened = openStore({ path, migrations: AREA_MIGRATIONS });
    cleanups.unshift(() => reopened.close());
    expect([...createLiveFloor({ store: reopened }).live().queues.keys()]).toEqual(['q-z']);
  });

  it('starts a new floor from the last checkpoint plus the events stored after it', () => {
    const { store, path } = storeFile();
    const script = twoQueues();
    const first = script.events.slice(0, 2);
    store.ingestBatch({ stream: LIVE_STREAM, epoch: 'e-1', events: first, lastSeq: 2 });
    const floor = createLiveFloor({ store });
    floor.applyEvents(first);
    floor.checkpoint();
    const rest = script.events.slice(2);
    store.ingestBatch({ stream: LIVE_STREAM, epoch: 'e-1', events: rest, lastSeq: 3 });
    floor.applyEvents(rest);
    store.close();

    const reopened = openStore({ path, migrations: AREA_MIGRATIONS });
    cleanups.unshift(() => reopened.close());
    const restarted = createLiveFloor({ store: reopened });
    expect(restarted.live().lastSeq).toBe(3);
    expect(restarted.live().conversations.has('c-1')).toBe(true);
  });
});
