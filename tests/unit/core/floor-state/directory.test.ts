/**
 * The directory and the hours state in the live state: `user.profile` and `agent.away_reasons`
 * applied by the reducer, a profile's queues and slots kept in step with the agent events both
 * ways, and all of it (with the queue's whole business hours) in the checkpoint, so a console that
 * starts offline from its cache shows the same people, reasons and open/closed tiles.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { createLiveFloor } from '../../../../src-main/core/floor-state/live-floor.js';
import { buildOverview } from '../../../../src-main/core/floor-state/overview.js';
import { applyEvents, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import { deserializeLiveState, serializeLiveState } from '../../../../src-main/core/floor-state/state.js';
import { openStore } from '../../../../src-main/core/store/store.js';
import type { BusinessHours } from '../../../../src-shared/protocol/events.js';
import { LIVE_STREAM } from '../../../../src-shared/protocol/frames.js';
import { tempDir } from '../../../support/host-process.js';
import { agentLogin, floorScript, queueConfigured, type ScriptEvent } from './floor-script.js';

/** Monday 2026-03-09 10:00 UTC. */
const T0 = Date.UTC(2026, 2, 9, 10, 0, 0);
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function profile(userId: string, fields: Partial<Extract<ScriptEvent, { type: 'user.profile' }>> = {}): ScriptEvent {
  return {
    type: 'user.profile',
    userId,
    name: `Person ${userId}`,
    kind: 'agent',
    role: null,
    queueScope: null,
    teamId: 'team-1',
    teamName: 'Team 1',
    location: 'Leeds',
    queueIds: ['q-a'],
    slots: 2,
    ...fields,
  };
}

/** Weekdays 08:00–17:00 in the queue's zone, with a special date and a closed message. */
const OFFICE_HOURS: BusinessHours = {
  windows: [1, 2, 3, 4, 5].map((day) => ({ day, openMinute: 8 * 60, closeMinute: 17 * 60 })),
  holidays: ['2026-12-25'],
  special: [{ date: '2026-03-14', windows: [{ openMinute: 600, closeMinute: 720 }] }],
  closedMessage: 'We are closed; back at 8.',
};

describe('the directory in the live state', () => {
  it('files profiles and away reasons, and includes nothing for people the floor never logged in', () => {
    const script = floorScript();
    script.emit(T0, profile('a-1'));
    script.emit(T0, profile('s-1', { kind: 'supervisor', role: 'wfm_leader', queueScope: ['q-a'], queueIds: [], slots: 0 }));
    script.emit(T0, { type: 'agent.away_reasons', reasons: ['Break', 'Lunch'] });
    const state = applyEvents(createLiveState(), script.events);
    expect(state.directory.get('s-1')).toMatchObject({ kind: 'supervisor', role: 'wfm_leader', queueScope: ['q-a'] });
    expect(state.directory.get('a-1')).toMatchObject({ name: 'Person a-1', queueIds: ['q-a'], slots: 2 });
    expect(state.awayReasons).toEqual(['Break', 'Lunch']);
    // A profile alone puts nobody on the floor.
    expect(state.agents.size).toBe(0);
  });

  it("keeps a profile's queues and slots in step with agent.login, agent.queues and agent.capacity", () => {
    const script = floorScript();
    script.emit(T0, profile('a-1', { queueIds: ['q-a'], slots: 2 }));
    script.emit(T0 + 1_000, agentLogin('a-1', ['q-a', 'q-b'], 3));
    let state = applyEvents(createLiveState(), script.events);
    expect(state.directory.get('a-1')).toMatchObject({ queueIds: ['q-a', 'q-b'], slots: 3, name: 'Agent a-1' });

    const mark = script.events.length;
    script.emit(T0 + 2_000, { type: 'agent.queues', agentId: 'a-1', queueIds: ['q-c'] });
    script.emit(T0 + 3_000, { type: 'agent.capacity', agentId: 'a-1', slots: 5 });
    state = applyEvents(state, script.since(mark));
    expect(state.directory.get('a-1')).toMatchObject({ queueIds: ['q-c'], slots: 5 });
    expect([...(state.agentsByQueue.get('q-c') ?? [])]).toEqual(['a-1']);
  });

  it("lets a later profile move an agent on the floor: its queues (routing's membership), slots and names", () => {
    const script = floorScript();
    script.emit(T0, agentLogin('a-1', ['q-a'], 2));
    script.emit(T0 + 1_000, profile('a-1', { name: 'Zoë Ærø', queueIds: ['q-b'], slots: 4 }));
    const state = applyEvents(createLiveState(), script.events);
    expect(state.agents.get('a-1')).toMatchObject({ name: 'Zoë Ærø', queueIds: ['q-b'], slots: 4 });
    expect(state.agentsByQueue.has('q-a')).toBe(false);
    expect([...(state.agentsByQueue.get('q-b') ?? [])]).toEqual(['a-1']);
  });

  it('gives an agent first seen through an event after its profile the profile’s names and queues', () => {
    const script = floorScript();
    script.emit(T0, profile('a-1', { name: 'Ines', queueIds: ['q-a', 'q-b'], slots: 3 }));
    script.emit(T0 + 1_000, { type: 'agent.status', agentId: 'a-1', kind: 'available', reason: '' });
    const state = applyEvents(createLiveState(), script.events);
    expect(state.agents.get('a-1')).toMatchObject({ name: 'Ines', queueIds: ['q-a', 'q-b'], slots: 3 });
    expect(state.directory.get('a-1')?.name).toBe('Ines');
  });

  it('keeps the directory, the away reasons and the whole business hours in the checkpoint', () => {
    const script = floorScript();
    script.emit(T0, { ...queueConfigured('q-a'), businessHours: OFFICE_HOURS } as ScriptEvent);
    script.emit(T0, profile('a-1'));
    script.emit(T0, { type: 'agent.away_reasons', reasons: ['Coaching'] });
    const state = applyEvents(createLiveState(), script.events);
    const restored = deserializeLiveState(serializeLiveState(state));
    expect(restored.directory).toEqual(state.directory);
    expect(restored.awayReasons).toEqual(['Coaching']);
    expect(restored.queues.get('q-a')?.businessHours).toEqual(OFFICE_HOURS);
  });

  it('reads a checkpoint written before the directory existed as an empty directory', () => {
    const state = applyEvents(createLiveState(), floorScript().events);
    const old = JSON.parse(serializeLiveState(state)) as Record<string, unknown>;
    delete old.directory;
    delete old.awayReasons;
    const restored = deserializeLiveState(JSON.stringify(old));
    expect(restored.directory.size).toBe(0);
    expect(restored.awayReasons).toEqual([]);
  });

  it('starts offline from the cache with the same people, reasons and open or closed tiles', () => {
    const dataDir = tempDir('directory-floor');
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const path = join(dataDir, 'floorwatch.db');
    const store = openStore({ path, migrations: AREA_MIGRATIONS });
    const script = floorScript();
    script.emit(T0, { ...queueConfigured('q-a', { timeZone: 'America/New_York' }), businessHours: OFFICE_HOURS } as ScriptEvent);
    script.emit(T0, profile('a-1'));
    script.emit(T0, { type: 'agent.away_reasons', reasons: ['Break'] });
    const first = script.events.slice(0, 2);
    const rest = script.events.slice(2);
    store.ingestBatch({ stream: LIVE_STREAM, epoch: 'e-1', events: first, lastSeq: 2 });
    const floor = createLiveFloor({ store, floorClock: () => T0 });
    floor.applyEvents(first);
    floor.checkpoint();
    store.ingestBatch({ stream: LIVE_STREAM, epoch: 'e-1', events: rest, lastSeq: 3 });
    floor.applyEvents(rest);
    const before = buildOverview(floor.live(), T0);
    store.close();

    const reopened = openStore({ path, migrations: AREA_MIGRATIONS });
    cleanups.unshift(() => reopened.close());
    const restarted = createLiveFloor({ store: reopened, floorClock: () => T0 });
    expect(restarted.live().directory).toEqual(floor.live().directory);
    expect(restarted.live().awayReasons).toEqual(['Break']);
    expect(buildOverview(restarted.live(), T0)).toEqual(before);
    // 10:00 UTC on a Monday is 06:00 in New York: closed until 08:00 there (12:00 UTC).
    expect(before[0]?.hours).toEqual({ open: false, alwaysOpen: false, changeAt: Date.UTC(2026, 2, 9, 12, 0, 0), closedBy: 'hours' });
  });
});
