/**
 * Open and closed on the overview, on a hand-moved clock: a tile says whether its queue is open by
 * its business hours and when that changes, a new diff goes out at the change with no event at
 * all, and a closed queue with nobody in it raises nothing and shows no made-up figure.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../../src-main/core/api/session.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { createLiveFloor } from '../../../../src-main/core/floor-state/live-floor.js';
import { buildGroupTile } from '../../../../src-main/core/floor-state/overview.js';
import { PLAIN_OVERLAYS } from '../../../../src-main/core/live-views/live-source.js';
import { createOverviewPublisher } from '../../../../src-main/core/live-views/overview-publisher.js';
import { openStore } from '../../../../src-main/core/store/store.js';
import type { OverviewMessage, QueueTile } from '../../../../src-shared/api/live.js';
import type { BusinessHours } from '../../../../src-shared/protocol/events.js';
import { tempDir } from '../../../support/host-process.js';
import { manualTimers } from '../../../support/manual-timers.js';
import { floorScript, queueConfigured, type ScriptEvent } from '../floor-state/floor-script.js';

/** Monday 2026-03-09 07:59:00 UTC. */
const T0 = Date.UTC(2026, 2, 9, 7, 59, 0);
const OPENS = Date.UTC(2026, 2, 9, 8, 0, 0);
const CLOSES = Date.UTC(2026, 2, 9, 17, 0, 0);
const ANN: Session = { userId: 'ann', displayName: 'Ann', role: 'wfm_leader', queueScope: null };
const WEEKDAYS: BusinessHours = { windows: [1, 2, 3, 4, 5].map((day) => ({ day, openMinute: 8 * 60, closeMinute: 17 * 60 })), holidays: [] };
const ALWAYS: BusinessHours = { windows: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, openMinute: 0, closeMinute: 1440 })), holidays: [] };

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function withHours(queueId: string, businessHours: BusinessHours): ScriptEvent {
  return { ...queueConfigured(queueId, { name: queueId }), businessHours } as ScriptEvent;
}

function setup() {
  const dataDir = tempDir('overview-hours');
  const store = openStore({ path: join(dataDir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  const timers = manualTimers(T0);
  const floor = createLiveFloor({ store, now: timers.now, floorClock: timers.now });
  const script = floorScript();
  script.emit(T0, withHours('q-office', WEEKDAYS));
  script.emit(T0, withHours('q-always', ALWAYS));
  floor.applyEvents(script.events);
  const publisher = createOverviewPublisher(floor, PLAIN_OVERLAYS, { timers, refreshMs: 3_600_000 });
  const messages: OverviewMessage[] = [];
  publisher.subscribe(ANN, (message) => messages.push(message));
  cleanups.push(() => {
    publisher.close();
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { timers, floor, messages };
}

function tileIn(message: OverviewMessage | undefined, queueId: string): QueueTile | undefined {
  const tiles = message?.kind === 'snapshot' ? message.queues : message?.kind === 'diff' ? message.upsert : [];
  return tiles.find((tile) => tile.queueId === queueId);
}

describe('business hours on the overview', () => {
  it('says closed with the next opening, then open with the closing time, at the change and with no event', () => {
    const { timers, messages } = setup();
    expect(tileIn(messages[0], 'q-office')?.hours).toEqual({ open: false, alwaysOpen: false, changeAt: OPENS, closedBy: 'hours' });
    expect(tileIn(messages[0], 'q-always')?.hours).toEqual({ open: true, alwaysOpen: true, changeAt: null, closedBy: null });

    timers.advance(OPENS - T0 - 1);
    expect(messages).toHaveLength(1);
    timers.advance(1);
    expect(messages).toHaveLength(2);
    const opened = messages[1];
    expect(tileIn(opened, 'q-office')?.hours).toEqual({ open: true, alwaysOpen: false, changeAt: CLOSES, closedBy: null });

    timers.advance(CLOSES - OPENS);
    expect(messages).toHaveLength(3);
    const closed = messages[2];
    // Only the queue that changed is sent again.
    expect(closed?.kind === 'diff' && closed.upsert.map((tile) => tile.queueId)).toEqual(['q-office']);
    expect(tileIn(closed, 'q-office')?.hours).toMatchObject({ open: false, closedBy: 'hours' });
  });

  it('raises nothing for a closed queue with nobody in it and shows no figure that has nothing to count', () => {
    const { messages } = setup();
    const closed = tileIn(messages[0], 'q-office');
    expect(closed?.hours.open).toBe(false);
    expect(closed?.breaches).toEqual([]);
    expect(closed?.metrics).toMatchObject({ queued: 0, serviceLevelPct: null, abandonRatePct: null, avgTimeToAssignTodaySec: null, ahtNowSec: null, occupancyNowPct: null });
  });

  it('counts a group open while any member is, changing when the last open member closes and none has opened', () => {
    const { floor } = setup();
    const group = { groupId: 'g', name: 'G', channel: 'chat' as const, queueIds: ['q-office', 'q-always'], preset: false };
    // One member never closes, so neither does the group, whatever the other does.
    expect(buildGroupTile(floor.live(), group, T0)?.hours).toEqual({ open: true, alwaysOpen: false, changeAt: null, closedBy: null });
    expect(buildGroupTile(floor.live(), { ...group, queueIds: ['q-office'] }, T0)?.hours).toMatchObject({ open: false, closedBy: 'hours' });

    // 08:00–17:00 and 16:00–20:00: open from 08:00 to 20:00 without a break, closed overnight.
    const late: BusinessHours = { windows: [1, 2, 3, 4, 5].map((day) => ({ day, openMinute: 16 * 60, closeMinute: 20 * 60 })), holidays: [] };
    // After the setup's events: the floor applies each seq once.
    const script = floorScript(100);
    script.emit(T0, withHours('q-late', late));
    floor.applyEvents(script.events);
    const staggered = { ...group, queueIds: ['q-office', 'q-late'] };
    expect(buildGroupTile(floor.live(), staggered, T0)?.hours).toEqual({ open: false, alwaysOpen: false, changeAt: OPENS, closedBy: 'hours' });
    const tenAm = Date.UTC(2026, 2, 9, 10, 0, 0);
    const eightPm = Date.UTC(2026, 2, 9, 20, 0, 0);
    expect(buildGroupTile(floor.live(), staggered, tenAm)?.hours).toEqual({ open: true, alwaysOpen: false, changeAt: eightPm, closedBy: null });
    // Asked again later in the same stretch, the answer is the same (it is kept until a member changes).
    expect(buildGroupTile(floor.live(), staggered, tenAm + 60_000)?.hours.changeAt).toBe(eightPm);
    expect(buildGroupTile(floor.live(), staggered, Date.UTC(2026, 2, 9, 18, 0, 0))?.hours.changeAt).toBe(eightPm);
  });
});
