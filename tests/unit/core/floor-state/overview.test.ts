import { describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../../../../src-shared/metrics/dictionary.js';
import { buildOverview, buildQueueTile } from '../../../../src-main/core/floor-state/overview.js';
import { applyEvents, applySnapshot, createLiveState } from '../../../../src-main/core/floor-state/reducer.js';
import { floorScript, queueConfigured } from './floor-script.js';

const T0 = Date.UTC(2024, 2, 5, 12);

function floor() {
  const script = floorScript();
  script.emit(T0, queueConfigured('q-b', { name: 'Billing', serviceLevelTargetSec: 45 }));
  script.emit(T0, queueConfigured('q-a', { name: 'Appointments', channel: 'voice', timeZone: 'Europe/London' }));
  script.emit(T0, { type: 'queue.mitigation', queueId: 'q-b', state: 'paused' });
  for (let index = 0; index < 4; index += 1) script.emit(T0, { type: 'conversation.queued', conversationId: `c${index}`, queueId: 'q-b' });
  return applyEvents(createLiveState(), script.events);
}

describe('buildQueueTile', () => {
  it('carries configuration, every metric and the breaches', () => {
    const tile = buildQueueTile(floor(), 'q-b', T0 + 100_000);
    expect(tile).toMatchObject({ queueId: 'q-b', name: 'Billing', channel: 'chat', timeZone: 'UTC', serviceLevelTargetSec: 45, mitigation: { state: 'paused' }, overflowRules: [] });
    expect(Object.keys(tile.metrics).sort()).toEqual([...METRIC_IDS].sort());
    expect(tile.metrics.queued).toBe(4);
    expect(tile.breaches).toEqual([
      { metricId: 'queued', severity: 'warning' },
      { metricId: 'longestWaitSec', severity: 'warning' },
    ]);
    expect(JSON.parse(JSON.stringify(tile))).toEqual(tile);
  });

  it('throws a clear error for a queue the state does not know', () => {
    expect(() => buildQueueTile(floor(), 'nope', T0)).toThrow(/No queue nope/);
  });
});

describe('buildOverview', () => {
  it('returns a tile per queue sorted by name', () => {
    expect(buildOverview(floor(), T0).map((tile) => tile.name)).toEqual(['Appointments', 'Billing']);
  });

  it('is empty for an empty floor', () => {
    expect(buildOverview(createLiveState(), T0)).toEqual([]);
  });
});

describe('the period "today" covers', () => {
  it('starts at the queue\'s local midnight when the whole stream was seen', () => {
    const tile = buildQueueTile(floor(), 'q-a', T0 + 60_000);
    expect(tile.dayStart).toBe(Date.UTC(2024, 2, 5, 0)); // London is on GMT in early March
    expect(tile.todaySince).toBe(tile.dayStart);
  });

  it('starts when the console first saw the floor, after a mid-day snapshot, until the next midnight', () => {
    const snapshot = floorScript();
    snapshot.emit(T0, queueConfigured('q-b', { name: 'Billing', timeZone: 'America/New_York' }));
    const state = applySnapshot(snapshot.events, 500);
    const tile = buildQueueTile(state, 'q-b', T0 + 60_000);
    expect(tile.dayStart).toBe(Date.UTC(2024, 2, 5, 5));
    expect(tile.todaySince).toBe(T0);
    const nextDay = buildQueueTile(state, 'q-b', Date.UTC(2024, 2, 6, 6));
    expect(nextDay.todaySince).toBe(nextDay.dayStart);
    expect(nextDay.dayStart).toBe(Date.UTC(2024, 2, 6, 5));
  });
});
