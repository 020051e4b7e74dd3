/**
 * Threshold overrides are personal: the user who sets one sees their tiles, rows and panels judged
 * by it, everyone else keeps the organisation's thresholds; `live.thresholds` says which part is
 * whose. Migration 130 gives each override that was console-wide to the user who set it.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessFor } from '../../../../src-main/core/api/session.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { createPreferences } from '../../../../src-main/core/live-insights/preferences.js';
import { openStore } from '../../../../src-main/core/store/store.js';
import type { ThresholdSettings } from '../../../../src-shared/api/live-insights.js';
import type { OverviewMessage, QueueTile } from '../../../../src-shared/api/live.js';
import type { Result } from '../../../../src-shared/result.js';
import { tempDir, waitFor } from '../../../support/host-process.js';
import { ANN, BOB, at, recorder, smallFloor, viewsHarness, type ViewsHarness } from './views-test-kit.js';

let harness: ViewsHarness;
beforeEach(() => {
  harness = viewsHarness({ floorTime: at(30), now: () => 1_700_000_000_000 });
  harness.apply(smallFloor().events);
});
afterEach(async () => {
  await harness.close();
});

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function billing(message: OverviewMessage | undefined): QueueTile | undefined {
  const tiles = message?.kind === 'snapshot' ? message.queues : message?.kind === 'diff' ? message.upsert : [];
  return tiles.find((tile) => tile.queueId === 'q-billing');
}

describe('personal threshold overrides', () => {
  it("judge only their owner's tiles; everyone else keeps the organisation's thresholds", async () => {
    const ann = recorder<OverviewMessage>();
    const bob = recorder<OverviewMessage>();
    harness.overview.subscribe(ANN, ann.listener);
    harness.overview.subscribe(BOB, bob.listener);
    expect(billing(ann.messages[0])?.breaches).toEqual([]);

    value(harness.api.commands['thresholds.override'](accessFor(ANN), { type: 'thresholds.override', queueId: 'q-billing', thresholds: { queuedLow: 1 } }, 'ann-1') as Result<ThresholdSettings>);
    await waitFor(() => billing(ann.last())?.thresholds.queuedLow === 1, { what: "Ann's tile judged by her override" });
    expect(billing(ann.last())?.breaches).toContainEqual({ metricId: 'queued', severity: 'warning' });
    // Bob's view is the organisation's, whatever Ann chose.
    const bobsTile = billing(bob.last()) ?? billing(bob.messages[0]);
    expect(bobsTile?.thresholds.queuedLow).toBe(3);
    expect(bobsTile?.breaches).toEqual([]);

    // A new subscriber of each starts from the same split.
    const annAgain = recorder<OverviewMessage>();
    const bobAgain = recorder<OverviewMessage>();
    harness.overview.subscribe(ANN, annAgain.listener);
    harness.overview.subscribe(BOB, bobAgain.listener);
    expect(billing(annAgain.messages[0])?.thresholds.queuedLow).toBe(1);
    expect(billing(bobAgain.messages[0])?.thresholds.queuedLow).toBe(3);
  });

  it("says which part is the organisation's and which is the user's own", () => {
    value(harness.api.commands['thresholds.override'](accessFor(ANN), { type: 'thresholds.override', queueId: 'q-billing', thresholds: { ahtSec: 100 } }, 'ann-2') as Result<ThresholdSettings>);
    const anns = value(harness.api.queries['live.thresholds'](accessFor(ANN), { type: 'live.thresholds', queueId: 'q-billing' }));
    expect(anns).toMatchObject({ override: { ahtSec: 100 }, overrideBy: 'ann', effective: { ahtSec: 100 }, feed: { ahtSec: 300 } });
    const bobs = value(harness.api.queries['live.thresholds'](accessFor(BOB), { type: 'live.thresholds', queueId: 'q-billing' }));
    expect(bobs).toEqual({ queueId: 'q-billing', feed: anns.feed, override: null, effective: anns.feed });
  });
});

describe('migration 130', () => {
  it('gives each console-wide override to the user who set it, and keeps the change history', () => {
    const dir = tempDir('migration-130');
    const path = join(dir, 'floorwatch.db');
    try {
      const before = openStore({ path, migrations: AREA_MIGRATIONS, schemaVersionLimit: 129 });
      before.database.prepare("INSERT INTO threshold_overrides (queue_id, thresholds, set_by, set_at) VALUES ('q-sales', '{\"queuedHigh\":4}', 'ann', 7)").run();
      before.database.prepare("INSERT INTO threshold_override_changes (queue_id, thresholds, set_by, set_at) VALUES ('q-sales', '{\"queuedHigh\":4}', 'ann', 7)").run();
      before.close();

      const after = openStore({ path, migrations: AREA_MIGRATIONS });
      try {
        expect(after.repository(createPreferences).overrides()).toEqual([{ userId: 'ann', queueId: 'q-sales', thresholds: { queuedHigh: 4 }, setAt: 7 }]);
        expect(after.database.prepare('SELECT count(*) FROM threshold_override_changes').pluck().get()).toBe(1);
      } finally {
        after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
